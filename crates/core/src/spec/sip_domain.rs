//! The SIP domain spec: the domain, its voice webhook, registration and emergency settings, and
//! which credential lists / IP access control lists authenticate calls and registrations.

use serde::{Deserialize, Serialize};
use switchboard_twilio::HttpMethod;

use super::{IpAclSpec, default_post, default_true};

/// A SIP domain as it should be; adopted by its domain name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SipDomain {
    /// `<label>.sip.twilio.com`.
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub voice_url: Option<String>,
    #[serde(default = "default_post")]
    pub voice_method: HttpMethod,
    /// Allow SIP phones to REGISTER.
    #[serde(default)]
    pub registration: bool,
    #[serde(default)]
    pub emergency_calling: bool,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub credential_lists: Vec<DomainCredentialListSpec>,
    /// Source-IP authentication of calls.
    #[serde(default)]
    pub ip_acls: Vec<IpAclSpec>,
    /// Inbound routing by number: deployed as a Serverless Function that the domain's voice
    /// URL points at (then `voice_url` stays unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub router: Option<crate::router::RouterSpec>,
}

/// A credential list and where it is mapped on the domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DomainCredentialListSpec {
    pub name: String,
    #[serde(default)]
    pub usernames: Vec<String>,
    /// Authenticates INVITEs (calls) with these credentials.
    #[serde(default = "default_true")]
    pub calls: bool,
    /// Authenticates REGISTERs with these credentials.
    #[serde(default)]
    pub registrations: bool,
}
