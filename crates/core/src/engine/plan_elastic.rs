//! Planning an Elastic SIP trunk: trunk settings, recording, ACLs and credential lists with
//! their entries, their links to the trunk, origination URLs and numbers (moved from another
//! trunk when needed; never bought or released).

use super::live::{ElasticLive, TrunkDetail};
use super::plan::{Builder, PlanError, changes, show};
use super::plan_lists::{link, plan_acl, plan_credential_list};
use super::step::{Op, OriginationFields, Ref, StepKind, TrunkFields};
use crate::spec::ElasticTrunk;
use crate::validate::Issue;

pub(crate) fn build(b: &mut Builder, t: &ElasticTrunk, l: &ElasticLive) -> Result<(), PlanError> {
    let missing: Vec<Issue> = t
        .numbers
        .iter()
        .enumerate()
        .filter(|(_, n)| !l.numbers.iter().any(|v| &v.number == *n))
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
    let existing_urls = l
        .trunk
        .as_ref()
        .map(|d| d.origination_urls.clone())
        .unwrap_or_default();
    for o in &t.origination_urls {
        let want = OriginationFields {
            friendly_name: o.name.clone(),
            sip_url: o.sip_url.clone(),
            priority: o.priority,
            weight: o.weight,
            enabled: o.enabled,
        };
        let params = [
            ("FriendlyName", want.friendly_name.clone()),
            ("SipUrl", want.sip_url.clone()),
            ("Priority", want.priority.to_string()),
            ("Weight", want.weight.to_string()),
            ("Enabled", want.enabled.to_string()),
        ];
        match existing_urls
            .iter()
            .find(|(_, f)| f.friendly_name == o.name)
        {
            Some((sid, f)) if *f == want => b.satisfied(
                format!(
                    "Origination URL '{}' already points to {}",
                    o.name, o.sip_url
                ),
                sid,
            ),
            Some((sid, f)) => {
                let diff = changes(&[
                    ("SIP URL", f.sip_url.clone(), want.sip_url.clone()),
                    (
                        "priority",
                        f.priority.to_string(),
                        want.priority.to_string(),
                    ),
                    ("weight", f.weight.to_string(), want.weight.to_string()),
                    ("enabled", f.enabled.to_string(), want.enabled.to_string()),
                ]);
                let Ref::Sid(tk) = &trunk else {
                    unreachable!("an existing URL belongs to an existing trunk")
                };
                b.push(
                    StepKind::Update,
                    format!("Update origination URL '{}': {diff}", o.name),
                    &params,
                    &[],
                    Op::UpdateOriginationUrl {
                        trunk: tk.clone(),
                        sid: sid.clone(),
                        new: want,
                        old: f.clone(),
                    },
                );
            }
            None => {
                b.push(
                    StepKind::Create,
                    format!(
                        "Create origination URL '{}' → {} (priority {}, weight {}{})",
                        o.name,
                        o.sip_url,
                        o.priority,
                        o.weight,
                        if o.enabled { "" } else { ", disabled" }
                    ),
                    &params,
                    &[],
                    Op::CreateOriginationUrl {
                        trunk: trunk.clone(),
                        fields: want,
                    },
                );
            }
        }
    }
    if let Some(d) = &l.trunk {
        plan_extras(b, d, l, t, &spec_lists);
    }
    let trunk_sid = match &trunk {
        Ref::Sid(s) => Some(s.clone()),
        Ref::Step(_) => None,
    };
    let trunk_name = |sid: &str| {
        l.trunks
            .iter()
            .find(|x| x.sid == sid)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| sid.to_string())
    };
    for n in &t.numbers {
        let v = l
            .numbers
            .iter()
            .find(|v| &v.number == n)
            .expect("checked above");
        if v.trunk_sid.is_some() && v.trunk_sid == trunk_sid {
            b.satisfied(format!("{n} already routes to trunk '{name}'"), &v.sid);
            continue;
        }
        let mut deps = vec![];
        if let Some(other) = &v.trunk_sid {
            deps.push(b.push(
                StepKind::Associate,
                format!(
                    "Detach {n} from trunk '{}' to move it to '{name}'",
                    trunk_name(other)
                ),
                &[("PhoneNumberSid", v.sid.clone())],
                &[],
                Op::DetachNumber {
                    trunk: other.clone(),
                    number_sid: v.sid.clone(),
                    number: n.clone(),
                },
            ));
        }
        let verb = if v.trunk_sid.is_some() {
            "Move"
        } else {
            "Route"
        };
        let from = v
            .trunk_sid
            .as_ref()
            .map(|o| format!(" from trunk '{}'", trunk_name(o)))
            .unwrap_or_default();
        b.push(
            StepKind::Associate,
            format!("{verb} {n}{from} to trunk '{name}'"),
            &[("PhoneNumberSid", v.sid.clone())],
            &deps,
            Op::AttachNumber {
                trunk: trunk.clone(),
                number_sid: v.sid.clone(),
                number: n.clone(),
                old_voice_url: v.voice_url.clone(),
                old_voice_application_sid: v.voice_application_sid.clone(),
            },
        );
    }
    Ok(())
}

/// What the adopted trunk has and the spec does not list: origination URLs (removed; a
/// rollback creates them again), lists used for its authentication and numbers routed to it
/// (detached: the list and the number stay on the account; a number is never released).
fn plan_extras(
    b: &mut Builder,
    d: &TrunkDetail,
    l: &ElasticLive,
    t: &ElasticTrunk,
    spec_lists: &[String],
) {
    let name = &t.name;
    for (sid, f) in &d.origination_urls {
        if t.origination_urls.iter().any(|o| o.name == f.friendly_name) {
            continue;
        }
        b.push(
            StepKind::Delete,
            format!(
                "Remove origination URL '{}' → {} from trunk '{name}': the spec does not list it \
                 (a rollback creates it again)",
                f.friendly_name, f.sip_url
            ),
            &[("OriginationUrlSid", sid.clone())],
            &[],
            Op::DeleteOriginationUrl {
                trunk: d.sid.clone(),
                sid: sid.clone(),
                fields: f.clone(),
            },
        );
    }
    let list_name = |sid: &str| {
        l.lists
            .acls
            .iter()
            .chain(&l.lists.credential_lists)
            .find(|x| x.sid == sid)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| sid.to_string())
    };
    for acl in d.acl_links.iter().filter(|s| !spec_lists.contains(s)) {
        b.push(
            StepKind::Detach,
            format!(
                "Stop using IP access control list '{}' for trunk '{name}': the spec does not \
                 list it (the list itself is kept)",
                list_name(acl)
            ),
            &[("IpAccessControlListSid", acl.clone())],
            &[],
            Op::UnlinkTrunkIpAcl {
                trunk: d.sid.clone(),
                acl: acl.clone(),
            },
        );
    }
    for list in d
        .credential_list_links
        .iter()
        .filter(|s| !spec_lists.contains(s))
    {
        b.push(
            StepKind::Detach,
            format!(
                "Stop using credential list '{}' for trunk '{name}': the spec does not list it \
                 (the list itself is kept)",
                list_name(list)
            ),
            &[("CredentialListSid", list.clone())],
            &[],
            Op::UnlinkTrunkCredentialList {
                trunk: d.sid.clone(),
                list: list.clone(),
            },
        );
    }
    for n in &l.numbers {
        if n.trunk_sid.as_deref() != Some(d.sid.as_str()) || t.numbers.contains(&n.number) {
            continue;
        }
        b.push(
            StepKind::Detach,
            format!(
                "Detach {} from trunk '{name}': the spec does not list it (the number stays on \
                 the account; it is never released)",
                n.number
            ),
            &[("PhoneNumberSid", n.sid.clone())],
            &[],
            Op::DetachNumber {
                trunk: d.sid.clone(),
                number_sid: n.sid.clone(),
                number: n.number.clone(),
            },
        );
    }
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
