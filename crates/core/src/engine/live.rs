//! Reading the live account: exactly the resources a spec can touch, in as few round trips as
//! possible (list calls with large pages, independent reads at the same time), into a
//! serialisable snapshot whose hash is the plan's fingerprint.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use switchboard_twilio::{
    Client, CredentialListSid, DomainMapping, Error, IpAccessControlListSid, NumberFilter,
    RecordingMode, RecordingTrim, SipDomainSid, TrunkSid,
};

use super::step::{ByocFields, DomainFields, OriginationFields, TargetFields, TrunkFields};
use crate::spec::{IpAclSpec, Spec};

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

/// What hangs off a trunk: recording, linked lists, origination URLs.
type TrunkParts = (
    (RecordingMode, RecordingTrim),
    Vec<String>,
    Vec<String>,
    Vec<(String, OriginationFields)>,
);

async fn trunk_parts(client: &Client, sid: String) -> Result<TrunkParts, Error> {
    let sid = TrunkSid::parse(&sid).map_err(|e| Error::InvalidInput {
        field: "trunk".into(),
        value: sid.clone(),
        rule: e.to_string(),
    })?;
    let (rec, acls, cls, urls) = tokio::try_join!(
        client.fetch_recording(&sid),
        client.list_trunk_ip_acls(&sid).try_collect::<Vec<_>>(),
        client
            .list_trunk_credential_lists(&sid)
            .try_collect::<Vec<_>>(),
        client.list_origination_urls(&sid).try_collect::<Vec<_>>(),
    )?;
    let mut acl_links: Vec<String> = acls.into_iter().map(|l| l.sid.to_string()).collect();
    acl_links.sort();
    let mut credential_list_links: Vec<String> =
        cls.into_iter().map(|l| l.sid.to_string()).collect();
    credential_list_links.sort();
    let mut origination_urls: Vec<(String, OriginationFields)> = urls
        .into_iter()
        .map(|u| {
            (
                u.sid.to_string(),
                OriginationFields {
                    friendly_name: u.friendly_name.unwrap_or_default(),
                    sip_url: u.sip_url.unwrap_or_default(),
                    priority: u.priority.unwrap_or(10),
                    weight: u.weight.unwrap_or(10),
                    enabled: u.enabled.unwrap_or(true),
                },
            )
        })
        .collect();
    origination_urls.sort_by(|a, b| a.0.cmp(&b.0));
    let recording = (
        rec.mode.unwrap_or(RecordingMode::DoNotRecord),
        rec.trim.unwrap_or(RecordingTrim::DoNotTrim),
    );
    Ok((
        recording,
        acl_links,
        credential_list_links,
        origination_urls,
    ))
}

async fn read_elastic(
    t: &crate::spec::ElasticTrunk,
    client: &Client,
    known: &Known,
) -> Result<ElasticLive, Error> {
    let cls: Vec<String> = t.credential_lists.iter().map(|c| c.name.clone()).collect();
    let trunks = client.list_trunks().try_collect::<Vec<_>>();
    let numbers = client
        .list_incoming_phone_numbers(&NumberFilter {
            page_size: Some(1000),
            ..NumberFilter::default()
        })
        .try_collect::<Vec<_>>();
    let lists = read_lists(client, &t.ip_acls, &cls, known);
    let parts = Speculative::start(known, |sid| trunk_parts(client, sid));
    let (trunks, numbers, lists, parts) = tokio::join!(trunks, numbers, lists, parts);
    let (trunks, numbers, lists) = (trunks?, numbers?, lists?);
    let matched = trunks
        .iter()
        .find(|tr| tr.domain_name.as_deref() == Some(t.termination_domain.as_str()))
        .or_else(|| {
            trunks
                .iter()
                .find(|tr| tr.friendly_name.as_deref() == Some(t.name.as_str()))
        })
        .cloned();
    // The spec's numbers, and those on the trunk (which the spec may no longer list).
    let on_trunk = matched.as_ref().map(|tr| tr.sid.to_string());
    let wanted = |n: &switchboard_twilio::IncomingPhoneNumber| {
        t.numbers.iter().any(|w| w == &n.phone_number)
            || (on_trunk.is_some() && n.trunk_sid.as_ref().map(|s| s.to_string()) == on_trunk)
    };
    let mut numbers: Vec<NumberView> = numbers
        .into_iter()
        .filter(|n| wanted(n))
        .map(|n| NumberView {
            sid: n.sid.to_string(),
            number: n.phone_number,
            trunk_sid: n.trunk_sid.map(|s| s.to_string()),
            voice_url: opt(n.voice_url),
            voice_application_sid: n.voice_application_sid.map(|s| s.to_string()),
        })
        .collect();
    numbers.sort_by(|a, b| a.number.cmp(&b.number));
    let mut named: Vec<Named> = trunks
        .into_iter()
        .map(|tr| Named {
            sid: tr.sid.to_string(),
            name: tr.friendly_name.unwrap_or_default(),
        })
        .collect();
    named.sort_by(|a, b| a.sid.cmp(&b.sid));
    let picked = match &matched {
        None => None,
        Some(tr) => parts
            .pick(tr.sid.as_str(), |sid| trunk_parts(client, sid))
            .await?
            .map(|p| (tr.clone(), p)),
    };
    let trunk = match picked {
        None => None,
        Some((tr, parts)) => {
            let (recording, acl_links, credential_list_links, origination_urls) = parts;
            Some(TrunkDetail {
                sid: tr.sid.to_string(),
                fields: TrunkFields {
                    friendly_name: tr.friendly_name.unwrap_or_default(),
                    domain_name: tr.domain_name.unwrap_or_default(),
                    secure: tr.secure.unwrap_or(false),
                    cnam_lookup_enabled: tr.cnam_lookup_enabled.unwrap_or(false),
                    transfer_mode: tr
                        .transfer_mode
                        .unwrap_or(switchboard_twilio::TransferMode::DisableAll),
                    transfer_caller_id: tr
                        .transfer_caller_id
                        .unwrap_or(switchboard_twilio::TransferCallerId::FromTransferee),
                    disaster_recovery_url: opt(tr.disaster_recovery_url),
                    disaster_recovery_method: tr
                        .disaster_recovery_method
                        .unwrap_or(switchboard_twilio::HttpMethod::Post),
                },
                recording,
                acl_links,
                credential_list_links,
                origination_urls,
            })
        }
    };
    Ok(ElasticLive {
        trunks: named,
        trunk,
        lists,
        numbers,
    })
}

async fn acl_entries(client: &Client, sid: String) -> Result<Vec<AclEntry>, Error> {
    let sid = IpAccessControlListSid::parse(&sid).map_err(|e| Error::InvalidInput {
        field: "ip_acl".into(),
        value: sid.clone(),
        rule: e.to_string(),
    })?;
    let items: Vec<_> = client.list_ip_addresses(&sid).try_collect().await?;
    let mut e: Vec<AclEntry> = items
        .into_iter()
        .map(|i| AclEntry {
            ip: i.ip_address.unwrap_or_default(),
            prefix: i.cidr_prefix_length.unwrap_or(32),
            sid: i.sid.to_string(),
            friendly_name: i.friendly_name.unwrap_or_default(),
        })
        .collect();
    e.sort();
    Ok(e)
}

async fn usernames(client: &Client, sid: String) -> Result<Vec<(String, String)>, Error> {
    let sid = CredentialListSid::parse(&sid).map_err(|e| Error::InvalidInput {
        field: "credential_list".into(),
        value: sid.clone(),
        rule: e.to_string(),
    })?;
    let items: Vec<_> = client.list_credentials(&sid).try_collect().await?;
    let mut u: Vec<(String, String)> = items
        .into_iter()
        .filter_map(|c| c.username.map(|u| (u, c.sid.to_string())))
        .collect();
    u.sort();
    Ok(u)
}

/// Reads `sids` (each with `read`), reusing the speculative results of the hinted ones.
async fn read_each<T, F, Fut>(
    sids: Vec<String>,
    mut early: BTreeMap<String, Result<T, Error>>,
    read: F,
) -> Result<BTreeMap<String, T>, Error>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>>,
{
    let reads = sids.into_iter().map(|sid| {
        let ready = early.remove(&sid);
        let fut = match ready {
            Some(r) => futures::future::Either::Left(std::future::ready(r)),
            None => futures::future::Either::Right(read(sid.clone())),
        };
        async move { fut.await.map(|v| (sid, v)) }
    });
    Ok(futures::future::try_join_all(reads)
        .await?
        .into_iter()
        .collect())
}

/// All ACLs and credential lists, plus the entries of those the spec names (those `known`
/// names are read at the same time as the lists).
pub(crate) async fn read_lists(
    client: &Client,
    acls: &[IpAclSpec],
    cl_names: &[String],
    known: &Known,
) -> Result<Lists, Error> {
    let early_entries = futures::future::join_all(
        known
            .acls
            .iter()
            .map(|sid| async move { (sid.clone(), acl_entries(client, sid.clone()).await) }),
    );
    let early_users = futures::future::join_all(
        known
            .credential_lists
            .iter()
            .map(|sid| async move { (sid.clone(), usernames(client, sid.clone()).await) }),
    );
    let (all_acls, all_cls, early_entries, early_users) = tokio::join!(
        client.list_ip_acls().try_collect::<Vec<_>>(),
        client.list_credential_lists().try_collect::<Vec<_>>(),
        early_entries,
        early_users,
    );
    let (all_acls, all_cls) = (all_acls?, all_cls?);
    let mut lists = Lists {
        acls: all_acls
            .iter()
            .map(|a| Named {
                sid: a.sid.to_string(),
                name: a.friendly_name.clone().unwrap_or_default(),
            })
            .collect(),
        credential_lists: all_cls
            .iter()
            .map(|c| Named {
                sid: c.sid.to_string(),
                name: c.friendly_name.clone().unwrap_or_default(),
            })
            .collect(),
        ..Lists::default()
    };
    lists.acls.sort_by(|a, b| a.sid.cmp(&b.sid));
    lists.credential_lists.sort_by(|a, b| a.sid.cmp(&b.sid));
    let acl_sids: Vec<String> = all_acls
        .iter()
        .filter(|a| {
            acls.iter()
                .any(|s| Some(&s.name) == a.friendly_name.as_ref())
        })
        .map(|a| a.sid.to_string())
        .collect();
    let cl_sids: Vec<String> = all_cls
        .iter()
        .filter(|c| cl_names.iter().any(|n| Some(n) == c.friendly_name.as_ref()))
        .map(|c| c.sid.to_string())
        .collect();
    let (mut acl_sids, mut cl_sids) = (acl_sids, cl_sids);
    if known.hints_only {
        acl_sids.retain(|s| known.acls.contains(s));
        cl_sids.retain(|s| known.credential_lists.contains(s));
    }
    let (entries, users) = tokio::try_join!(
        read_each(acl_sids, early_entries.into_iter().collect(), |sid| {
            acl_entries(client, sid)
        }),
        read_each(cl_sids, early_users.into_iter().collect(), |sid| {
            usernames(client, sid)
        }),
    )?;
    lists.acl_entries = entries;
    lists.usernames = users;
    Ok(lists)
}

/// The mapping SIDs of one domain, per collection.
pub(crate) async fn read_mappings(
    client: &Client,
    domain: &SipDomainSid,
) -> Result<BTreeMap<String, Vec<String>>, Error> {
    let kinds = [
        ("calls_credential_list", DomainMapping::CallsCredentialList),
        ("calls_ip_acl", DomainMapping::CallsIpAcl),
        (
            "registrations_credential_list",
            DomainMapping::RegistrationsCredentialList,
        ),
    ];
    let all = futures::future::try_join_all(kinds.iter().map(|(k, kind)| async move {
        let items: Vec<_> = client
            .list_domain_mappings(domain, *kind)
            .try_collect()
            .await?;
        let mut sids: Vec<String> = items.into_iter().map(|m| m.sid).collect();
        sids.sort();
        Ok::<_, Error>((k.to_string(), sids))
    }))
    .await?;
    // Only kinds with a mapping: a domain with none reads like no domain at all, so the
    // stale-plan check can leave out a domain this run has just created.
    Ok(all
        .into_iter()
        .filter(|(_, sids)| !sids.is_empty())
        .collect())
}
