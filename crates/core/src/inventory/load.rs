//! Reading everything on the account for the inventory: trunks (eight at a time, each with its
//! lists and origination URLs), the account's lists with their addresses and usernames, SIP
//! domains with their mappings, BYOC trunks with their connection policy's targets, and the
//! numbers page by page with a progress event per page; then each trunk's numbers and each
//! list's users are worked out from what was read.

use std::collections::BTreeMap;

use futures::{StreamExt, TryStreamExt};
use switchboard_twilio::{Client, DomainMapping, Error, NumberFilter};

use super::{
    ByocTrunkSummary, CredentialListSummary, Inventory, InventoryEvent, InventoryNumber,
    IpAclSummary, NUMBERS_PAGE_SIZE, OriginationView, SipDomainSummary, TrunkSummary, address,
    name,
};

/// Reads the account's numbers page by page, reporting each page.
async fn read_numbers(
    client: &Client,
    on_event: &mut (dyn FnMut(InventoryEvent) + Send),
) -> Result<Vec<InventoryNumber>, Error> {
    let filter = NumberFilter {
        page_size: Some(NUMBERS_PAGE_SIZE),
        ..NumberFilter::default()
    };
    let pages = client.incoming_phone_number_pages(&filter);
    futures::pin_mut!(pages);
    let mut all = vec![];
    let mut page_no = 0u32;
    while let Some(page) = pages.next().await {
        let page = page?;
        page_no += 1;
        let numbers: Vec<InventoryNumber> = page
            .items
            .into_iter()
            .map(|n| InventoryNumber {
                sid: n.sid.to_string(),
                friendly_name: name(n.friendly_name, &n.phone_number),
                phone_number: n.phone_number,
                trunk_sid: n.trunk_sid.map(|t| t.to_string()),
                voice_url: n.voice_url.filter(|u| !u.is_empty()),
            })
            .collect();
        all.extend(numbers.iter().cloned());
        on_event(InventoryEvent::NumbersPage {
            page: page_no,
            numbers,
            loaded: all.len() as u32,
        });
    }
    Ok(all)
}

async fn read_trunk(client: &Client, t: switchboard_twilio::Trunk) -> Result<TrunkSummary, Error> {
    let sid = t.sid.clone();
    let (acls, cls, origs) = futures::try_join!(
        client.list_trunk_ip_acls(&sid).try_collect::<Vec<_>>(),
        client
            .list_trunk_credential_lists(&sid)
            .try_collect::<Vec<_>>(),
        client.list_origination_urls(&sid).try_collect::<Vec<_>>(),
    )?;
    Ok(TrunkSummary {
        sid: sid.to_string(),
        friendly_name: name(t.friendly_name, sid.as_str()),
        domain_name: t.domain_name.filter(|d| !d.is_empty()),
        secure: t.secure.unwrap_or(false),
        ip_acl_sids: acls.into_iter().map(|l| l.sid.to_string()).collect(),
        credential_list_sids: cls.into_iter().map(|l| l.sid.to_string()).collect(),
        origination_urls: origs
            .into_iter()
            .map(|o| OriginationView {
                friendly_name: name(o.friendly_name, o.sid.as_str()),
                sid: o.sid.to_string(),
                sip_url: o.sip_url.unwrap_or_default(),
                priority: o.priority.unwrap_or(10),
                weight: o.weight.unwrap_or(10),
                enabled: o.enabled.unwrap_or(true),
            })
            .collect(),
        number_sids: vec![],
    })
}

async fn read_domain(
    client: &Client,
    d: switchboard_twilio::SipDomain,
) -> Result<SipDomainSummary, Error> {
    let sid = d.sid.clone();
    let sids = |kind: DomainMapping| {
        client
            .list_domain_mappings(&sid, kind)
            .map_ok(|m| m.sid)
            .try_collect::<Vec<_>>()
    };
    let (calls_cl, calls_acl, reg_cl) = futures::try_join!(
        sids(DomainMapping::CallsCredentialList),
        sids(DomainMapping::CallsIpAcl),
        sids(DomainMapping::RegistrationsCredentialList),
    )?;
    Ok(SipDomainSummary {
        sid: sid.to_string(),
        domain_name: d.domain_name.unwrap_or_default(),
        friendly_name: d.friendly_name.filter(|f| !f.is_empty()),
        voice_url: d.voice_url.filter(|u| !u.is_empty()),
        registration: d.sip_registration.unwrap_or(false),
        calls_credential_list_sids: calls_cl,
        calls_ip_acl_sids: calls_acl,
        registration_credential_list_sids: reg_cl,
    })
}

async fn read_byoc(
    client: &Client,
    b: switchboard_twilio::ByocTrunk,
    policies: &BTreeMap<String, String>,
) -> Result<ByocTrunkSummary, Error> {
    let policy = b.connection_policy_sid.clone();
    let targets = match &policy {
        Some(p) => {
            client
                .list_targets(p)
                .map_ok(|t| t.target.unwrap_or_default())
                .try_collect::<Vec<_>>()
                .await?
        }
        None => vec![],
    };
    Ok(ByocTrunkSummary {
        friendly_name: name(b.friendly_name, b.sid.as_str()),
        sid: b.sid.to_string(),
        voice_url: b.voice_url.filter(|u| !u.is_empty()),
        connection_policy_name: policy
            .as_ref()
            .and_then(|p| policies.get(p.as_str()).cloned()),
        connection_policy_sid: policy.map(|p| p.to_string()),
        targets,
    })
}

/// Reads everything on the account. `on_event` hears which kind is being read and each page of
/// numbers as it arrives.
pub async fn load(
    client: &Client,
    on_event: &mut (dyn FnMut(InventoryEvent) + Send),
) -> Result<Inventory, Error> {
    on_event(InventoryEvent::Reading {
        what: "trunks".into(),
    });
    let trunks = client.list_trunks().try_collect::<Vec<_>>().await?;
    let mut trunks: Vec<TrunkSummary> = futures::stream::iter(trunks)
        .map(|t| read_trunk(client, t))
        .buffered(8)
        .try_collect()
        .await?;

    on_event(InventoryEvent::Reading {
        what: "access control and credential lists".into(),
    });
    let (acls, cls) = futures::try_join!(
        client.list_ip_acls().try_collect::<Vec<_>>(),
        client.list_credential_lists().try_collect::<Vec<_>>(),
    )?;
    let acl_reads: Vec<_> = acls
        .iter()
        .map(|a| {
            client
                .list_ip_addresses(&a.sid)
                .map_ok(|ip| address(ip.ip_address, ip.cidr_prefix_length))
                .try_collect::<Vec<_>>()
        })
        .collect();
    let acl_entries: Vec<Vec<String>> = futures::stream::iter(acl_reads)
        .buffered(8)
        .try_collect()
        .await?;
    let cl_reads: Vec<_> = cls
        .iter()
        .map(|c| {
            client
                .list_credentials(&c.sid)
                .map_ok(|c| c.username.unwrap_or_default())
                .try_collect::<Vec<_>>()
        })
        .collect();
    let cl_users: Vec<Vec<String>> = futures::stream::iter(cl_reads)
        .buffered(8)
        .try_collect()
        .await?;

    on_event(InventoryEvent::Reading {
        what: "SIP domains and BYOC trunks".into(),
    });
    let (domains, byocs, policies) = futures::try_join!(
        client.list_sip_domains().try_collect::<Vec<_>>(),
        client.list_byoc_trunks().try_collect::<Vec<_>>(),
        client.list_connection_policies().try_collect::<Vec<_>>(),
    )?;
    let sip_domains: Vec<SipDomainSummary> = futures::stream::iter(domains)
        .map(|d| read_domain(client, d))
        .buffered(8)
        .try_collect()
        .await?;
    let policy_names: BTreeMap<String, String> = policies
        .into_iter()
        .map(|p| (p.sid.to_string(), name(p.friendly_name, p.sid.as_str())))
        .collect();
    let byoc_trunks: Vec<ByocTrunkSummary> = futures::stream::iter(byocs)
        .map(|b| read_byoc(client, b, &policy_names))
        .buffered(8)
        .try_collect()
        .await?;

    on_event(InventoryEvent::Reading {
        what: "numbers".into(),
    });
    let numbers = read_numbers(client, on_event).await?;
    for t in trunks.iter_mut() {
        t.number_sids = numbers
            .iter()
            .filter(|n| n.trunk_sid.as_deref() == Some(t.sid.as_str()))
            .map(|n| n.sid.clone())
            .collect();
    }

    let users_of = |list: &str| -> Vec<String> {
        let mut v: Vec<String> = trunks
            .iter()
            .filter(|t| {
                t.ip_acl_sids
                    .iter()
                    .chain(&t.credential_list_sids)
                    .any(|s| s == list)
            })
            .map(|t| t.sid.clone())
            .chain(
                sip_domains
                    .iter()
                    .filter(|d| {
                        d.calls_credential_list_sids
                            .iter()
                            .chain(&d.calls_ip_acl_sids)
                            .chain(&d.registration_credential_list_sids)
                            .any(|s| s == list)
                    })
                    .map(|d| d.sid.clone()),
            )
            .collect();
        v.dedup();
        v
    };
    let ip_acls = acls
        .into_iter()
        .zip(acl_entries)
        .map(|(a, addresses)| IpAclSummary {
            used_by: users_of(a.sid.as_str()),
            friendly_name: name(a.friendly_name, a.sid.as_str()),
            sid: a.sid.to_string(),
            addresses,
        })
        .collect();
    let credential_lists = cls
        .into_iter()
        .zip(cl_users)
        .map(|(c, usernames)| CredentialListSummary {
            used_by: users_of(c.sid.as_str()),
            friendly_name: name(c.friendly_name, c.sid.as_str()),
            sid: c.sid.to_string(),
            usernames,
        })
        .collect();
    on_event(InventoryEvent::Finished {
        trunks: trunks.len() as u32,
        numbers: numbers.len() as u32,
    });
    Ok(Inventory {
        trunks,
        byoc_trunks,
        sip_domains,
        ip_acls,
        credential_lists,
        numbers,
    })
}
