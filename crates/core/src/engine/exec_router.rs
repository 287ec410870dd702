//! Running the router's steps ([`RouterOp`]): creating the Serverless service, environment and
//! Function, uploading, building (waiting until the build completes) and deploying the code,
//! pointing voice URLs and numbers at the router, and making or moving the carrier's inbound
//! SIP domain, IP records and source IP mappings. Undoing them is in
//! `revert`, looking up a create whose outcome is unknown in `find`.

mod find;
mod revert;

pub(crate) use find::find;
pub(crate) use revert::revert;

use std::time::Duration;

use switchboard_twilio::{
    BuildStatus, ByocTrunkParams, Client, Error, HttpMethod, NewBuild, NewFunctionVersion,
    NewIpRecord, NewService, NumberUpdate, SipDomainParams, Visibility,
};

use super::exec::{Outputs, resolve, sid};
use super::step::Ref;
use super::step_router::{RouterOp, VoiceTarget};

/// How often a build's status is polled.
const BUILD_POLL: Duration = Duration::from_millis(500);
/// How long a build may take before the step fails.
const BUILD_LIMIT: Duration = Duration::from_secs(300);

pub(crate) async fn send(
    client: &Client,
    op: &RouterOp,
    out: &Outputs,
) -> Result<Option<String>, Error> {
    let r = |x: &Ref| resolve(x, out);
    Ok(match op {
        RouterOp::CreateService {
            unique_name,
            friendly_name,
        } => Some(
            client
                .create_service(&NewService {
                    unique_name: unique_name.clone(),
                    friendly_name: friendly_name.clone(),
                    include_credentials: None,
                    ui_editable: None,
                })
                .await?
                .sid
                .to_string(),
        ),
        RouterOp::CreateEnvironment {
            service,
            unique_name,
        } => Some(
            client
                .create_environment(&sid!(ServiceSid, &r(service)?), unique_name, None)
                .await?
                .sid
                .to_string(),
        ),
        RouterOp::CreateFunction {
            service,
            friendly_name,
        } => Some(
            client
                .create_function(&sid!(ServiceSid, &r(service)?), friendly_name)
                .await?
                .sid
                .to_string(),
        ),
        RouterOp::UploadVersion {
            service,
            function,
            path,
            file_name,
            content,
        } => {
            let v = NewFunctionVersion {
                path: path.clone(),
                visibility: Visibility::Protected,
                content: content.clone(),
                file_name: file_name.clone(),
            };
            Some(
                client
                    .create_function_version(
                        &sid!(ServiceSid, &r(service)?),
                        &sid!(FunctionSid, &r(function)?),
                        &v,
                    )
                    .await?
                    .sid
                    .to_string(),
            )
        }
        RouterOp::Build { service, version } => {
            let svc = sid!(ServiceSid, &r(service)?);
            let build = client
                .create_build(
                    &svc,
                    &NewBuild {
                        function_versions: vec![sid!(FunctionVersionSid, &r(version)?)],
                        ..NewBuild::default()
                    },
                )
                .await?;
            match client
                .wait_for_build(&svc, &build.sid, BUILD_POLL, BUILD_LIMIT)
                .await?
            {
                BuildStatus::Completed => Some(build.sid.to_string()),
                other => {
                    return Err(Error::InvalidInput {
                        field: "build".into(),
                        value: build.sid.to_string(),
                        rule: format!(
                            "Twilio reports the router's build as {other}; open the service in the Twilio Console to see why"
                        ),
                    });
                }
            }
        }
        RouterOp::Deploy {
            service,
            environment,
            build,
            ..
        } => Some(
            client
                .create_deployment(
                    &sid!(ServiceSid, &r(service)?),
                    &sid!(EnvironmentSid, &r(environment)?),
                    &sid!(BuildSid, &r(build)?),
                )
                .await?
                .sid
                .to_string(),
        ),
        RouterOp::PointVoiceUrl {
            target,
            service,
            environment,
            path,
            ..
        } => {
            let url = router_url(client, &r(service)?, &r(environment)?, path).await?;
            set_voice_url(client, target, out, &url).await?;
            None
        }
        RouterOp::PointNumber {
            number,
            service,
            environment,
            path,
            ..
        } => {
            let url = router_url(client, &r(service)?, &r(environment)?, path).await?;
            set_number(client, number, &url, HttpMethod::Post).await?;
            None
        }
        RouterOp::UnpointNumber {
            number,
            url,
            method,
            ..
        } => {
            set_number(client, number, url.as_deref().unwrap_or(""), *method).await?;
            None
        }
        RouterOp::CreateInboundDomain {
            domain_name,
            byoc_trunk,
        } => {
            let p = SipDomainParams {
                domain_name: Some(domain_name.clone()),
                byoc_trunk_sid: Some(sid!(ByocTrunkSid, &r(byoc_trunk)?)),
                ..SipDomainParams::default()
            };
            Some(client.create_sip_domain(&p).await?.sid.to_string())
        }
        RouterOp::SetDomainByocTrunk {
            domain, byoc_trunk, ..
        } => {
            let by = sid!(ByocTrunkSid, &r(byoc_trunk)?);
            client
                .set_sip_domain_byoc_trunk(&sid!(SipDomainSid, domain), Some(&by))
                .await?;
            None
        }
        RouterOp::CreateIpRecord {
            ip_address,
            cidr_prefix_length,
            friendly_name,
        } => {
            let p = NewIpRecord {
                ip_address: ip_address.clone(),
                friendly_name: Some(friendly_name.clone()),
                cidr_prefix_length: Some(*cidr_prefix_length),
            };
            Some(client.create_ip_record(&p).await?.sid.to_string())
        }
        RouterOp::CreateSourceIpMapping { ip_record, domain } => Some(
            client
                .create_source_ip_mapping(
                    &sid!(IpRecordSid, &r(ip_record)?),
                    &sid!(SipDomainSid, &r(domain)?),
                )
                .await?
                .sid
                .to_string(),
        ),
        RouterOp::DeleteSourceIpMapping { mapping, .. } => {
            match client
                .delete_source_ip_mapping(&sid!(SourceIpMappingSid, mapping))
                .await
            {
                Err(e) if !e.is_not_found() => return Err(e),
                _ => None,
            }
        }
        RouterOp::MoveSourceIpMapping {
            mapping, domain, ..
        } => {
            client
                .update_source_ip_mapping(
                    &sid!(SourceIpMappingSid, mapping),
                    &sid!(SipDomainSid, &r(domain)?),
                )
                .await?;
            None
        }
    })
}

/// `https://<the environment's domain><path>`.
async fn router_url(
    client: &Client,
    service: &str,
    environment: &str,
    path: &str,
) -> Result<String, Error> {
    let env = client
        .fetch_environment(
            &sid!(ServiceSid, service),
            &sid!(EnvironmentSid, environment),
        )
        .await?;
    let domain = env
        .domain_name
        .filter(|d| !d.is_empty())
        .ok_or_else(|| Error::InvalidInput {
            field: "domain_name".into(),
            value: env.sid.to_string(),
            rule: "the router's environment has no domain name".into(),
        })?;
    Ok(format!("https://{domain}{path}"))
}

/// Sets only a number's voice URL and method (an empty URL clears it).
pub(super) async fn set_number(
    client: &Client,
    number: &str,
    url: &str,
    method: HttpMethod,
) -> Result<(), Error> {
    let u = NumberUpdate {
        voice_url: Some(url.to_string()),
        voice_method: Some(method),
        ..NumberUpdate::default()
    };
    client
        .update_incoming_phone_number(&sid!(PhoneNumberSid, number), &u)
        .await?;
    Ok(())
}

pub(super) async fn set_voice_url(
    client: &Client,
    target: &VoiceTarget,
    out: &Outputs,
    url: &str,
) -> Result<(), Error> {
    match target {
        VoiceTarget::ByocTrunk(t) => {
            let p = ByocTrunkParams {
                voice_url: Some(url.to_string()),
                ..ByocTrunkParams::default()
            };
            client
                .update_byoc_trunk(&sid!(ByocTrunkSid, &resolve(t, out)?), &p)
                .await?;
        }
        VoiceTarget::SipDomain(d) => {
            let p = SipDomainParams {
                voice_url: Some(url.to_string()),
                ..SipDomainParams::default()
            };
            client
                .update_sip_domain(&sid!(SipDomainSid, &resolve(d, out)?), &p)
                .await?;
        }
    }
    Ok(())
}
