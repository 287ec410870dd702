//! The resources a simulated account holds, as stored (and saved to the state file).
//!
//! These are storage records, not response bodies: rendering to Twilio's JSON lives next to
//! each route. Nothing secret is stored here: SIP passwords are validated and dropped, API key
//! secrets are kept only as a SHA-256 digest.

use serde::{Deserialize, Serialize};

/// Creation order and time stamps every resource carries.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Meta {
    /// Account-wide creation sequence; lists are ordered by it and page tokens point into it.
    pub seq: u64,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub updated: i64,
}

/// Anything a list endpoint can page over.
pub trait Listed {
    fn seq(&self) -> u64;
}

macro_rules! listed {
    ($($t:ty),*) => { $(impl Listed for $t { fn seq(&self) -> u64 { self.meta.seq } })* };
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Trunk {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
    pub domain_name: Option<String>,
    pub disaster_recovery_url: Option<String>,
    pub disaster_recovery_method: Option<String>,
    pub transfer_mode: String,
    pub transfer_caller_id: String,
    pub secure: bool,
    pub cnam_lookup_enabled: bool,
    pub symmetric_rtp_enabled: bool,
    pub recording_mode: String,
    pub recording_trim: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OriginationUrl {
    pub sid: String,
    pub trunk_sid: String,
    pub meta: Meta,
    pub sip_url: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
    pub friendly_name: String,
}

/// Which association a [`Link`] is.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum LinkKind {
    TrunkIpAcl,
    TrunkCredentials,
    DomainCallsCredentials,
    DomainCallsIpAcl,
    DomainRegistrationsCredentials,
}

impl LinkKind {
    /// Whether the linked resource is an IP ACL (else a credential list).
    pub fn is_acl(self) -> bool {
        matches!(self, Self::TrunkIpAcl | Self::DomainCallsIpAcl)
    }
}

/// An association of an ACL or credential list (`sid`) with a trunk or domain (`parent_sid`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Link {
    pub sid: String,
    pub parent_sid: String,
    pub kind: LinkKind,
    pub meta: Meta,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IpAccessControlList {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IpAddress {
    pub sid: String,
    pub acl_sid: String,
    pub meta: Meta,
    pub friendly_name: String,
    pub ip_address: String,
    pub cidr_prefix_length: u8,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CredentialList {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: String,
}

/// A SIP credential. The password is checked against the policy and never stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Credential {
    pub sid: String,
    pub list_sid: String,
    pub meta: Meta,
    pub username: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Domain {
    pub sid: String,
    pub meta: Meta,
    pub domain_name: String,
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: String,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: String,
    pub voice_status_callback_url: Option<String>,
    pub voice_status_callback_method: String,
    pub sip_registration: bool,
    pub emergency_calling_enabled: bool,
    pub secure: bool,
    pub byoc_trunk_sid: Option<String>,
    pub emergency_caller_sid: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Capabilities {
    pub voice: bool,
    pub sms: bool,
    pub mms: bool,
    pub fax: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PhoneNumber {
    pub sid: String,
    pub meta: Meta,
    pub phone_number: String,
    pub friendly_name: String,
    /// `local`, `mobile` or `toll-free`.
    pub number_type: String,
    pub trunk_sid: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: String,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: String,
    pub voice_application_sid: Option<String>,
    pub voice_caller_id_lookup: bool,
    pub voice_receive_mode: String,
    pub status_callback: Option<String>,
    pub status_callback_method: String,
    pub sms_url: Option<String>,
    pub sms_method: String,
    pub sms_fallback_url: Option<String>,
    pub sms_fallback_method: String,
    pub sms_application_sid: Option<String>,
    pub capabilities: Capabilities,
    pub address_requirements: String,
    pub emergency_status: String,
    pub beta: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Call {
    pub sid: String,
    pub meta: Meta,
    /// Creation time in milliseconds: the status is computed from the time elapsed since.
    pub created_ms: i64,
    pub to: String,
    pub from: String,
    pub phone_number_sid: Option<String>,
    pub byoc_sid: Option<String>,
}

/// An API key; the secret is held only as a SHA-256 hex digest.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiKey {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
    pub secret_sha256: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ByocTrunk {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: String,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: String,
    pub status_callback_url: Option<String>,
    pub status_callback_method: String,
    pub cnam_lookup_enabled: bool,
    pub connection_policy_sid: Option<String>,
    pub from_domain_sid: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConnectionPolicy {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Target {
    pub sid: String,
    pub policy_sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
    pub target: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
}

/// A carrier's signalling address (Voice v1 IP Record).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IpRecord {
    pub sid: String,
    pub meta: Meta,
    pub friendly_name: Option<String>,
    pub ip_address: String,
    pub cidr_prefix_length: u8,
}

/// An IP record mapped to the SIP domain its calls belong to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SourceIpMapping {
    pub sid: String,
    pub meta: Meta,
    pub ip_record_sid: String,
    pub sip_domain_sid: String,
}

/// A Serverless service.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Service {
    pub sid: String,
    pub meta: Meta,
    pub unique_name: String,
    pub friendly_name: String,
    pub include_credentials: bool,
    pub ui_editable: bool,
    /// `<unique_name>-<4 digits>`.
    pub domain_base: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Environment {
    pub sid: String,
    pub service_sid: String,
    pub meta: Meta,
    pub unique_name: String,
    pub domain_suffix: Option<String>,
    pub domain_name: String,
    pub build_sid: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Function {
    pub sid: String,
    pub service_sid: String,
    pub meta: Meta,
    pub friendly_name: String,
}

/// Uploaded code: kept, because the sandbox runs deployed Functions with Node.js.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FunctionVersion {
    pub sid: String,
    pub service_sid: String,
    pub function_sid: String,
    pub meta: Meta,
    pub path: String,
    pub visibility: String,
    pub content: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Build {
    pub sid: String,
    pub service_sid: String,
    pub meta: Meta,
    /// Creation time in milliseconds: `building` turns `completed` after a short delay.
    pub created_ms: i64,
    pub function_versions: Vec<String>,
    pub dependencies: Option<String>,
    pub runtime: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Deployment {
    pub sid: String,
    pub service_sid: String,
    pub environment_sid: String,
    pub meta: Meta,
    pub build_sid: String,
}

listed!(IpRecord, SourceIpMapping);

listed!(
    Service,
    Environment,
    Function,
    FunctionVersion,
    Build,
    Deployment
);

listed!(
    Trunk,
    OriginationUrl,
    Link,
    IpAccessControlList,
    IpAddress,
    CredentialList,
    Credential,
    Domain,
    PhoneNumber,
    Call,
    ApiKey,
    ByocTrunk,
    ConnectionPolicy,
    Target
);

/// Everything in the account. Serialised as the state file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Db {
    pub next_seq: u64,
    /// `active`, `suspended` or `closed`.
    pub account_status: String,
    pub trunks: Vec<Trunk>,
    pub origination_urls: Vec<OriginationUrl>,
    pub links: Vec<Link>,
    pub ip_access_control_lists: Vec<IpAccessControlList>,
    pub ip_addresses: Vec<IpAddress>,
    pub credential_lists: Vec<CredentialList>,
    pub credentials: Vec<Credential>,
    pub domains: Vec<Domain>,
    pub phone_numbers: Vec<PhoneNumber>,
    pub calls: Vec<Call>,
    pub keys: Vec<ApiKey>,
    pub byoc_trunks: Vec<ByocTrunk>,
    pub connection_policies: Vec<ConnectionPolicy>,
    pub targets: Vec<Target>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub environments: Vec<Environment>,
    #[serde(default)]
    pub functions: Vec<Function>,
    #[serde(default)]
    pub function_versions: Vec<FunctionVersion>,
    #[serde(default)]
    pub builds: Vec<Build>,
    #[serde(default)]
    pub deployments: Vec<Deployment>,
    #[serde(default)]
    pub ip_records: Vec<IpRecord>,
    #[serde(default)]
    pub source_ip_mappings: Vec<SourceIpMapping>,
}

impl Db {
    /// A fresh [`Meta`] stamped now, taking the next sequence number.
    pub fn meta(&mut self) -> Meta {
        self.next_seq += 1;
        let now = crate::clock::now_secs();
        Meta {
            seq: self.next_seq,
            created: now,
            updated: now,
        }
    }
}
