//! Reading an Elastic SIP trunk spec's live state: every trunk (the spec's is matched by
//! termination domain, else by name), the account's numbers the spec lists or the trunk
//! routes, the account's lists, and what hangs off the matched trunk (recording, linked lists,
//! origination URLs) — read at the same time as the lists when the plan already knows the
//! trunk's SID.

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error, NumberFilter, RecordingMode, RecordingTrim, TrunkSid};

use super::lists::read_lists;
use super::{ElasticLive, Known, Named, NumberView, Speculative, TrunkDetail, opt};
use crate::engine::step::{OriginationFields, TrunkFields};

/// What hangs off a trunk: recording, linked lists, origination URLs.
type TrunkParts = (
    (RecordingMode, RecordingTrim),
    Vec<String>,
    Vec<String>,
    Vec<(String, OriginationFields)>,
);

/// A trunk's origination URLs as (SID, fields) in SID order, Twilio's defaults filled in.
pub(crate) fn origination_fields(
    urls: Vec<switchboard_twilio::OriginationUrl>,
) -> Vec<(String, OriginationFields)> {
    let mut out: Vec<(String, OriginationFields)> = urls
        .into_iter()
        .map(|u| {
            (
                u.sid.to_string(),
                OriginationFields {
                    friendly_name: u.friendly_name.unwrap_or_default(),
                    sip_url: u.sip_url.unwrap_or_default(),
                    priority: u.priority.unwrap_or(10),
                    weight: u.weight.unwrap_or(10),
                    enabled: u.enabled.unwrap_or(true),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

async fn trunk_parts(client: &Client, sid: String) -> Result<TrunkParts, Error> {
    let sid = TrunkSid::parse(&sid).map_err(|e| Error::InvalidInput {
        field: "trunk".into(),
        value: sid.clone(),
        rule: e.to_string(),
    })?;
    let (rec, acls, cls, urls) = tokio::try_join!(
        client.fetch_recording(&sid),
        client.list_trunk_ip_acls(&sid).try_collect::<Vec<_>>(),
        client
            .list_trunk_credential_lists(&sid)
            .try_collect::<Vec<_>>(),
        client.list_origination_urls(&sid).try_collect::<Vec<_>>(),
    )?;
    let mut acl_links: Vec<String> = acls.into_iter().map(|l| l.sid.to_string()).collect();
    acl_links.sort();
    let mut credential_list_links: Vec<String> =
        cls.into_iter().map(|l| l.sid.to_string()).collect();
    credential_list_links.sort();
    let origination_urls = origination_fields(urls);
    let recording = (
        rec.mode.unwrap_or(RecordingMode::DoNotRecord),
        rec.trim.unwrap_or(RecordingTrim::DoNotTrim),
    );
    Ok((
        recording,
        acl_links,
        credential_list_links,
        origination_urls,
    ))
}

pub(super) async fn read_elastic(
    t: &crate::spec::ElasticTrunk,
    client: &Client,
    known: &Known,
) -> Result<ElasticLive, Error> {
    let cls: Vec<String> = t.credential_lists.iter().map(|c| c.name.clone()).collect();
    let trunks = client.list_trunks().try_collect::<Vec<_>>();
    let numbers = client
        .list_incoming_phone_numbers(&NumberFilter {
            page_size: Some(1000),
            ..NumberFilter::default()
        })
        .try_collect::<Vec<_>>();
    let lists = read_lists(client, &t.ip_acls, &cls, known);
    let parts = Speculative::start(known, |sid| trunk_parts(client, sid));
    let (trunks, numbers, lists, parts) = tokio::join!(trunks, numbers, lists, parts);
    let (trunks, numbers, lists) = (trunks?, numbers?, lists?);
    let matched = trunks
        .iter()
        .find(|tr| tr.domain_name.as_deref() == Some(t.termination_domain.as_str()))
        .or_else(|| {
            trunks
                .iter()
                .find(|tr| tr.friendly_name.as_deref() == Some(t.name.as_str()))
        })
        .cloned();
    // The spec's numbers, and those on the trunk (which the spec may no longer list).
    // A set, not a scan of the spec per number: an account of thousands of numbers against a
    // spec of thousands is millions of comparisons, on the run's critical path in the check.
    let on_trunk = matched.as_ref().map(|tr| tr.sid.as_str());
    let in_spec: std::collections::HashSet<&str> = t.numbers.iter().map(String::as_str).collect();
    let wanted = |n: &switchboard_twilio::IncomingPhoneNumber| {
        in_spec.contains(n.phone_number.as_str())
            || (on_trunk.is_some() && n.trunk_sid.as_ref().map(|s| s.as_str()) == on_trunk)
    };
    let mut numbers: Vec<NumberView> = numbers
        .into_iter()
        .filter(|n| wanted(n))
        .map(|n| NumberView {
            sid: n.sid.to_string(),
            number: n.phone_number,
            trunk_sid: n.trunk_sid.map(|s| s.to_string()),
            voice_url: opt(n.voice_url),
            voice_application_sid: n.voice_application_sid.map(|s| s.to_string()),
        })
        .collect();
    numbers.sort_by(|a, b| a.number.cmp(&b.number));
    let mut named: Vec<Named> = trunks
        .into_iter()
        .map(|tr| Named {
            sid: tr.sid.to_string(),
            name: tr.friendly_name.unwrap_or_default(),
        })
        .collect();
    named.sort_by(|a, b| a.sid.cmp(&b.sid));
    let picked = match &matched {
        None => None,
        Some(tr) => parts
            .pick(tr.sid.as_str(), |sid| trunk_parts(client, sid))
            .await?
            .map(|p| (tr.clone(), p)),
    };
    let trunk = match picked {
        None => None,
        Some((tr, parts)) => {
            let (recording, acl_links, credential_list_links, origination_urls) = parts;
            Some(TrunkDetail {
                sid: tr.sid.to_string(),
                fields: TrunkFields {
                    friendly_name: tr.friendly_name.unwrap_or_default(),
                    domain_name: tr.domain_name.unwrap_or_default(),
                    secure: tr.secure.unwrap_or(false),
                    cnam_lookup_enabled: tr.cnam_lookup_enabled.unwrap_or(false),
                    transfer_mode: tr
                        .transfer_mode
                        .unwrap_or(switchboard_twilio::TransferMode::DisableAll),
                    transfer_caller_id: tr
                        .transfer_caller_id
                        .unwrap_or(switchboard_twilio::TransferCallerId::FromTransferee),
                    disaster_recovery_url: opt(tr.disaster_recovery_url),
                    disaster_recovery_method: tr
                        .disaster_recovery_method
                        .unwrap_or(switchboard_twilio::HttpMethod::Post),
                },
                recording,
                acl_links,
                credential_list_links,
                origination_urls,
            })
        }
    };
    Ok(ElasticLive {
        trunks: named,
        trunk,
        lists,
        numbers,
    })
}
