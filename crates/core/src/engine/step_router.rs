//! The router's steps (see [`crate::router`]): the Serverless service, environment and
//! function (adopted by name), a new code version only when the deployed code differs, its
//! build and deployment, and pointing the BYOC trunk's / SIP domain's voice URL at the Function.
//! They are one [`super::Op::Router`] variant so the engine's own files only route to them.

use serde::{Deserialize, Serialize};

use switchboard_twilio::HttpMethod;

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
    /// Sets an account number's voice URL to `https://<environment domain><path>` (method
    /// POST) so calls to it reach the router; undone by restoring `old_url` and `old_method`.
    /// The number is never released or moved.
    PointNumber {
        /// The IncomingPhoneNumber's SID (PN…).
        number: String,
        /// The number in E.164, for the journal and messages.
        phone_number: String,
        service: Ref,
        environment: Ref,
        path: String,
        old_url: Option<String>,
        old_method: HttpMethod,
    },
    /// Takes an account number the table no longer names off the router: its voice URL and
    /// method become `url` / `method` (what it had before the router; no URL clears it). Undone
    /// by pointing it at the router again (`old_url`, `old_method`). Never released or moved.
    UnpointNumber {
        /// The IncomingPhoneNumber's SID (PN…).
        number: String,
        /// The number in E.164, for the journal and messages.
        phone_number: String,
        url: Option<String>,
        method: HttpMethod,
        old_url: String,
        old_method: HttpMethod,
    },
    /// BYOC inbound: creates the SIP domain that receives the carrier's calls, handed to the
    /// BYOC trunk (`ByocTrunkSid`).
    CreateInboundDomain {
        domain_name: String,
        byoc_trunk: Ref,
    },
    /// BYOC inbound: hands an existing SIP domain's calls to the BYOC trunk; undone by
    /// restoring `old` (or clearing it).
    SetDomainByocTrunk {
        domain: String,
        byoc_trunk: Ref,
        old: Option<String>,
    },
    /// BYOC inbound: an IP record for one carrier address.
    CreateIpRecord {
        ip_address: String,
        cidr_prefix_length: u8,
        friendly_name: String,
    },
    /// BYOC inbound: maps an IP record to the SIP domain.
    CreateSourceIpMapping {
        ip_record: Ref,
        domain: Ref,
    },
    /// BYOC inbound: removes the mapping of an address the spec does not list from the SIP
    /// domain (its IP record is kept); undone by mapping the record to the domain again (with a
    /// new SID).
    DeleteSourceIpMapping {
        mapping: String,
        ip_record: String,
        domain: String,
    },
    /// BYOC inbound: moves an existing mapping of the record to the SIP domain; undone by
    /// moving it back to `old_domain`.
    MoveSourceIpMapping {
        mapping: String,
        domain: Ref,
        old_domain: String,
    },
}

impl RouterOp {
    pub fn creates(&self) -> bool {
        !self.is_update() && !matches!(self, RouterOp::DeleteSourceIpMapping { .. })
    }

    pub fn is_update(&self) -> bool {
        matches!(
            self,
            RouterOp::PointVoiceUrl { .. }
                | RouterOp::PointNumber { .. }
                | RouterOp::UnpointNumber { .. }
                | RouterOp::SetDomainByocTrunk { .. }
                | RouterOp::MoveSourceIpMapping { .. }
        )
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
            RouterOp::PointNumber {
                service,
                environment,
                ..
            } => vec![service, environment],
            RouterOp::CreateInboundDomain { byoc_trunk, .. }
            | RouterOp::SetDomainByocTrunk { byoc_trunk, .. } => vec![byoc_trunk],
            RouterOp::CreateIpRecord { .. }
            | RouterOp::UnpointNumber { .. }
            | RouterOp::DeleteSourceIpMapping { .. } => vec![],
            RouterOp::CreateSourceIpMapping { ip_record, domain } => vec![ip_record, domain],
            RouterOp::MoveSourceIpMapping { domain, .. } => vec![domain],
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

#[cfg(test)]
mod tests {
    use super::super::step::Op;
    use super::*;

    #[test]
    fn router_ops_round_trip_through_the_journal_format() {
        let s = |x: &str| Ref::Sid(x.into());
        let ops = vec![
            RouterOp::CreateService {
                unique_name: "r".into(),
                friendly_name: "r".into(),
            },
            RouterOp::CreateEnvironment {
                service: Ref::Step(0),
                unique_name: ROUTER_ENV.into(),
            },
            RouterOp::CreateFunction {
                service: s("ZS1"),
                friendly_name: ROUTER_FUNCTION.into(),
            },
            RouterOp::UploadVersion {
                service: s("ZS1"),
                function: Ref::Step(2),
                path: "/p".into(),
                file_name: "p.js".into(),
                content: "exports.handler = 1;\n".into(),
            },
            RouterOp::Build {
                service: s("ZS1"),
                version: Ref::Step(3),
            },
            RouterOp::Deploy {
                service: s("ZS1"),
                environment: s("ZE1"),
                build: Ref::Step(4),
                old_build: Some("ZB0".into()),
            },
            RouterOp::PointVoiceUrl {
                target: VoiceTarget::SipDomain(s("SD1")),
                service: s("ZS1"),
                environment: Ref::Step(1),
                path: "/p".into(),
                old_url: None,
            },
            RouterOp::PointNumber {
                number: "PN1".into(),
                phone_number: "+14155550100".into(),
                service: s("ZS1"),
                environment: Ref::Step(1),
                path: "/p".into(),
                old_url: Some("https://example.com/old".into()),
                old_method: HttpMethod::Get,
            },
            RouterOp::UnpointNumber {
                number: "PN1".into(),
                phone_number: "+14155550100".into(),
                url: None,
                method: HttpMethod::Post,
                old_url: "https://r-1-production.twil.io/p".into(),
                old_method: HttpMethod::Post,
            },
            RouterOp::CreateInboundDomain {
                domain_name: "c.sip.twilio.com".into(),
                byoc_trunk: Ref::Step(0),
            },
            RouterOp::SetDomainByocTrunk {
                domain: "SD1".into(),
                byoc_trunk: s("BY1"),
                old: None,
            },
            RouterOp::CreateIpRecord {
                ip_address: "203.0.113.10".into(),
                cidr_prefix_length: 32,
                friendly_name: "c".into(),
            },
            RouterOp::CreateSourceIpMapping {
                ip_record: Ref::Step(3),
                domain: s("SD1"),
            },
            RouterOp::MoveSourceIpMapping {
                mapping: "IB1".into(),
                domain: Ref::Step(2),
                old_domain: "SD2".into(),
            },
            RouterOp::DeleteSourceIpMapping {
                mapping: "IB1".into(),
                ip_record: "IL1".into(),
                domain: "SD1".into(),
            },
        ];
        for op in ops {
            let wrapped = Op::Router(op);
            let json = serde_json::to_string(&wrapped).unwrap();
            assert!(json.starts_with(r#"{"op":"router","router_op":"#), "{json}");
            let back: Op = serde_json::from_str(&json).unwrap();
            assert_eq!(back, wrapped);
        }
        let point = Op::Router(RouterOp::PointVoiceUrl {
            target: VoiceTarget::ByocTrunk(Ref::Step(7)),
            service: s("ZS1"),
            environment: Ref::Step(1),
            path: "/p".into(),
            old_url: None,
        });
        assert!(point.is_update() && !point.creates());
        assert_eq!(point.refs(), vec![7, 1]);
    }
}
