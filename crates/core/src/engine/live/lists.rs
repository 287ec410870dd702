//! Reading the account's IP access control lists and credential lists (with the addresses and
//! usernames of those a spec names, hinted ones read at the same time as the lists) and the
//! auth mappings of a SIP domain.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use switchboard_twilio::{
    Client, CredentialListSid, DomainMapping, Error, IpAccessControlListSid, SipDomainSid,
};

use super::{AclEntry, Known, Lists, Named};
use crate::spec::IpAclSpec;

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
