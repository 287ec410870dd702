//! `teardown(client, trunk)`: the plan that removes an Elastic SIP trunk ("remove" in the
//! Inventory), applied by the same [`apply`](super::apply) with its progress, lock and journal.
//!
//! Order: first what a rollback can undo (detach every number — a number is never released —,
//! remove the origination URLs, stop using the trunk's lists), then the trunk itself, then the
//! lists only this trunk used. Lists another trunk or a SIP domain also uses are kept. A
//! rollback before the trunk is deleted restores everything (origination URLs come back with new
//! SIDs); once the trunk is deleted nothing of it can come back — a new trunk would get a new
//! SID and termination URI — and the rollback says so step by step instead of pretending.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use switchboard_twilio::{Client, Error, TrunkSid};

use super::live::{Known, Named, origination_fields, read_mappings};
use super::plan::{Builder, Plan, PlanError};
use super::step::{Op, OriginationFields, StepKind};
use crate::validate::Issue;

/// What a teardown plan depends on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeardownLive {
    pub trunk: Named,
    pub domain_name: Option<String>,
    /// `(PN SID, E.164)` of the numbers routed to the trunk.
    pub numbers: Vec<(String, String)>,
    pub origination_urls: Vec<(String, OriginationFields)>,
    pub acls: Vec<Named>,
    pub credential_lists: Vec<Named>,
    /// For each of the trunk's lists, who else uses it ("trunk 'X'", "SIP domain 'y'").
    pub also_used_by: BTreeMap<String, Vec<String>>,
}

impl TeardownLive {
    pub fn fingerprint(&self) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn not_a_trunk(trunk_sid: &str, why: &str) -> PlanError {
    PlanError::Invalid {
        issues: vec![
            Issue::error("trunk_sid", format!("{trunk_sid} {why}"))
                .with_hint("Reload the Inventory: the trunk may have been removed already"),
        ],
    }
}

/// Reads the trunk, what hangs off it, and who else uses its lists.
pub(crate) async fn read(client: &Client, trunk_sid: &str) -> Result<TeardownLive, PlanError> {
    let sid = TrunkSid::parse(trunk_sid)
        .map_err(|e| not_a_trunk(trunk_sid, &format!("is not a trunk SID: {e}")))?;
    let (trunk, numbers, urls, acls, cls, trunks, domains) = tokio::try_join!(
        client.fetch_trunk(&sid),
        client
            .list_trunk_phone_numbers(&sid)
            .try_collect::<Vec<_>>(),
        client.list_origination_urls(&sid).try_collect::<Vec<_>>(),
        client.list_trunk_ip_acls(&sid).try_collect::<Vec<_>>(),
        client
            .list_trunk_credential_lists(&sid)
            .try_collect::<Vec<_>>(),
        client.list_trunks().try_collect::<Vec<_>>(),
        client.list_sip_domains().try_collect::<Vec<_>>(),
    )
    .map_err(|e| {
        if e.is_not_found() {
            not_a_trunk(trunk_sid, "is not a trunk on this account")
        } else {
            PlanError::Twilio(e)
        }
    })?;
    // Who else uses a list: the other trunks' links and the SIP domains' mappings.
    let others = trunks.iter().filter(|t| t.sid != sid);
    let trunk_users = futures::future::try_join_all(others.map(|t| async move {
        let (a, c) = tokio::try_join!(
            client.list_trunk_ip_acls(&t.sid).try_collect::<Vec<_>>(),
            client
                .list_trunk_credential_lists(&t.sid)
                .try_collect::<Vec<_>>(),
        )?;
        let who = format!("trunk '{}'", t.friendly_name.clone().unwrap_or_default());
        let mut sids: Vec<String> = a.into_iter().map(|l| l.sid.to_string()).collect();
        sids.extend(c.into_iter().map(|l| l.sid.to_string()));
        Ok::<_, Error>((who, sids))
    }));
    let domain_users = futures::future::try_join_all(domains.iter().map(|d| async move {
        let m = read_mappings(client, &d.sid).await?;
        let who = format!("SIP domain '{}'", d.domain_name.clone().unwrap_or_default());
        Ok::<_, Error>((who, m.into_values().flatten().collect::<Vec<_>>()))
    }));
    let (trunk_users, domain_users) = tokio::try_join!(trunk_users, domain_users)?;
    let mut acls: Vec<Named> = acls
        .into_iter()
        .map(|l| Named {
            sid: l.sid.to_string(),
            name: l.friendly_name.unwrap_or_default(),
        })
        .collect();
    acls.sort_by(|a, b| a.sid.cmp(&b.sid));
    let mut credential_lists: Vec<Named> = cls
        .into_iter()
        .map(|l| Named {
            sid: l.sid.to_string(),
            name: l.friendly_name.unwrap_or_default(),
        })
        .collect();
    credential_lists.sort_by(|a, b| a.sid.cmp(&b.sid));
    let mut also_used_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in acls.iter().chain(&credential_lists) {
        let mut who: Vec<String> = trunk_users
            .iter()
            .chain(&domain_users)
            .filter(|(_, sids)| sids.contains(&l.sid))
            .map(|(w, _)| w.clone())
            .collect();
        who.sort();
        who.dedup();
        also_used_by.insert(l.sid.clone(), who);
    }
    let mut numbers: Vec<(String, String)> = numbers
        .into_iter()
        .map(|n| (n.sid.to_string(), n.phone_number.unwrap_or_default()))
        .collect();
    numbers.sort();
    let origination_urls = origination_fields(urls);
    Ok(TeardownLive {
        trunk: Named {
            sid: trunk.sid.to_string(),
            name: trunk.friendly_name.unwrap_or_default(),
        },
        domain_name: trunk.domain_name.filter(|d| !d.is_empty()),
        numbers,
        origination_urls,
        acls,
        credential_lists,
        also_used_by,
    })
}

/// The plan that removes trunk `trunk_sid` (see the module docs for its order and what a
/// rollback can restore).
pub async fn teardown(client: &Client, trunk_sid: &str) -> Result<Plan, PlanError> {
    let live = read(client, trunk_sid).await?;
    Ok(build(&live, client.account_sid().as_str()))
}

/// The pure part: snapshot → plan.
pub fn build(live: &TeardownLive, account_sid: &str) -> Plan {
    let mut b = Builder::default();
    let tk = &live.trunk.sid;
    let name = &live.trunk.name;
    let mut undoable = vec![];
    for (sid, number) in &live.numbers {
        undoable.push(b.push(
            StepKind::Detach,
            format!(
                "Detach {number} from trunk '{name}' (the number stays on the account; it is never released)"
            ),
            &[("PhoneNumberSid", sid.clone())],
            &[],
            Op::DetachNumber {
                trunk: tk.clone(),
                number_sid: sid.clone(),
                number: number.clone(),
            },
        ));
    }
    for (sid, f) in &live.origination_urls {
        undoable.push(b.push(
            StepKind::Delete,
            format!(
                "Remove origination URL '{}' → {} (a rollback before the trunk is deleted creates it again)",
                f.friendly_name, f.sip_url
            ),
            &[("OriginationUrlSid", sid.clone())],
            &[],
            Op::DeleteOriginationUrl {
                trunk: tk.clone(),
                sid: sid.clone(),
                fields: f.clone(),
            },
        ));
    }
    for l in &live.acls {
        undoable.push(b.push(
            StepKind::Detach,
            format!(
                "Stop using IP access control list '{}' for trunk '{name}'",
                l.name
            ),
            &[("IpAccessControlListSid", l.sid.clone())],
            &[],
            Op::UnlinkTrunkIpAcl {
                trunk: tk.clone(),
                acl: l.sid.clone(),
            },
        ));
    }
    for l in &live.credential_lists {
        undoable.push(b.push(
            StepKind::Detach,
            format!("Stop using credential list '{}' for trunk '{name}'", l.name),
            &[("CredentialListSid", l.sid.clone())],
            &[],
            Op::UnlinkTrunkCredentialList {
                trunk: tk.clone(),
                list: l.sid.clone(),
            },
        ));
    }
    let domain = live
        .domain_name
        .as_ref()
        .map(|d| format!(" (termination domain {d})"))
        .unwrap_or_default();
    let trunk_step = b.push(
        StepKind::Delete,
        format!(
            "Delete trunk '{name}'{domain}. From here a rollback cannot bring it back: a new trunk would get a new SID and termination URI"
        ),
        &[("TrunkSid", tk.clone())],
        &undoable,
        Op::DeleteTrunk {
            sid: tk.clone(),
            name: name.clone(),
        },
    );
    for (l, acl) in live
        .acls
        .iter()
        .map(|l| (l, true))
        .chain(live.credential_lists.iter().map(|l| (l, false)))
    {
        let what = if acl {
            "IP access control list"
        } else {
            "credential list"
        };
        let users = live.also_used_by.get(&l.sid).cloned().unwrap_or_default();
        if !users.is_empty() {
            b.satisfied(
                format!(
                    "Keep {what} '{}': {} also use{} it",
                    l.name,
                    users.join(", "),
                    if users.len() == 1 { "s" } else { "" }
                ),
                &l.sid,
            );
            continue;
        }
        let (op, after) = if acl {
            (
                Op::DeleteIpAcl {
                    sid: l.sid.clone(),
                    name: l.name.clone(),
                },
                "a rollback cannot bring it back",
            )
        } else {
            (
                Op::DeleteCredentialList {
                    sid: l.sid.clone(),
                    name: l.name.clone(),
                },
                "a rollback cannot bring it back (Twilio never returns its users' passwords)",
            )
        };
        b.push(
            StepKind::Delete,
            format!(
                "Delete {what} '{}' (only this trunk used it); {after}",
                l.name
            ),
            &[("Sid", l.sid.clone())],
            &[trunk_step],
            op,
        );
    }
    Plan {
        account_sid: account_sid.to_string(),
        title: format!("Remove Elastic SIP trunk '{name}'"),
        fingerprint: live.fingerprint(),
        spec: serde_json::Value::Null,
        steps: b.steps,
        known: Known::default(),
        teardown: Some(tk.clone()),
    }
}

/// The fingerprint of a teardown plan's trunk as it is now ("gone" when it no longer exists,
/// which never matches a plan).
pub(crate) async fn fingerprint_now(client: &Client, trunk_sid: &str) -> Result<String, Error> {
    match read(client, trunk_sid).await {
        Ok(live) => Ok(live.fingerprint()),
        Err(PlanError::Twilio(e)) => Err(e),
        Err(PlanError::Invalid { .. }) => Ok("gone".into()),
    }
}
