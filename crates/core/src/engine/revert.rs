//! Undoing one step that this run carried out: delete what it created, detach what it
//! associated (never deleting a number), put back the previous values of what it updated.
//! "Already gone" (404) counts as undone, so a rollback can itself be repeated.

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error};

use super::SecretSource;
use super::exec::{
    Outputs, Previous, byoc_params, domain_params, resolve, restore, sid, target_params,
    trunk_params,
};
use super::step::Op;

/// Reverts `op`, whose own result (for creates: the new SID) is `own`; `secrets` holds what
/// the run kept aside (a number's voice URL with its password). Returns a note for the person
/// watching when the step could be undone only in part (the URL is back without its password:
/// the note says so, and what to do).
pub(crate) async fn revert_with(
    client: &Client,
    op: &Op,
    own: Option<&str>,
    out: &Outputs,
    secrets: &dyn SecretSource,
) -> Result<Option<String>, Error> {
    let result = match op {
        Op::AttachNumber { trunk, .. } => {
            let was = Previous::of(op).expect("an attach step");
            match detach(client, &resolve(trunk, out)?, was.number_sid).await {
                Ok(()) => restore(client, &was, secrets).await,
                Err(e) => Err(e),
            }
        }
        _ => revert_inner(client, op, own, out).await.map(|()| None),
    };
    match result {
        Err(e) if e.is_not_found() => Ok(None),
        other => other,
    }
}

/// Takes the number off `trunk` if it is still there.
async fn detach(client: &Client, trunk: &str, number_sid: &str) -> Result<(), Error> {
    let n = client
        .fetch_incoming_phone_number(&sid!(PhoneNumberSid, number_sid))
        .await?;
    if n.trunk_sid.as_ref().map(|t| t.as_str()) == Some(trunk) {
        client
            .remove_trunk_phone_number(&sid!(TrunkSid, trunk), &sid!(PhoneNumberSid, number_sid))
            .await?;
    }
    Ok(())
}

/// The SID a create step recorded (what its rollback deletes), or why there is none.
pub(crate) fn own_sid(own: Option<&str>) -> Result<String, Error> {
    own.filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| Error::InvalidInput {
            field: "sid".into(),
            value: String::new(),
            rule: "the journal has no SID for this created resource".into(),
        })
}

async fn revert_inner(
    client: &Client,
    op: &Op,
    own: Option<&str>,
    out: &Outputs,
) -> Result<(), Error> {
    let r = |x| resolve(x, out);
    let own = || own_sid(own);
    match op {
        Op::CreateTrunk { .. } => client.delete_trunk(&sid!(TrunkSid, &own()?)).await,
        Op::UpdateTrunk { trunk, old, .. } => client
            .update_trunk(&sid!(TrunkSid, trunk), &trunk_params(old))
            .await
            .map(|_| ()),
        Op::UpdateRecording {
            trunk,
            old_mode,
            old_trim,
            ..
        } => client
            .update_recording(
                &sid!(TrunkSid, &r(trunk)?),
                Some(*old_mode),
                Some(*old_trim),
            )
            .await
            .map(|_| ()),
        Op::CreateIpAcl { .. } => {
            client
                .delete_ip_acl(&sid!(IpAccessControlListSid, &own()?))
                .await
        }
        Op::CreateIpAddress { acl, .. } => {
            client
                .delete_ip_address(
                    &sid!(IpAccessControlListSid, &r(acl)?),
                    &sid!(IpAddressSid, &own()?),
                )
                .await
        }
        Op::CreateCredentialList { .. } => {
            client
                .delete_credential_list(&sid!(CredentialListSid, &own()?))
                .await
        }
        Op::CreateCredential { list, .. } => {
            client
                .delete_credential(
                    &sid!(CredentialListSid, &r(list)?),
                    &sid!(CredentialSid, &own()?),
                )
                .await
        }
        Op::LinkTrunkIpAcl { trunk, acl } => {
            client
                .remove_trunk_ip_acl(
                    &sid!(TrunkSid, &r(trunk)?),
                    &sid!(IpAccessControlListSid, &r(acl)?),
                )
                .await
        }
        Op::LinkTrunkCredentialList { trunk, list } => {
            client
                .remove_trunk_credential_list(
                    &sid!(TrunkSid, &r(trunk)?),
                    &sid!(CredentialListSid, &r(list)?),
                )
                .await
        }
        Op::CreateOriginationUrl { trunk, .. } => {
            client
                .delete_origination_url(
                    &sid!(TrunkSid, &r(trunk)?),
                    &sid!(OriginationUrlSid, &own()?),
                )
                .await
        }
        Op::UpdateOriginationUrl {
            trunk, sid, old, ..
        } => {
            let p = switchboard_twilio::OriginationUrlUpdate {
                friendly_name: Some(old.friendly_name.clone()),
                sip_url: Some(old.sip_url.clone()),
                priority: Some(old.priority),
                weight: Some(old.weight),
                enabled: Some(old.enabled),
            };
            client
                .update_origination_url(&sid!(TrunkSid, trunk), &sid!(OriginationUrlSid, sid), &p)
                .await
                .map(|_| ())
        }
        Op::DetachNumber {
            trunk, number_sid, ..
        } => {
            let n = client
                .fetch_incoming_phone_number(&sid!(PhoneNumberSid, number_sid))
                .await?;
            if n.trunk_sid.as_ref().map(|t| t.as_str()) == Some(trunk.as_str()) {
                return Ok(());
            }
            client
                .add_trunk_phone_number(&sid!(TrunkSid, trunk), &sid!(PhoneNumberSid, number_sid))
                .await
                .map(|_| ())
        }
        Op::AttachNumber { .. } => unreachable!("`revert_with` undoes a number attachment"),
        Op::CreateConnectionPolicy { .. } => {
            client
                .delete_connection_policy(&sid!(ConnectionPolicySid, &own()?))
                .await
        }
        Op::CreateTarget { policy, .. } => {
            client
                .delete_target(
                    &sid!(ConnectionPolicySid, &r(policy)?),
                    &sid!(ConnectionPolicyTargetSid, &own()?),
                )
                .await
        }
        Op::UpdateTarget {
            policy, sid, old, ..
        } => client
            .update_target(
                &sid!(ConnectionPolicySid, policy),
                &sid!(ConnectionPolicyTargetSid, sid),
                &target_params(old),
            )
            .await
            .map(|_| ()),
        Op::CreateByocTrunk { .. } => client.delete_byoc_trunk(&sid!(ByocTrunkSid, &own()?)).await,
        Op::UpdateByocTrunk { sid, old, .. } => client
            .update_byoc_trunk(&sid!(ByocTrunkSid, sid), &byoc_params(old, out)?)
            .await
            .map(|_| ()),
        Op::CreateSipDomain { .. } => client.delete_sip_domain(&sid!(SipDomainSid, &own()?)).await,
        Op::UpdateSipDomain { sid, old, .. } => client
            .update_sip_domain(&sid!(SipDomainSid, sid), &domain_params(old))
            .await
            .map(|_| ()),
        Op::MapDomain {
            domain,
            mapping,
            list,
        } => {
            client
                .remove_domain_mapping(
                    &sid!(SipDomainSid, &r(domain)?),
                    mapping.twilio(),
                    &r(list)?,
                )
                .await
        }
        Op::DeleteIpAddress {
            acl,
            ip,
            prefix,
            friendly_name,
            ..
        } => {
            let p = switchboard_twilio::NewIpAddress {
                friendly_name: friendly_name.clone(),
                ip_address: ip.clone(),
                cidr_prefix_length: Some(*prefix),
            };
            client
                .create_ip_address(&sid!(IpAccessControlListSid, acl), &p)
                .await
                .map(|_| ())
        }
        Op::DeleteOriginationUrl { trunk, fields, .. } => {
            let p = switchboard_twilio::NewOriginationUrl {
                friendly_name: fields.friendly_name.clone(),
                sip_url: fields.sip_url.clone(),
                priority: fields.priority,
                weight: fields.weight,
                enabled: fields.enabled,
            };
            client
                .create_origination_url(&sid!(TrunkSid, trunk), &p)
                .await
                .map(|_| ())
        }
        Op::UnlinkTrunkIpAcl { trunk, acl } => client
            .add_trunk_ip_acl(&sid!(TrunkSid, trunk), &sid!(IpAccessControlListSid, acl))
            .await
            .map(|_| ()),
        Op::UnlinkTrunkCredentialList { trunk, list } => client
            .add_trunk_credential_list(&sid!(TrunkSid, trunk), &sid!(CredentialListSid, list))
            .await
            .map(|_| ()),
        Op::DeleteTarget { policy, fields, .. } => client
            .create_target(&sid!(ConnectionPolicySid, policy), &target_params(fields))
            .await
            .map(|_| ()),
        Op::UnmapDomain {
            domain,
            mapping,
            list,
        } => {
            let have: Vec<_> = client
                .list_domain_mappings(&sid!(SipDomainSid, domain), mapping.twilio())
                .try_collect()
                .await?;
            if have.iter().any(|m| &m.sid == list) {
                return Ok(());
            }
            client
                .add_domain_mapping(&sid!(SipDomainSid, domain), mapping.twilio(), list)
                .await
                .map(|_| ())
        }
        // The run reports these as not restored instead of reverting them (see `rollback_run`).
        Op::DeleteCredential { .. }
        | Op::DeleteTrunk { .. }
        | Op::DeleteIpAcl { .. }
        | Op::DeleteCredentialList { .. } => Err(Error::InvalidInput {
            field: "step".into(),
            value: op.irreversible().unwrap_or_default().into(),
            rule: "this removal cannot be undone".into(),
        }),
        Op::Router(op) => super::exec_router::revert(client, op, own().ok().as_deref(), out).await,
    }
}
