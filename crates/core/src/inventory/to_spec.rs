//! "Open in wizard": one live Elastic SIP trunk read back into the [`ElasticTrunk`] spec that
//! describes it exactly (its settings, recording, lists with their addresses and usernames,
//! origination URLs and numbers, in a stable order), so planning it right away gives an empty
//! plan and changing it goes through the same plan / apply path as creating one.

use futures::{StreamExt, TryStreamExt};
use switchboard_twilio::{
    Client, Error, RecordingMode, RecordingTrim, TransferCallerId, TransferMode, TrunkSid,
};

use super::{address, name};
use crate::spec::{CredentialListSpec, ElasticTrunk, IpAclSpec, OriginationUrlSpec, RecordingSpec};

/// The spec that describes a live trunk exactly as it is ("open in wizard"): planning it right
/// away gives an empty plan.
pub async fn spec_from_trunk(client: &Client, trunk_sid: &TrunkSid) -> Result<ElasticTrunk, Error> {
    let trunk = client.fetch_trunk(trunk_sid).await?;
    let (recording, acl_links, cl_links, origs, numbers) = futures::try_join!(
        client.fetch_recording(trunk_sid),
        client.list_trunk_ip_acls(trunk_sid).try_collect::<Vec<_>>(),
        client
            .list_trunk_credential_lists(trunk_sid)
            .try_collect::<Vec<_>>(),
        client
            .list_origination_urls(trunk_sid)
            .try_collect::<Vec<_>>(),
        client
            .list_trunk_phone_numbers(trunk_sid)
            .try_collect::<Vec<_>>(),
    )?;
    let ip_acls: Vec<IpAclSpec> = futures::stream::iter(acl_links)
        .map(|l| async move {
            let acl = client.fetch_ip_acl(&l.sid).await?;
            let addresses = client
                .list_ip_addresses(&l.sid)
                .map_ok(|ip| address(ip.ip_address, ip.cidr_prefix_length))
                .try_collect::<Vec<_>>()
                .await?;
            Ok::<_, Error>(IpAclSpec {
                name: name(acl.friendly_name.or(l.friendly_name), l.sid.as_str()),
                addresses,
            })
        })
        .buffered(8)
        .try_collect()
        .await?;
    let credential_lists: Vec<CredentialListSpec> = futures::stream::iter(cl_links)
        .map(|l| async move {
            let list = client.fetch_credential_list(&l.sid).await?;
            let usernames = client
                .list_credentials(&l.sid)
                .map_ok(|c| c.username.unwrap_or_default())
                .try_collect::<Vec<_>>()
                .await?;
            Ok::<_, Error>(CredentialListSpec {
                name: name(list.friendly_name.or(l.friendly_name), l.sid.as_str()),
                usernames,
            })
        })
        .buffered(8)
        .try_collect()
        .await?;
    let mut origination_urls: Vec<OriginationUrlSpec> = origs
        .into_iter()
        .map(|o| OriginationUrlSpec {
            name: name(o.friendly_name, o.sid.as_str()),
            sip_url: o.sip_url.unwrap_or_default(),
            priority: o.priority.unwrap_or(10),
            weight: o.weight.unwrap_or(10),
            enabled: o.enabled.unwrap_or(true),
        })
        .collect();
    origination_urls.sort_by(|a, b| (a.priority, &a.name).cmp(&(b.priority, &b.name)));
    let mut numbers: Vec<String> = numbers.into_iter().filter_map(|n| n.phone_number).collect();
    numbers.sort();
    Ok(ElasticTrunk {
        name: name(trunk.friendly_name, trunk_sid.as_str()),
        termination_domain: trunk.domain_name.unwrap_or_default(),
        secure: trunk.secure.unwrap_or(false),
        cnam_lookup: trunk.cnam_lookup_enabled.unwrap_or(false),
        transfer_mode: trunk.transfer_mode.unwrap_or(TransferMode::DisableAll),
        transfer_caller_id: trunk
            .transfer_caller_id
            .unwrap_or(TransferCallerId::FromTransferee),
        disaster_recovery_url: trunk.disaster_recovery_url.filter(|u| !u.is_empty()),
        disaster_recovery_method: trunk
            .disaster_recovery_method
            .unwrap_or(switchboard_twilio::HttpMethod::Post),
        recording: RecordingSpec {
            mode: recording.mode.unwrap_or(RecordingMode::DoNotRecord),
            trim: recording.trim.unwrap_or(RecordingTrim::DoNotTrim),
        },
        ip_acls,
        credential_lists,
        origination_urls,
        numbers,
    })
}
