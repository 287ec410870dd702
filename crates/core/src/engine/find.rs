//! Looking a step's result up on the account: the SID of what a create made (found by its
//! name, domain, address or username), or whether an association is in place. Used before a
//! create whose outcome is unknown is retried, and by `resume` / `rollback` for steps whose
//! journal record was lost.

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error};

use super::exec::{Outputs, resolve, sid};
use super::step::{Op, Ref};

/// Looks for the result of `op` on the account: the SID of what it creates (or `""` for an
/// association that is in place), `None` when it has not happened.
pub(crate) async fn find(client: &Client, op: &Op, out: &Outputs) -> Result<Option<String>, Error> {
    let r = |x: &Ref| resolve(x, out);
    let done = |b: bool| if b { Some(String::new()) } else { None };
    Ok(match op {
        Op::CreateTrunk { fields } => client
            .list_trunks()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|t| t.domain_name.as_deref() == Some(fields.domain_name.as_str()))
            .map(|t| t.sid.to_string()),
        Op::CreateIpAcl { name } => client
            .list_ip_acls()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|a| a.friendly_name.as_deref() == Some(name.as_str()))
            .map(|a| a.sid.to_string()),
        Op::CreateIpAddress { acl, ip, prefix } => client
            .list_ip_addresses(&sid!(IpAccessControlListSid, &r(acl)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|a| {
                a.ip_address.as_deref() == Some(ip.as_str())
                    && a.cidr_prefix_length.unwrap_or(32) == *prefix
            })
            .map(|a| a.sid.to_string()),
        Op::CreateCredentialList { name } => client
            .list_credential_lists()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|a| a.friendly_name.as_deref() == Some(name.as_str()))
            .map(|a| a.sid.to_string()),
        Op::CreateCredential { list, username, .. } => client
            .list_credentials(&sid!(CredentialListSid, &r(list)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|c| c.username.as_deref() == Some(username.as_str()))
            .map(|c| c.sid.to_string()),
        Op::LinkTrunkIpAcl { trunk, acl } => {
            let want = r(acl)?;
            let links: Vec<_> = client
                .list_trunk_ip_acls(&sid!(TrunkSid, &r(trunk)?))
                .try_collect()
                .await?;
            done(links.iter().any(|l| l.sid.as_str() == want))
        }
        Op::LinkTrunkCredentialList { trunk, list } => {
            let want = r(list)?;
            let links: Vec<_> = client
                .list_trunk_credential_lists(&sid!(TrunkSid, &r(trunk)?))
                .try_collect()
                .await?;
            done(links.iter().any(|l| l.sid.as_str() == want))
        }
        Op::CreateOriginationUrl { trunk, fields } => client
            .list_origination_urls(&sid!(TrunkSid, &r(trunk)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|u| u.friendly_name.as_deref() == Some(fields.friendly_name.as_str()))
            .map(|u| u.sid.to_string()),
        Op::DetachNumber {
            trunk, number_sid, ..
        } => {
            let n = client
                .fetch_incoming_phone_number(&sid!(PhoneNumberSid, number_sid))
                .await?;
            done(n.trunk_sid.as_ref().map(|t| t.as_str()) != Some(trunk.as_str()))
        }
        Op::AttachNumber {
            trunk, number_sid, ..
        } => {
            let n = client
                .fetch_incoming_phone_number(&sid!(PhoneNumberSid, number_sid))
                .await?;
            done(n.trunk_sid.as_ref().map(|t| t.to_string()) == Some(r(trunk)?))
        }
        Op::CreateConnectionPolicy { name } => client
            .list_connection_policies()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|p| p.friendly_name.as_deref() == Some(name.as_str()))
            .map(|p| p.sid.to_string()),
        Op::CreateTarget { policy, fields } => client
            .list_targets(&sid!(ConnectionPolicySid, &r(policy)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|t| t.target.as_deref() == Some(fields.target.as_str()))
            .map(|t| t.sid.to_string()),
        Op::CreateByocTrunk { fields } => client
            .list_byoc_trunks()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|t| t.friendly_name.as_deref() == Some(fields.friendly_name.as_str()))
            .map(|t| t.sid.to_string()),
        Op::CreateSipDomain { fields } => client
            .list_sip_domains()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|d| d.domain_name.as_deref() == Some(fields.domain_name.as_str()))
            .map(|d| d.sid.to_string()),
        Op::MapDomain {
            domain,
            mapping,
            list,
        } => {
            let want = r(list)?;
            let m: Vec<_> = client
                .list_domain_mappings(&sid!(SipDomainSid, &r(domain)?), mapping.twilio())
                .try_collect()
                .await?;
            done(m.iter().any(|x| x.sid == want))
        }
        Op::DeleteIpAddress { acl, sid, .. } => absent(
            client
                .list_ip_addresses(&sid!(IpAccessControlListSid, acl))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|a| a.sid.as_str() == sid)),
        )?,
        Op::DeleteCredential { list, sid, .. } => absent(
            client
                .list_credentials(&sid!(CredentialListSid, list))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|c| c.sid.as_str() == sid)),
        )?,
        Op::DeleteOriginationUrl { trunk, sid, .. } => absent(
            client
                .list_origination_urls(&sid!(TrunkSid, trunk))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|u| u.sid.as_str() == sid)),
        )?,
        Op::UnlinkTrunkIpAcl { trunk, acl } => absent(
            client
                .list_trunk_ip_acls(&sid!(TrunkSid, trunk))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|l| l.sid.as_str() == acl)),
        )?,
        Op::UnlinkTrunkCredentialList { trunk, list } => absent(
            client
                .list_trunk_credential_lists(&sid!(TrunkSid, trunk))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|l| l.sid.as_str() == list)),
        )?,
        Op::DeleteTarget { policy, sid, .. } => absent(
            client
                .list_targets(&sid!(ConnectionPolicySid, policy))
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|t| t.sid.as_str() == sid)),
        )?,
        Op::UnmapDomain {
            domain,
            mapping,
            list,
        } => absent(
            client
                .list_domain_mappings(&sid!(SipDomainSid, domain), mapping.twilio())
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.iter().any(|m| &m.sid == list)),
        )?,
        Op::DeleteTrunk { sid, .. } => {
            absent(client.fetch_trunk(&sid!(TrunkSid, sid)).await.map(|_| true))?
        }
        Op::DeleteIpAcl { sid, .. } => absent(
            client
                .fetch_ip_acl(&sid!(IpAccessControlListSid, sid))
                .await
                .map(|_| true),
        )?,
        Op::DeleteCredentialList { sid, .. } => absent(
            client
                .fetch_credential_list(&sid!(CredentialListSid, sid))
                .await
                .map(|_| true),
        )?,
        Op::Router(op) => super::exec_router::find(client, op, out).await?,
        // Updates set fields to given values: repeating them is harmless.
        Op::UpdateTrunk { .. }
        | Op::UpdateRecording { .. }
        | Op::UpdateOriginationUrl { .. }
        | Op::UpdateTarget { .. }
        | Op::UpdateByocTrunk { .. }
        | Op::UpdateSipDomain { .. } => None,
    })
}

/// A removal has happened when its target is no longer there (`still_there` false, or the
/// parent itself is gone).
fn absent(still_there: Result<bool, Error>) -> Result<Option<String>, Error> {
    match still_there {
        Ok(true) => Ok(None),
        Ok(false) => Ok(Some(String::new())),
        Err(e) if e.is_not_found() => Ok(Some(String::new())),
        Err(e) => Err(e),
    }
}
