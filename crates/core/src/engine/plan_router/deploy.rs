//! The number router's Serverless deployment: adopt or create the service, environment and
//! Function; upload, build and deploy the code only when it differs from the deployed code
//! (which records each routed number's previous voice URL, see [`with_previous`]); point the
//! BYOC trunk's or SIP domain's voice URL at `https://<domain_name>/switchboard-router` unless
//! it already is. The result, [`Deployed`], tells the routed numbers' steps where the router
//! is and what they wait for.

use std::collections::BTreeMap;

use crate::engine::live_router::{PreviousVoice, RouterLive, digest, with_previous};
use crate::engine::plan::{Builder, PlanError, show};
use crate::engine::step::{Op, Ref, StepId, StepKind};
use crate::engine::step_router::{ROUTER_ENV, ROUTER_FUNCTION, RouterOp, VoiceTarget};
use crate::router::{ROUTER_FILE, ROUTER_PATH, RouterSpec, generate};
use crate::validate::Issue;

/// The deployed router as the plan knows it: its service and environment (existing or made
/// by a step), its address when already known, and the steps that must run before it answers.
pub(super) struct Deployed {
    pub(super) service: Ref,
    pub(super) environment: Ref,
    pub(super) url: Option<String>,
    pub(super) after: Vec<StepId>,
}

/// Where the router's voice URL goes: the BYOC trunk or SIP domain, its voice URL now, and its
/// name for the step descriptions.
pub(super) struct Site {
    pub(super) target: VoiceTarget,
    pub(super) current_url: Option<String>,
    pub(super) what: String,
}

pub(super) fn plan(
    b: &mut Builder,
    r: &RouterSpec,
    live: Option<&RouterLive>,
    site: Site,
    after: &[StepId],
    previous: &BTreeMap<String, PreviousVoice>,
) -> Result<Deployed, PlanError> {
    let Site {
        target,
        current_url,
        what,
    } = site;
    let Some(live) = live else {
        return Err(PlanError::Invalid {
            issues: vec![Issue::error(
                "router",
                "the account's Serverless services were not read for the router",
            )],
        });
    };
    let name = &r.service_name;
    let service = match &live.service {
        Some(sid) => {
            b.satisfied(format!("Serverless service '{name}' exists"), sid);
            Ref::Sid(sid.clone())
        }
        None => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the Serverless service '{name}' for the inbound router"),
            &[("UniqueName", name.clone()), ("FriendlyName", name.clone())],
            &[],
            Op::Router(RouterOp::CreateService {
                unique_name: name.clone(),
                friendly_name: name.clone(),
            }),
        )),
    };
    let environment = match (&live.environment, &service) {
        (Some(e), Ref::Sid(_)) => {
            b.satisfied(
                format!(
                    "Environment '{ROUTER_ENV}' of '{name}' exists ({})",
                    e.domain_name
                ),
                &e.sid,
            );
            Ref::Sid(e.sid.clone())
        }
        _ => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the environment '{ROUTER_ENV}' of '{name}'"),
            &[("UniqueName", ROUTER_ENV.into())],
            &[],
            Op::Router(RouterOp::CreateEnvironment {
                service: service.clone(),
                unique_name: ROUTER_ENV.into(),
            }),
        )),
    };
    let function = match (&live.function, &service) {
        (Some(f), Ref::Sid(_)) => {
            b.satisfied(format!("Function '{ROUTER_FUNCTION}' exists"), f);
            Ref::Sid(f.clone())
        }
        _ => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the Function '{ROUTER_FUNCTION}' in '{name}'"),
            &[("FriendlyName", ROUTER_FUNCTION.into())],
            &[],
            Op::Router(RouterOp::CreateFunction {
                service: service.clone(),
                friendly_name: ROUTER_FUNCTION.into(),
            }),
        )),
    };
    let code = with_previous(generate(r, &live.account_sid), previous);
    let deployed_same = matches!((&environment, &function), (Ref::Sid(_), Ref::Sid(_)))
        && live.deployed_code.as_deref() == Some(digest(&code).as_str());
    let mut point_after: Vec<StepId> = after.to_vec();
    if deployed_same {
        let env = live
            .environment
            .as_ref()
            .map(|e| e.sid.as_str())
            .unwrap_or_default();
        b.satisfied(
            format!(
                "The router with {} number(s) is deployed as it should be",
                r.rows.len()
            ),
            env,
        );
    } else {
        let upload = b.push(
            StepKind::Create,
            format!(
                "Upload the router code ({} number(s) + default, {} bytes) to {ROUTER_PATH}",
                r.rows.len(),
                code.len()
            ),
            &[
                ("Path", ROUTER_PATH.into()),
                ("Visibility", "protected".into()),
                ("Content", format!("{ROUTER_FILE} ({} bytes)", code.len())),
            ],
            &[],
            Op::Router(RouterOp::UploadVersion {
                service: service.clone(),
                function: function.clone(),
                path: ROUTER_PATH.into(),
                file_name: ROUTER_FILE.into(),
                content: code,
            }),
        );
        let build = b.push(
            StepKind::Create,
            "Build the router and wait until the build is completed".into(),
            &[("FunctionVersions", "(the uploaded version)".into())],
            &[],
            Op::Router(RouterOp::Build {
                service: service.clone(),
                version: Ref::Step(upload),
            }),
        );
        let old_build = live.environment.as_ref().and_then(|e| e.build_sid.clone());
        let deploy = b.push(
            StepKind::Create,
            format!("Deploy the router build to '{ROUTER_ENV}'"),
            &[("BuildSid", "(the new build)".into())],
            &[],
            Op::Router(RouterOp::Deploy {
                service: service.clone(),
                environment: environment.clone(),
                build: Ref::Step(build),
                old_build,
            }),
        );
        point_after.push(deploy);
    }
    let url = live
        .environment
        .as_ref()
        .filter(|_| matches!(environment, Ref::Sid(_)))
        .map(|e| format!("https://{}{ROUTER_PATH}", e.domain_name));
    match (&url, &current_url) {
        (Some(u), Some(c)) if u == c => {
            let sid = match &target {
                VoiceTarget::ByocTrunk(Ref::Sid(s)) | VoiceTarget::SipDomain(Ref::Sid(s)) => {
                    s.clone()
                }
                _ => String::new(),
            };
            b.satisfied(format!("The voice URL of {what} is the router ({u})"), &sid);
        }
        _ => {
            let shown = url
                .clone()
                .unwrap_or_else(|| format!("https://<{name} domain>{ROUTER_PATH}"));
            b.push(
                StepKind::Update,
                format!(
                    "Point the voice URL of {what} at the router: {} → {shown}",
                    show(&current_url)
                ),
                &[("VoiceUrl", shown.clone())],
                &point_after,
                Op::Router(RouterOp::PointVoiceUrl {
                    target,
                    service: service.clone(),
                    environment: environment.clone(),
                    path: ROUTER_PATH.into(),
                    old_url: current_url,
                }),
            );
        }
    }
    Ok(Deployed {
        service,
        environment,
        url,
        after: point_after,
    })
}
