//! Planning an Elastic SIP trunk: trunk settings, recording, ACLs and credential lists with
//! their entries, their links to the trunk, origination URLs and numbers (moved from another
//! trunk when needed; never bought or released).
//!
//! This file plans the trunk's settings, its recording and its lists; the origination URLs
//! are in `origination`, the numbers in `numbers`, and what the adopted trunk has beyond the
//! spec in `extras`.

mod extras;
mod numbers;
mod origination;

use super::live::ElasticLive;
use super::plan::{Builder, PlanError, changes, show};
use super::plan_lists::{link, plan_acl, plan_credential_list};
use super::step::{Op, Ref, StepKind, TrunkFields};
use crate::spec::ElasticTrunk;
use crate::validate::Issue;
use extras::plan_extras;
use numbers::plan_numbers;
use origination::plan_origination_urls;

pub(crate) fn build(b: &mut Builder, t: &ElasticTrunk, l: &ElasticLive) -> Result<(), PlanError> {
    let on_account: std::collections::HashSet<&str> =
        l.numbers.iter().map(|v| v.number.as_str()).collect();
    let missing: Vec<Issue> = t
        .numbers
        .iter()
        .enumerate()
        .filter(|(_, n)| !on_account.contains(n.as_str()))
        .map(|(i, n)| {
            Issue::error(
                format!("numbers[{i}]"),
                format!("{n} is not a number on this account; Switchboard never buys or releases numbers"),
            )
            .with_hint("Buy or port the number in the Twilio Console first, or remove it from the spec")
        })
        .collect();
    if !missing.is_empty() {
        return Err(PlanError::Invalid { issues: missing });
    }
    let want = TrunkFields {
        friendly_name: t.name.clone(),
        domain_name: t.termination_domain.clone(),
        secure: t.secure,
        cnam_lookup_enabled: t.cnam_lookup,
        transfer_mode: t.transfer_mode,
        transfer_caller_id: t.transfer_caller_id,
        disaster_recovery_url: t.disaster_recovery_url.clone(),
        disaster_recovery_method: t.disaster_recovery_method,
    };
    let name = &t.name;
    let trunk = match &l.trunk {
        None => {
            let id = b.push(
                StepKind::Create,
                format!(
                    "Create Elastic SIP trunk '{name}' with termination domain {}",
                    t.termination_domain
                ),
                &trunk_params(&want),
                &[],
                Op::CreateTrunk {
                    fields: want.clone(),
                },
            );
            Ref::Step(id)
        }
        Some(d) if d.fields == want => {
            b.satisfied(
                format!("Trunk '{name}' already has the wanted settings"),
                &d.sid,
            );
            Ref::Sid(d.sid.clone())
        }
        Some(d) => {
            let o = &d.fields;
            let diff = changes(&[
                ("name", o.friendly_name.clone(), want.friendly_name.clone()),
                ("domain", o.domain_name.clone(), want.domain_name.clone()),
                ("secure", o.secure.to_string(), want.secure.to_string()),
                (
                    "CNAM lookup",
                    o.cnam_lookup_enabled.to_string(),
                    want.cnam_lookup_enabled.to_string(),
                ),
                (
                    "transfer mode",
                    o.transfer_mode.to_string(),
                    want.transfer_mode.to_string(),
                ),
                (
                    "transfer caller ID",
                    o.transfer_caller_id.to_string(),
                    want.transfer_caller_id.to_string(),
                ),
                (
                    "disaster recovery URL",
                    show(&o.disaster_recovery_url),
                    show(&want.disaster_recovery_url),
                ),
                (
                    "disaster recovery method",
                    o.disaster_recovery_method.to_string(),
                    want.disaster_recovery_method.to_string(),
                ),
            ]);
            b.push(
                StepKind::Update,
                format!("Update trunk '{}': {diff}", o.friendly_name),
                &trunk_params(&want),
                &[],
                Op::UpdateTrunk {
                    trunk: d.sid.clone(),
                    new: want.clone(),
                    old: o.clone(),
                },
            );
            Ref::Sid(d.sid.clone())
        }
    };
    let old_rec = l.trunk.as_ref().map(|d| d.recording).unwrap_or((
        switchboard_twilio::RecordingMode::DoNotRecord,
        switchboard_twilio::RecordingTrim::DoNotTrim,
    ));
    let new_rec = (t.recording.mode, t.recording.trim);
    if old_rec != new_rec {
        b.push(
            StepKind::Update,
            format!(
                "Set recording of trunk '{name}': {}",
                changes(&[
                    ("mode", old_rec.0.to_string(), new_rec.0.to_string()),
                    ("trim", old_rec.1.to_string(), new_rec.1.to_string()),
                ])
            ),
            &[
                ("Mode", new_rec.0.to_string()),
                ("Trim", new_rec.1.to_string()),
            ],
            &[],
            Op::UpdateRecording {
                trunk: trunk.clone(),
                mode: new_rec.0,
                trim: new_rec.1,
                old_mode: old_rec.0,
                old_trim: old_rec.1,
            },
        );
    } else if let Some(d) = &l.trunk {
        b.satisfied(
            format!("Recording of trunk '{name}' is already {}", new_rec.0),
            &d.sid,
        );
    }
    let linked_acls = l
        .trunk
        .as_ref()
        .map(|d| d.acl_links.clone())
        .unwrap_or_default();
    let mut spec_lists: Vec<String> = vec![];
    for acl in &t.ip_acls {
        let r = plan_acl(b, &l.lists, acl);
        if let Ref::Sid(s) = &r {
            spec_lists.push(s.clone());
        }
        link(
            b,
            &trunk,
            &r,
            &linked_acls,
            name,
            &format!("IP access control list '{}'", acl.name),
            true,
        );
    }
    let linked_cls = l
        .trunk
        .as_ref()
        .map(|d| d.credential_list_links.clone())
        .unwrap_or_default();
    for cl in &t.credential_lists {
        let r = plan_credential_list(b, &l.lists, cl);
        if let Ref::Sid(s) = &r {
            spec_lists.push(s.clone());
        }
        link(
            b,
            &trunk,
            &r,
            &linked_cls,
            name,
            &format!("credential list '{}'", cl.name),
            false,
        );
    }
    plan_origination_urls(b, t, l, &trunk);
    if let Some(d) = &l.trunk {
        plan_extras(b, d, l, t, &spec_lists);
    }
    plan_numbers(b, t, l, &trunk);
    Ok(())
}

fn trunk_params(f: &TrunkFields) -> Vec<(&'static str, String)> {
    vec![
        ("FriendlyName", f.friendly_name.clone()),
        ("DomainName", f.domain_name.clone()),
        ("Secure", f.secure.to_string()),
        ("CnamLookupEnabled", f.cnam_lookup_enabled.to_string()),
        ("TransferMode", f.transfer_mode.to_string()),
        ("TransferCallerId", f.transfer_caller_id.to_string()),
        (
            "DisasterRecoveryUrl",
            f.disaster_recovery_url.clone().unwrap_or_default(),
        ),
        (
            "DisasterRecoveryMethod",
            f.disaster_recovery_method.to_string(),
        ),
    ]
}
