//! The BYOC spec: a connection policy with its targets (where Twilio sends calls for the
//! carrier) and the BYOC trunk that uses it.

use serde::{Deserialize, Serialize};
use switchboard_twilio::HttpMethod;

use super::{default_post, default_priority, default_true, default_weight};

/// A BYOC setup as it should be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Byoc {
    pub connection_policy: ConnectionPolicySpec,
    pub trunk: ByocTrunkSpec,
    /// Inbound routing by number: deployed as a Serverless Function that the trunk's voice URL
    /// points at (then `trunk.voice_url` stays unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub router: Option<crate::router::RouterSpec>,
    /// Calls the carrier sends from its own addresses: a SIP domain that hands them to this
    /// trunk, with the carrier's addresses mapped to it (IP records, source IP mappings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub inbound: Option<crate::router::ByocInbound>,
}

/// A connection policy, adopted by friendly name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ConnectionPolicySpec {
    pub name: String,
    #[serde(default)]
    pub targets: Vec<TargetSpec>,
}

/// One carrier SBC; matched by its SIP URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub name: Option<String>,
    pub sip_url: String,
    #[serde(default = "default_priority")]
    pub priority: u32,
    #[serde(default = "default_weight")]
    pub weight: u32,
    #[serde(default = "default_true")]
    pub enabled: bool,
}

/// The BYOC trunk, adopted by friendly name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ByocTrunkSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub voice_url: Option<String>,
    #[serde(default = "default_post")]
    pub voice_method: HttpMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub fallback_url: Option<String>,
    #[serde(default = "default_post")]
    pub fallback_method: HttpMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub status_callback_url: Option<String>,
    #[serde(default = "default_post")]
    pub status_callback_method: HttpMethod,
    #[serde(default)]
    pub cnam_lookup: bool,
    /// An existing SIP domain (`<label>.sip.twilio.com`) put in the `From` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub from_domain: Option<String>,
}
