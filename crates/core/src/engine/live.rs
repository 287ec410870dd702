//! Reading the live account: exactly the resources a spec can touch, in as few round trips as
//! possible (list calls with large pages, independent reads at the same time), into a
//! serialisable snapshot whose hash is the plan's fingerprint.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use switchboard_twilio::{
    Client, CredentialListSid, DomainMapping, Error, IpAccessControlListSid, NumberFilter,
    RecordingMode, RecordingTrim, SipDomainSid,
};

use super::step::{ByocFields, DomainFields, OriginationFields, TargetFields, TrunkFields};
use crate::spec::{IpAclSpec, Spec};

/// A named resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub sid: String,
    pub name: String,
}

/// An IP access control list with its entries (`ip`, prefix length).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lists {
    pub acls: Vec<Named>,
    pub acl_entries: BTreeMap<String, Vec<(String, u32)>>,
    pub credential_lists: Vec<Named>,
    pub usernames: BTreeMap<String, Vec<String>>,
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
    pub policies: Vec<Named>,
    pub targets: Vec<(String, TargetFields)>,
    pub trunks: Vec<(String, ByocFields)>,
    pub domains: Vec<Named>,
    /// The inbound router's resources, when the spec has a router.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub router: Option<super::live_router::RouterLive>,
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
    /// SHA-256 of the snapshot's canonical JSON.
    pub fn fingerprint(&self) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Reads what `spec` depends on.
pub async fn read(spec: &Spec, client: &Client) -> Result<Live, Error> {
    Ok(match spec {
        Spec::ElasticTrunk(t) => Live::ElasticTrunk(read_elastic(t, client).await?),
        Spec::Byoc(b) => Live::Byoc(super::live_more::read_byoc(b, client).await?),
        Spec::SipDomain(d) => Live::SipDomain(super::live_more::read_domain(d, client).await?),
    })
}

pub(crate) fn opt(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.is_empty())
}

async fn read_elastic(
    t: &crate::spec::ElasticTrunk,
    client: &Client,
) -> Result<ElasticLive, Error> {
    let cls: Vec<String> = t.credential_lists.iter().map(|c| c.name.clone()).collect();
    let trunks = client.list_trunks().try_collect::<Vec<_>>();
    let numbers = client
        .list_incoming_phone_numbers(&NumberFilter {
            page_size: Some(1000),
            ..NumberFilter::default()
        })
        .try_collect::<Vec<_>>();
    let lists = read_lists(client, &t.ip_acls, &cls);
    let (trunks, numbers, lists) = tokio::try_join!(trunks, numbers, lists)?;
    let wanted = |n: &str| t.numbers.iter().any(|w| w == n);
    let mut numbers: Vec<NumberView> = numbers
        .into_iter()
        .filter(|n| wanted(&n.phone_number))
        .map(|n| NumberView {
            sid: n.sid.to_string(),
            number: n.phone_number,
            trunk_sid: n.trunk_sid.map(|s| s.to_string()),
            voice_url: opt(n.voice_url),
            voice_application_sid: n.voice_application_sid.map(|s| s.to_string()),
        })
        .collect();
    numbers.sort_by(|a, b| a.number.cmp(&b.number));
    let matched = trunks
        .iter()
        .find(|tr| tr.domain_name.as_deref() == Some(t.termination_domain.as_str()))
        .or_else(|| {
            trunks
                .iter()
                .find(|tr| tr.friendly_name.as_deref() == Some(t.name.as_str()))
        })
        .cloned();
    let mut named: Vec<Named> = trunks
        .into_iter()
        .map(|tr| Named {
            sid: tr.sid.to_string(),
            name: tr.friendly_name.unwrap_or_default(),
        })
        .collect();
    named.sort_by(|a, b| a.sid.cmp(&b.sid));
    let trunk = match matched {
        None => None,
        Some(tr) => {
            let sid = tr.sid.clone();
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
            Some(TrunkDetail {
                sid: sid.to_string(),
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
                recording: (
                    rec.mode.unwrap_or(RecordingMode::DoNotRecord),
                    rec.trim.unwrap_or(RecordingTrim::DoNotTrim),
                ),
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

/// All ACLs and credential lists, plus the entries of those the spec names.
pub(crate) async fn read_lists(
    client: &Client,
    acls: &[IpAclSpec],
    cl_names: &[String],
) -> Result<Lists, Error> {
    let (all_acls, all_cls) = tokio::try_join!(
        client.list_ip_acls().try_collect::<Vec<_>>(),
        client.list_credential_lists().try_collect::<Vec<_>>(),
    )?;
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
    let acl_sids: Vec<IpAccessControlListSid> = all_acls
        .iter()
        .filter(|a| {
            acls.iter()
                .any(|s| Some(&s.name) == a.friendly_name.as_ref())
        })
        .map(|a| a.sid.clone())
        .collect();
    let cl_sids: Vec<CredentialListSid> = all_cls
        .iter()
        .filter(|c| cl_names.iter().any(|n| Some(n) == c.friendly_name.as_ref()))
        .map(|c| c.sid.clone())
        .collect();
    let entries = futures::future::try_join_all(acl_sids.iter().map(|sid| async move {
        let items: Vec<_> = client.list_ip_addresses(sid).try_collect().await?;
        let mut e: Vec<(String, u32)> = items
            .into_iter()
            .map(|i| {
                (
                    i.ip_address.unwrap_or_default(),
                    i.cidr_prefix_length.unwrap_or(32),
                )
            })
            .collect();
        e.sort();
        Ok::<_, Error>((sid.to_string(), e))
    }));
    let users = futures::future::try_join_all(cl_sids.iter().map(|sid| async move {
        let items: Vec<_> = client.list_credentials(sid).try_collect().await?;
        let mut u: Vec<String> = items.into_iter().filter_map(|c| c.username).collect();
        u.sort();
        Ok::<_, Error>((sid.to_string(), u))
    }));
    let (entries, users) = tokio::try_join!(entries, users)?;
    lists.acl_entries = entries.into_iter().collect();
    lists.usernames = users.into_iter().collect();
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
    Ok(all.into_iter().collect())
}
