//! Everything on an account that Switchboard deals with, and how it links: Elastic SIP trunks
//! with their IP access control lists, credential lists, origination URLs and numbers; BYOC
//! trunks; SIP domains with their mappings; the lists themselves with their entries and who
//! uses them; and every number with the trunk it is routed to. Numbers are read page by page
//! with a progress callback so a large account (thousands of numbers) shows progress.
//!
//! [`spec_from_trunk`] turns one live trunk back into an [`ElasticTrunk`] spec ("open in
//! wizard"), so changing it goes through the same plan / apply path as creating one.
//!
//! This file holds the inventory's types; reading the account is in `load`, turning a trunk
//! back into a spec in `to_spec`.
//!
//! [`ElasticTrunk`]: crate::spec::ElasticTrunk

mod load;
mod to_spec;

pub use load::load;
pub use to_spec::spec_from_trunk;

use serde::Serialize;

/// Numbers per page when reading the account's numbers (Twilio allows up to 1000).
pub const NUMBERS_PAGE_SIZE: u32 = 200;

/// An Elastic SIP trunk and what hangs off it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrunkSummary {
    pub sid: String,
    pub friendly_name: String,
    /// `<label>.pstn.twilio.com`, when set.
    pub domain_name: Option<String>,
    pub secure: bool,
    pub ip_acl_sids: Vec<String>,
    pub credential_list_sids: Vec<String>,
    pub origination_urls: Vec<OriginationView>,
    /// SIDs of the numbers routed to this trunk.
    pub number_sids: Vec<String>,
}

/// An origination URL of a trunk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OriginationView {
    pub sid: String,
    pub friendly_name: String,
    pub sip_url: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
}

/// A BYOC trunk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ByocTrunkSummary {
    pub sid: String,
    pub friendly_name: String,
    pub voice_url: Option<String>,
    pub connection_policy_sid: Option<String>,
    /// The connection policy's name and its targets' SIP URLs.
    pub connection_policy_name: Option<String>,
    pub targets: Vec<String>,
}

/// A SIP domain and the lists mapped to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SipDomainSummary {
    pub sid: String,
    pub domain_name: String,
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub registration: bool,
    /// Credential lists that authenticate calls.
    pub calls_credential_list_sids: Vec<String>,
    /// IP access control lists that authenticate calls.
    pub calls_ip_acl_sids: Vec<String>,
    /// Credential lists that authenticate registrations.
    pub registration_credential_list_sids: Vec<String>,
}

/// An IP access control list, its addresses and who uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IpAclSummary {
    pub sid: String,
    pub friendly_name: String,
    /// `a.b.c.d` or `a.b.c.d/len`.
    pub addresses: Vec<String>,
    /// SIDs of the trunks and SIP domains that use it.
    pub used_by: Vec<String>,
}

/// A credential list, its usernames (never passwords: Twilio does not return them) and users.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredentialListSummary {
    pub sid: String,
    pub friendly_name: String,
    pub usernames: Vec<String>,
    pub used_by: Vec<String>,
}

/// A number on the account and where its calls go.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InventoryNumber {
    pub sid: String,
    pub phone_number: String,
    pub friendly_name: String,
    /// The Elastic SIP trunk it is routed to, if any (its voice URL is then not used).
    pub trunk_sid: Option<String>,
    pub voice_url: Option<String>,
}

/// Everything on the account.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Inventory {
    pub trunks: Vec<TrunkSummary>,
    pub byoc_trunks: Vec<ByocTrunkSummary>,
    pub sip_domains: Vec<SipDomainSummary>,
    pub ip_acls: Vec<IpAclSummary>,
    pub credential_lists: Vec<CredentialListSummary>,
    pub numbers: Vec<InventoryNumber>,
}

/// Progress of [`load()`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum InventoryEvent {
    /// One kind of resource is being read ("trunks", "numbers", …).
    Reading { what: String },
    /// A page of numbers arrived.
    NumbersPage {
        page: u32,
        numbers: Vec<InventoryNumber>,
        /// Numbers read so far, this page included.
        loaded: u32,
    },
    /// Everything is read.
    Finished { trunks: u32, numbers: u32 },
}

fn name(s: Option<String>, sid: &str) -> String {
    s.filter(|s| !s.is_empty())
        .unwrap_or_else(|| sid.to_string())
}

fn address(ip: Option<String>, prefix: Option<u32>) -> String {
    let ip = ip.unwrap_or_default();
    match prefix {
        Some(p) if p != 32 => format!("{ip}/{p}"),
        _ => ip,
    }
}
