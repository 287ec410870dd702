//! The Elastic SIP trunk spec: the trunk's settings, its termination authentication (IP access
//! control lists and credential lists), origination URLs and the numbers routed to it.

use serde::{Deserialize, Serialize};
use switchboard_twilio::{
    HttpMethod, RecordingMode, RecordingTrim, TransferCallerId, TransferMode,
};

use super::{default_post, default_priority, default_true, default_weight};

/// An Elastic SIP trunk as it should be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ElasticTrunk {
    /// The trunk's friendly name; an existing trunk with this name is adopted.
    pub name: String,
    /// The full termination SIP domain, `<label>.pstn.twilio.com`.
    pub termination_domain: String,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub cnam_lookup: bool,
    #[serde(default = "default_transfer_mode")]
    pub transfer_mode: TransferMode,
    #[serde(default = "default_transfer_caller_id")]
    pub transfer_caller_id: TransferCallerId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub disaster_recovery_url: Option<String>,
    #[serde(default = "default_post")]
    pub disaster_recovery_method: HttpMethod,
    #[serde(default)]
    pub recording: RecordingSpec,
    #[serde(default)]
    pub ip_acls: Vec<IpAclSpec>,
    #[serde(default)]
    pub credential_lists: Vec<CredentialListSpec>,
    #[serde(default)]
    pub origination_urls: Vec<OriginationUrlSpec>,
    /// E.164 numbers already on the account.
    #[serde(default)]
    pub numbers: Vec<String>,
}

fn default_transfer_mode() -> TransferMode {
    TransferMode::DisableAll
}
fn default_transfer_caller_id() -> TransferCallerId {
    TransferCallerId::FromTransferee
}

/// Call recording on the trunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RecordingSpec {
    #[serde(default = "default_mode")]
    pub mode: RecordingMode,
    #[serde(default = "default_trim")]
    pub trim: RecordingTrim,
}

fn default_mode() -> RecordingMode {
    RecordingMode::DoNotRecord
}
fn default_trim() -> RecordingTrim {
    RecordingTrim::DoNotTrim
}

impl Default for RecordingSpec {
    fn default() -> Self {
        Self {
            mode: default_mode(),
            trim: default_trim(),
        }
    }
}

/// An IP access control list and the addresses it must contain (`a.b.c.d` or `a.b.c.d/len`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct IpAclSpec {
    pub name: String,
    #[serde(default)]
    pub addresses: Vec<String>,
}

/// A credential list and the usernames it must contain. Passwords are never in a spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CredentialListSpec {
    pub name: String,
    #[serde(default)]
    pub usernames: Vec<String>,
}

/// Where Twilio sends calls that arrive on the trunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OriginationUrlSpec {
    pub name: String,
    pub sip_url: String,
    #[serde(default = "default_priority")]
    pub priority: u32,
    #[serde(default = "default_weight")]
    pub weight: u32,
    #[serde(default = "default_true")]
    pub enabled: bool,
}

impl IpAclSpec {
    /// Each entry split into address and prefix (`None` = the single address, stored as /32).
    pub fn entries(&self) -> Vec<(String, u32)> {
        self.addresses
            .iter()
            .map(|a| {
                let (ip, len) = crate::validate::ip::split_cidr(a);
                let len = match len {
                    Some(Ok(l)) => u32::try_from(l).unwrap_or(32),
                    _ => 32,
                };
                (ip.to_string(), len)
            })
            .collect()
    }
}
