//! Undoing the router's steps ([`RouterOp`]): what each made is deleted, what each changed is
//! set back (a deployment goes back to the previous build, a voice URL to the one it replaced,
//! a source IP mapping to its old SIP domain); an uploaded version is left, as Twilio cannot
//! delete one and an unused version changes nothing.

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error};

use super::{set_number, set_voice_url};
use crate::engine::exec::{Outputs, resolve, sid};
use crate::engine::revert::own_sid;
use crate::engine::step::Ref;
use crate::engine::step_router::RouterOp;

/// Undoes `op`; `own` is the SID it created.
pub(crate) async fn revert(
    client: &Client,
    op: &RouterOp,
    own: Option<&str>,
    out: &Outputs,
) -> Result<(), Error> {
    let r = |x: &Ref| resolve(x, out);
    let own = || own_sid(own);
    match op {
        RouterOp::CreateService { .. } => client.delete_service(&sid!(ServiceSid, &own()?)).await,
        RouterOp::CreateEnvironment { service, .. } => {
            client
                .delete_environment(
                    &sid!(ServiceSid, &r(service)?),
                    &sid!(EnvironmentSid, &own()?),
                )
                .await
        }
        RouterOp::CreateFunction { service, .. } => {
            client
                .delete_function(&sid!(ServiceSid, &r(service)?), &sid!(FunctionSid, &own()?))
                .await
        }
        // Twilio has no delete for versions; an unused version changes nothing.
        RouterOp::UploadVersion { .. } => Ok(()),
        RouterOp::Build { service, .. } => {
            client
                .delete_build(&sid!(ServiceSid, &r(service)?), &sid!(BuildSid, &own()?))
                .await
        }
        RouterOp::Deploy {
            service,
            environment,
            old_build,
            ..
        } => match old_build {
            Some(b) => client
                .create_deployment(
                    &sid!(ServiceSid, &r(service)?),
                    &sid!(EnvironmentSid, &r(environment)?),
                    &sid!(BuildSid, b),
                )
                .await
                .map(|_| ()),
            None => Ok(()),
        },
        RouterOp::PointVoiceUrl {
            target, old_url, ..
        } => set_voice_url(client, target, out, old_url.as_deref().unwrap_or("")).await,
        RouterOp::PointNumber {
            number,
            old_url,
            old_method,
            ..
        } => {
            set_number(
                client,
                number,
                old_url.as_deref().unwrap_or(""),
                *old_method,
            )
            .await
        }
        RouterOp::UnpointNumber {
            number,
            old_url,
            old_method,
            ..
        } => set_number(client, number, old_url, *old_method).await,
        RouterOp::CreateInboundDomain { .. } => {
            client.delete_sip_domain(&sid!(SipDomainSid, &own()?)).await
        }
        RouterOp::SetDomainByocTrunk { domain, old, .. } => {
            let old = match old {
                Some(o) => Some(sid!(ByocTrunkSid, o)),
                None => None,
            };
            client
                .set_sip_domain_byoc_trunk(&sid!(SipDomainSid, domain), old.as_ref())
                .await
                .map(|_| ())
        }
        RouterOp::CreateIpRecord { .. } => {
            client.delete_ip_record(&sid!(IpRecordSid, &own()?)).await
        }
        RouterOp::CreateSourceIpMapping { .. } => {
            client
                .delete_source_ip_mapping(&sid!(SourceIpMappingSid, &own()?))
                .await
        }
        RouterOp::DeleteSourceIpMapping {
            ip_record, domain, ..
        } => {
            let il = sid!(IpRecordSid, ip_record);
            let have: Vec<_> = client.list_source_ip_mappings().try_collect().await?;
            if have.iter().any(|m| m.ip_record_sid.as_ref() == Some(&il)) {
                return Ok(());
            }
            client
                .create_source_ip_mapping(&il, &sid!(SipDomainSid, domain))
                .await
                .map(|_| ())
        }
        RouterOp::MoveSourceIpMapping {
            mapping,
            old_domain,
            ..
        } => client
            .update_source_ip_mapping(
                &sid!(SourceIpMappingSid, mapping),
                &sid!(SipDomainSid, old_domain),
            )
            .await
            .map(|_| ()),
    }
}
