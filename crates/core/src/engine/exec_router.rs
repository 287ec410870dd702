//! Running, undoing and looking up the router's steps ([`RouterOp`]).

use std::time::Duration;

use futures::TryStreamExt;
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
async fn set_number(
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

async fn set_voice_url(
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

/// Undoes `op`; `own` is the SID it created.
pub(crate) async fn revert(
    client: &Client,
    op: &RouterOp,
    own: Option<&str>,
    out: &Outputs,
) -> Result<(), Error> {
    let r = |x: &Ref| resolve(x, out);
    let own = || {
        own.filter(|s| !s.is_empty())
            .map(str::to_string)
            .ok_or_else(|| Error::InvalidInput {
                field: "sid".into(),
                value: String::new(),
                rule: "the journal has no SID for this created resource".into(),
            })
    };
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
