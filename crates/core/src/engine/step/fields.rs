//! The settings of each resource a step creates or updates, as the engine records them (the
//! values a create sends, and the new and old values of an update).

use serde::{Deserialize, Serialize};
use switchboard_twilio::{DomainMapping, HttpMethod, TransferCallerId, TransferMode};

use super::Ref;

/// The trunk settings the engine manages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrunkFields {
    pub friendly_name: String,
    pub domain_name: String,
    pub secure: bool,
    pub cnam_lookup_enabled: bool,
    pub transfer_mode: TransferMode,
    pub transfer_caller_id: TransferCallerId,
    pub disaster_recovery_url: Option<String>,
    pub disaster_recovery_method: HttpMethod,
}

/// An origination URL's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginationFields {
    pub friendly_name: String,
    pub sip_url: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
}

/// A connection policy target's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFields {
    pub friendly_name: Option<String>,
    pub target: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
}

/// A BYOC trunk's settings (the policy and from-domain are references, resolved at apply time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByocFields {
    pub friendly_name: String,
    pub voice_url: Option<String>,
    pub voice_method: HttpMethod,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: HttpMethod,
    pub status_callback_url: Option<String>,
    pub status_callback_method: HttpMethod,
    pub cnam_lookup_enabled: bool,
    pub connection_policy: Option<Ref>,
    pub from_domain_sid: Option<String>,
}

/// A SIP domain's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainFields {
    pub domain_name: String,
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: HttpMethod,
    pub sip_registration: bool,
    pub emergency_calling_enabled: bool,
    pub secure: bool,
}

/// The domain mapping collections, in a serialisable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MappingKind {
    CallsCredentialList,
    CallsIpAcl,
    RegistrationsCredentialList,
}

impl MappingKind {
    pub fn twilio(self) -> DomainMapping {
        match self {
            MappingKind::CallsCredentialList => DomainMapping::CallsCredentialList,
            MappingKind::CallsIpAcl => DomainMapping::CallsIpAcl,
            MappingKind::RegistrationsCredentialList => DomainMapping::RegistrationsCredentialList,
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            MappingKind::CallsCredentialList => "to authenticate calls",
            MappingKind::CallsIpAcl => "to authenticate calls by source IP",
            MappingKind::RegistrationsCredentialList => "to authenticate registrations",
        }
    }
}
