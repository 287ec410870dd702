//! Running one step: the Twilio call for each [`Op`], and the look-up that settles a create whose
//! outcome is unknown (a dropped connection, a 5xx) before it is retried, so a retry never makes
//! a duplicate. Twilio has no idempotency keys; the resource's name is the key.

use std::collections::HashMap;

use switchboard_twilio::{Client, Error, NewIpAddress, NewOriginationUrl, OriginationUrlUpdate};

use super::SecretSource;
use super::step::{Op, Ref, StepId};

mod attach;
mod params;

pub(crate) use attach::{Previous, restore};
pub(crate) use params::{byoc_params, domain_params, target_params, trunk_params};

/// Parses a SID the engine stored, as the typed SID the client wants.
macro_rules! sid {
    ($ty:ident, $s:expr) => {{
        let value: &str = $s;
        switchboard_twilio::$ty::parse(value).map_err(|e| Error::InvalidInput {
            field: stringify!($ty).into(),
            value: value.to_string(),
            rule: e.to_string(),
        })?
    }};
}
pub(crate) use sid;

/// SIDs created so far in this run, by step.
pub type Outputs = HashMap<StepId, String>;

pub(crate) fn resolve(r: &Ref, out: &Outputs) -> Result<String, Error> {
    match r {
        Ref::Sid(s) => Ok(s.clone()),
        Ref::Step(i) => out.get(i).cloned().ok_or_else(|| Error::InvalidInput {
            field: "step".into(),
            value: i.to_string(),
            rule: "a step this one depends on has no SID yet".into(),
        }),
    }
}

/// Whether the request may have been carried out even though it failed.
pub(crate) fn uncertain(e: &Error) -> bool {
    match e {
        Error::Network { maybe_applied, .. } => *maybe_applied,
        Error::Timeout(_) => true,
        Error::Api { status, .. } => *status >= 500 || *status == 429,
        _ => false,
    }
}

/// Runs `op`. `recovering` is set when an earlier attempt may have reached Twilio: the
/// resource is then looked up first and adopted if it is there.
pub(crate) async fn run(
    client: &Client,
    op: &Op,
    out: &Outputs,
    secrets: &dyn SecretSource,
    mut recovering: bool,
) -> Result<Option<String>, Error> {
    let mut attempts = 0;
    loop {
        if recovering && let Some(found) = super::find::find(client, op, out).await? {
            return Ok(Some(found));
        }
        match send(client, op, out, secrets).await {
            Ok(sid) => return Ok(sid),
            Err(e) if uncertain(&e) && attempts < 4 => {
                attempts += 1;
                recovering = true;
                tokio::time::sleep(std::time::Duration::from_millis(50 * attempts)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn send(
    client: &Client,
    op: &Op,
    out: &Outputs,
    secrets: &dyn SecretSource,
) -> Result<Option<String>, Error> {
    let r = |x: &Ref| resolve(x, out);
    Ok(match op {
        Op::CreateTrunk { fields } => Some(
            client
                .create_trunk(&trunk_params(fields))
                .await?
                .sid
                .to_string(),
        ),
        Op::UpdateTrunk { trunk, new, .. } => {
            client
                .update_trunk(&sid!(TrunkSid, trunk), &trunk_params(new))
                .await?;
            None
        }
        Op::UpdateRecording {
            trunk, mode, trim, ..
        } => {
            client
                .update_recording(&sid!(TrunkSid, &r(trunk)?), Some(*mode), Some(*trim))
                .await?;
            None
        }
        Op::CreateIpAcl { name } => Some(client.create_ip_acl(name).await?.sid.to_string()),
        Op::CreateIpAddress { acl, ip, prefix } => {
            let p = NewIpAddress {
                friendly_name: if *prefix == 32 {
                    ip.clone()
                } else {
                    format!("{ip}/{prefix}")
                },
                ip_address: ip.clone(),
                cidr_prefix_length: Some(*prefix),
            };
            Some(
                client
                    .create_ip_address(&sid!(IpAccessControlListSid, &r(acl)?), &p)
                    .await?
                    .sid
                    .to_string(),
            )
        }
        Op::CreateCredentialList { name } => {
            Some(client.create_credential_list(name).await?.sid.to_string())
        }
        Op::CreateCredential {
            list,
            list_name,
            username,
        } => {
            let password =
                secrets
                    .password(list_name, username)
                    .map_err(|e| Error::InvalidInput {
                        field: "password".into(),
                        value: username.clone(),
                        rule: e,
                    })?;
            let c = client
                .create_credential(&sid!(CredentialListSid, &r(list)?), username, &password)
                .await?;
            Some(c.sid.to_string())
        }
        Op::LinkTrunkIpAcl { trunk, acl } => {
            client
                .add_trunk_ip_acl(
                    &sid!(TrunkSid, &r(trunk)?),
                    &sid!(IpAccessControlListSid, &r(acl)?),
                )
                .await?;
            None
        }
        Op::LinkTrunkCredentialList { trunk, list } => {
            client
                .add_trunk_credential_list(
                    &sid!(TrunkSid, &r(trunk)?),
                    &sid!(CredentialListSid, &r(list)?),
                )
                .await?;
            None
        }
        Op::CreateOriginationUrl { trunk, fields: f } => {
            let p = NewOriginationUrl {
                friendly_name: f.friendly_name.clone(),
                sip_url: f.sip_url.clone(),
                priority: f.priority,
                weight: f.weight,
                enabled: f.enabled,
            };
            Some(
                client
                    .create_origination_url(&sid!(TrunkSid, &r(trunk)?), &p)
                    .await?
                    .sid
                    .to_string(),
            )
        }
        Op::UpdateOriginationUrl {
            trunk, sid, new: f, ..
        } => {
            let p = OriginationUrlUpdate {
                friendly_name: Some(f.friendly_name.clone()),
                sip_url: Some(f.sip_url.clone()),
                priority: Some(f.priority),
                weight: Some(f.weight),
                enabled: Some(f.enabled),
            };
            client
                .update_origination_url(&sid!(TrunkSid, trunk), &sid!(OriginationUrlSid, sid), &p)
                .await?;
            None
        }
        Op::DetachNumber {
            trunk, number_sid, ..
        } => {
            client
                .remove_trunk_phone_number(
                    &sid!(TrunkSid, trunk),
                    &sid!(PhoneNumberSid, number_sid),
                )
                .await?;
            None
        }
        Op::AttachNumber { trunk, .. } => {
            let was = Previous::of(op).expect("an attach step");
            attach::attach(client, &r(trunk)?, &was, secrets).await?;
            None
        }
        Op::CreateConnectionPolicy { name } => Some(
            client
                .create_connection_policy(Some(name))
                .await?
                .sid
                .to_string(),
        ),
        Op::CreateTarget { policy, fields } => {
            let t = client
                .create_target(
                    &sid!(ConnectionPolicySid, &r(policy)?),
                    &target_params(fields),
                )
                .await?;
            Some(t.sid.to_string())
        }
        Op::UpdateTarget {
            policy, sid, new, ..
        } => {
            client
                .update_target(
                    &sid!(ConnectionPolicySid, policy),
                    &sid!(ConnectionPolicyTargetSid, sid),
                    &target_params(new),
                )
                .await?;
            None
        }
        Op::CreateByocTrunk { fields } => Some(
            client
                .create_byoc_trunk(&byoc_params(fields, out)?)
                .await?
                .sid
                .to_string(),
        ),
        Op::UpdateByocTrunk { sid, new, .. } => {
            client
                .update_byoc_trunk(&sid!(ByocTrunkSid, sid), &byoc_params(new, out)?)
                .await?;
            None
        }
        Op::CreateSipDomain { fields } => Some(
            client
                .create_sip_domain(&domain_params(fields))
                .await?
                .sid
                .to_string(),
        ),
        Op::UpdateSipDomain { sid, new, .. } => {
            client
                .update_sip_domain(&sid!(SipDomainSid, sid), &domain_params(new))
                .await?;
            None
        }
        Op::MapDomain {
            domain,
            mapping,
            list,
        } => {
            client
                .add_domain_mapping(
                    &sid!(SipDomainSid, &r(domain)?),
                    mapping.twilio(),
                    &r(list)?,
                )
                .await?;
            None
        }
        Op::DeleteIpAddress { acl, sid, .. } => gone(
            client
                .delete_ip_address(&sid!(IpAccessControlListSid, acl), &sid!(IpAddressSid, sid))
                .await,
        )?,
        Op::DeleteCredential { list, sid, .. } => gone(
            client
                .delete_credential(&sid!(CredentialListSid, list), &sid!(CredentialSid, sid))
                .await,
        )?,
        Op::DeleteOriginationUrl { trunk, sid, .. } => gone(
            client
                .delete_origination_url(&sid!(TrunkSid, trunk), &sid!(OriginationUrlSid, sid))
                .await,
        )?,
        Op::UnlinkTrunkIpAcl { trunk, acl } => gone(
            client
                .remove_trunk_ip_acl(&sid!(TrunkSid, trunk), &sid!(IpAccessControlListSid, acl))
                .await,
        )?,
        Op::UnlinkTrunkCredentialList { trunk, list } => gone(
            client
                .remove_trunk_credential_list(
                    &sid!(TrunkSid, trunk),
                    &sid!(CredentialListSid, list),
                )
                .await,
        )?,
        Op::DeleteTarget { policy, sid, .. } => gone(
            client
                .delete_target(
                    &sid!(ConnectionPolicySid, policy),
                    &sid!(ConnectionPolicyTargetSid, sid),
                )
                .await,
        )?,
        Op::UnmapDomain {
            domain,
            mapping,
            list,
        } => gone(
            client
                .remove_domain_mapping(&sid!(SipDomainSid, domain), mapping.twilio(), list)
                .await,
        )?,
        Op::DeleteTrunk { sid, .. } => gone(client.delete_trunk(&sid!(TrunkSid, sid)).await)?,
        Op::DeleteIpAcl { sid, .. } => gone(
            client
                .delete_ip_acl(&sid!(IpAccessControlListSid, sid))
                .await,
        )?,
        Op::DeleteCredentialList { sid, .. } => gone(
            client
                .delete_credential_list(&sid!(CredentialListSid, sid))
                .await,
        )?,
        Op::Router(r) => super::exec_router::send(client, r, out).await?,
    })
}

/// A removal whose target is already gone has reached its goal.
fn gone(r: Result<(), Error>) -> Result<Option<String>, Error> {
    match r {
        Ok(()) => Ok(None),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}
