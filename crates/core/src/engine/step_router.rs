//! The router's steps (see [`crate::router`]): the Serverless service, environment and
//! function (adopted by name), a new code version only when the deployed code differs, its
//! build and deployment, and pointing the BYOC trunk's / SIP domain's voice URL at the Function.
//! They are one [`super::Op::Router`] variant so the engine's own files only route to them.

use serde::{Deserialize, Serialize};

use super::step::{Ref, StepId};

/// The environment the router is deployed in (no domain suffix).
pub const ROUTER_ENV: &str = "production";
/// The Function's friendly name in the service.
pub const ROUTER_FUNCTION: &str = "switchboard-router";

/// What the router's voice URL is set on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceTarget {
    ByocTrunk(Ref),
    SipDomain(Ref),
}

impl VoiceTarget {
    fn target(&self) -> &Ref {
        match self {
            VoiceTarget::ByocTrunk(r) | VoiceTarget::SipDomain(r) => r,
        }
    }
}

/// One Serverless (or voice URL) call of the router's deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "router_op", rename_all = "snake_case")]
pub enum RouterOp {
    CreateService {
        unique_name: String,
        friendly_name: String,
    },
    CreateEnvironment {
        service: Ref,
        unique_name: String,
    },
    CreateFunction {
        service: Ref,
        friendly_name: String,
    },
    /// Uploads the code as a new (protected) version; Twilio keeps every version.
    UploadVersion {
        service: Ref,
        function: Ref,
        path: String,
        file_name: String,
        content: String,
    },
    /// Creates a build of the version and waits until Twilio reports it `completed`.
    Build {
        service: Ref,
        version: Ref,
    },
    /// Deploys the build; undone by deploying the build the environment ran before, if any.
    Deploy {
        service: Ref,
        environment: Ref,
        build: Ref,
        old_build: Option<String>,
    },
    /// Sets the voice URL to `https://<environment domain><path>`; undone by restoring `old_url`.
    PointVoiceUrl {
        target: VoiceTarget,
        service: Ref,
        environment: Ref,
        path: String,
        old_url: Option<String>,
    },
}

impl RouterOp {
    pub fn creates(&self) -> bool {
        !self.is_update()
    }

    pub fn is_update(&self) -> bool {
        matches!(self, RouterOp::PointVoiceUrl { .. })
    }

    pub fn refs(&self) -> Vec<&Ref> {
        match self {
            RouterOp::CreateService { .. } => vec![],
            RouterOp::CreateEnvironment { service, .. }
            | RouterOp::CreateFunction { service, .. } => vec![service],
            RouterOp::UploadVersion {
                service, function, ..
            } => vec![service, function],
            RouterOp::Build { service, version } => vec![service, version],
            RouterOp::Deploy {
                service,
                environment,
                build,
                ..
            } => vec![service, environment, build],
            RouterOp::PointVoiceUrl {
                target,
                service,
                environment,
                ..
            } => vec![target.target(), service, environment],
        }
    }

    /// Step ids referred to.
    pub fn step_refs(&self) -> Vec<StepId> {
        self.refs()
            .into_iter()
            .filter_map(|r| match r {
                Ref::Step(s) => Some(*s),
                Ref::Sid(_) => None,
            })
            .collect()
    }
}
