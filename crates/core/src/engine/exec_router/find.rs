//! Looking a router step's result up on the account ([`RouterOp`]), when a create's outcome
//! is unknown or its journal record was lost: what a create made is found by its unique or
//! friendly name, domain name, address or IP record; a deployment or a removed source IP
//! mapping by whether the account shows it. An upload or a build is never looked up
//! (repeating one only adds an unused version or build).

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error};

use crate::engine::exec::{Outputs, resolve, sid};
use crate::engine::step::Ref;
use crate::engine::step_router::RouterOp;

/// Looks up the result of a create whose outcome is unknown.
pub(crate) async fn find(
    client: &Client,
    op: &RouterOp,
    out: &Outputs,
) -> Result<Option<String>, Error> {
    let r = |x: &Ref| resolve(x, out);
    Ok(match op {
        RouterOp::CreateService { unique_name, .. } => {
            match client.fetch_service_named(unique_name).await {
                Ok(s) => Some(s.sid.to_string()),
                Err(e) if e.is_not_found() => None,
                Err(e) => return Err(e),
            }
        }
        RouterOp::CreateEnvironment {
            service,
            unique_name,
        } => client
            .list_environments(&sid!(ServiceSid, &r(service)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|e| e.unique_name.as_deref() == Some(unique_name.as_str()))
            .map(|e| e.sid.to_string()),
        RouterOp::CreateFunction {
            service,
            friendly_name,
        } => client
            .list_functions(&sid!(ServiceSid, &r(service)?))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|f| f.friendly_name.as_deref() == Some(friendly_name.as_str()))
            .map(|f| f.sid.to_string()),
        RouterOp::Deploy {
            service,
            environment,
            build,
            ..
        } => {
            let env = client
                .fetch_environment(
                    &sid!(ServiceSid, &r(service)?),
                    &sid!(EnvironmentSid, &r(environment)?),
                )
                .await?;
            let want = r(build)?;
            (env.build_sid.map(|b| b.to_string()) == Some(want)).then(String::new)
        }
        // A repeated upload or build only adds an unused version or build.
        RouterOp::UploadVersion { .. } | RouterOp::Build { .. } => None,
        RouterOp::CreateInboundDomain { domain_name, .. } => client
            .list_sip_domains()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|d| d.domain_name.as_deref() == Some(domain_name.as_str()))
            .map(|d| d.sid.to_string()),
        RouterOp::CreateIpRecord {
            ip_address,
            cidr_prefix_length,
            ..
        } => client
            .list_ip_records()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|x| {
                x.ip_address.as_deref() == Some(ip_address.as_str())
                    && x.cidr_prefix_length.unwrap_or(32) == *cidr_prefix_length
            })
            .map(|x| x.sid.to_string()),
        RouterOp::CreateSourceIpMapping { ip_record, .. } => {
            let il = r(ip_record)?;
            client
                .list_source_ip_mappings()
                .try_collect::<Vec<_>>()
                .await?
                .into_iter()
                .find(|m| m.ip_record_sid.as_ref().map(|x| x.to_string()) == Some(il.clone()))
                .map(|m| m.sid.to_string())
        }
        RouterOp::DeleteSourceIpMapping { mapping, .. } => {
            let have: Vec<_> = client.list_source_ip_mappings().try_collect().await?;
            (!have.iter().any(|m| m.sid.as_str() == mapping)).then(String::new)
        }
        RouterOp::PointVoiceUrl { .. }
        | RouterOp::PointNumber { .. }
        | RouterOp::UnpointNumber { .. }
        | RouterOp::SetDomainByocTrunk { .. }
        | RouterOp::MoveSourceIpMapping { .. } => None,
    })
}
