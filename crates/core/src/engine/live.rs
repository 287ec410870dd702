//! Reading the live account: exactly the resources a spec can touch, in as few round trips as
//! possible (list calls with large pages, independent reads at the same time), into a
//! serialisable snapshot whose hash is the plan's fingerprint.
//!
//! This file holds the snapshot's types, the entry points and the speculative read of a hinted
//! SID; the Elastic trunk's reads are in `elastic`, the account's lists and a domain's mappings
//! in `lists` (BYOC and SIP domain reads are in `live_more`).

mod elastic;
mod lists;

pub(crate) use elastic::origination_fields;
pub(crate) use lists::{read_lists, read_mappings};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_twilio::{Client, Error, RecordingMode, RecordingTrim};

use super::step::{ByocFields, DomainFields, OriginationFields, TargetFields, TrunkFields};
use crate::spec::Spec;
use elastic::read_elastic;

/// A named resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub sid: String,
    pub name: String,
}

/// One address of an IP access control list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AclEntry {
    pub ip: String,
    pub prefix: u32,
    pub sid: String,
    pub friendly_name: String,
}

/// Every ACL and credential list, with the entries of those the spec names: addresses by ACL
/// SID, `(username, credential SID)` by credential list SID.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lists {
    pub acls: Vec<Named>,
    pub acl_entries: BTreeMap<String, Vec<AclEntry>>,
    pub credential_lists: Vec<Named>,
    pub usernames: BTreeMap<String, Vec<(String, String)>>,
}

/// A number on the account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberView {
    pub sid: String,
    pub number: String,
    pub trunk_sid: Option<String>,
    pub voice_url: Option<String>,
    pub voice_application_sid: Option<String>,
}

/// The matched trunk and what hangs off it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrunkDetail {
    pub sid: String,
    pub fields: TrunkFields,
    pub recording: (RecordingMode, RecordingTrim),
    pub acl_links: Vec<String>,
    pub credential_list_links: Vec<String>,
    pub origination_urls: Vec<(String, OriginationFields)>,
}

/// What an Elastic trunk plan depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticLive {
    pub trunks: Vec<Named>,
    pub trunk: Option<TrunkDetail>,
    pub lists: Lists,
    pub numbers: Vec<NumberView>,
}

/// What a BYOC plan depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByocLive {
    /// The policy the spec names (already in `policies`; not part of the fingerprint).
    #[serde(skip)]
    pub policy_sid: Option<String>,
    pub policies: Vec<Named>,
    pub targets: Vec<(String, TargetFields)>,
    pub trunks: Vec<(String, ByocFields)>,
    pub domains: Vec<Named>,
    /// The inbound router's resources, when the spec has a router.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub router: Option<super::live_router::RouterLive>,
    /// The carrier's inbound SIP domain, IP records and mappings, when the spec has `inbound`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound: Option<super::live_router::InboundLive>,
}

/// What a SIP domain plan depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainLive {
    pub domain: Option<(String, DomainFields)>,
    pub lists: Lists,
    pub mappings: BTreeMap<String, Vec<String>>,
    /// The inbound router's resources, when the spec has a router.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub router: Option<super::live_router::RouterLive>,
}

/// A snapshot of everything read for one spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Live {
    ElasticTrunk(ElasticLive),
    Byoc(ByocLive),
    SipDomain(DomainLive),
}

impl Live {
    /// SHA-256 of the snapshot's JSON, taken through `serde_json::Value` so that the
    /// stale-plan check's filtered copy of a snapshot hashes the same way.
    pub fn fingerprint(&self) -> String {
        super::check::fingerprint_of(&serde_json::to_value(self).unwrap_or_default())
    }
}

/// The SIDs of the existing resources a plan was built around (the matched trunk, SIP domain
/// or connection policy; the spec's lists that exist). With them the stale-plan check reads
/// everything in one concurrent wave instead of finding each resource before reading what
/// hangs off it. They are only hints: the check still lists the account, and a hint that no
/// longer matches (a resource deleted or renamed since) is read the slow way, so the snapshot
/// (and its fingerprint) is exactly what a fresh [`read`] gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acls: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credential_lists: Vec<String>,
    /// Read what hangs off the hinted resources only: a resource found by name that the hints
    /// do not name shows in the account's lists, but what hangs off it is not read. The
    /// stale-plan check of a run reads this way: at plan time every resource found was hinted,
    /// so such a resource is either new since the plan (which its presence alone shows) or was
    /// just made by the run itself (which the check leaves out).
    #[serde(skip)]
    pub hints_only: bool,
}

impl Live {
    /// The SIDs this snapshot found (see [`Known`]).
    pub fn known(&self) -> Known {
        let lists = |l: &Lists| {
            (
                l.acl_entries.keys().cloned().collect(),
                l.usernames.keys().cloned().collect(),
            )
        };
        let (parent, (acls, credential_lists)) = match self {
            Live::ElasticTrunk(e) => (e.trunk.as_ref().map(|t| t.sid.clone()), lists(&e.lists)),
            Live::SipDomain(d) => (d.domain.as_ref().map(|x| x.0.clone()), lists(&d.lists)),
            Live::Byoc(b) => (b.policy_sid.clone(), (vec![], vec![])),
        };
        Known {
            parent,
            acls,
            credential_lists,
            hints_only: false,
        }
    }
}

/// Reads what `spec` depends on.
pub async fn read(spec: &Spec, client: &Client) -> Result<Live, Error> {
    read_known(spec, client, &Known::default()).await
}

/// [`read`], with the SIDs a plan already knows read at the same time as the lists that find
/// them.
pub async fn read_known(spec: &Spec, client: &Client, known: &Known) -> Result<Live, Error> {
    Ok(match spec {
        Spec::ElasticTrunk(t) => Live::ElasticTrunk(read_elastic(t, client, known).await?),
        Spec::Byoc(b) => Live::Byoc(super::live_more::read_byoc(b, client, known).await?),
        Spec::SipDomain(d) => {
            Live::SipDomain(super::live_more::read_domain(d, client, known).await?)
        }
    })
}

/// Runs `read` for the hinted parent SID now (alongside the reads that find the real one);
/// `pick` then returns its result if the hint was right, else reads the SID that was found
/// (or, when reading [hints only](Known::hints_only), returns `None`).
pub(crate) struct Speculative<T> {
    early: Option<(String, Result<T, Error>)>,
    hints_only: bool,
}

impl<T> Speculative<T> {
    pub async fn start<F, Fut>(known: &Known, read: F) -> Self
    where
        F: FnOnce(String) -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        let early = match &known.parent {
            None => None,
            Some(h) => Some((h.clone(), read(h.clone()).await)),
        };
        Speculative {
            early,
            hints_only: known.hints_only,
        }
    }

    pub async fn pick<F, Fut>(self, found: &str, read: F) -> Result<Option<T>, Error>
    where
        F: FnOnce(String) -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        match self.early {
            Some((h, result)) if h == found => result.map(Some),
            _ if self.hints_only => Ok(None),
            _ => read(found.to_string()).await.map(Some),
        }
    }
}

pub(crate) fn opt(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.is_empty())
}
