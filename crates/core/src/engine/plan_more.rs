//! Planning BYOC setups (connection policy, targets, BYOC trunk) and SIP domains (domain,
//! credential lists, ACLs and their auth mappings).
//!
//! This file plans a BYOC setup: the connection policy (adopted by name), its targets (made,
//! updated, or removed when the spec no longer lists them), and the BYOC trunk (its voice URL
//! left to the router's steps when the spec has a router), then the router and the carrier's
//! inbound side. The SIP domain is planned in `domain`.

mod domain;

pub(crate) use domain::build_domain;

use super::live::ByocLive;
use super::plan::{Builder, PlanError, changes, show};
use super::step::{ByocFields, Op, Ref, StepKind, TargetFields};
use crate::spec::Byoc;
use crate::validate::Issue;

pub(crate) fn build_byoc(b: &mut Builder, s: &Byoc, l: &ByocLive) -> Result<(), PlanError> {
    let from_domain_sid = match &s.trunk.from_domain {
        None => None,
        Some(d) => match l.domains.iter().find(|x| &x.name == d) {
            Some(x) => Some(x.sid.clone()),
            None => {
                return Err(PlanError::Invalid {
                    issues: vec![Issue::error(
                        "trunk.from_domain",
                        format!("{d} is not a SIP domain on this account"),
                    )
                    .with_hint("Create the SIP domain first (kind = \"sip_domain\"), or remove from_domain")],
                });
            }
        },
    };
    let pname = &s.connection_policy.name;
    let policy = match l.policies.iter().find(|p| &p.name == pname) {
        Some(p) => {
            b.satisfied(format!("Connection policy '{pname}' exists"), &p.sid);
            Ref::Sid(p.sid.clone())
        }
        None => Ref::Step(b.push(
            StepKind::Create,
            format!(
                "Create connection policy '{pname}' with {} target(s)",
                s.connection_policy.targets.len()
            ),
            &[("FriendlyName", pname.clone())],
            &[],
            Op::CreateConnectionPolicy {
                name: pname.clone(),
            },
        )),
    };
    for t in &s.connection_policy.targets {
        let want = TargetFields {
            friendly_name: t.name.clone(),
            target: t.sip_url.clone(),
            priority: t.priority,
            weight: t.weight,
            enabled: t.enabled,
        };
        let params = [
            ("Target", want.target.clone()),
            (
                "FriendlyName",
                want.friendly_name.clone().unwrap_or_default(),
            ),
            ("Priority", want.priority.to_string()),
            ("Weight", want.weight.to_string()),
            ("Enabled", want.enabled.to_string()),
        ];
        match l.targets.iter().find(|(_, f)| f.target == t.sip_url) {
            Some((sid, f)) if *f == want => {
                b.satisfied(format!("Target {} already in '{pname}'", t.sip_url), sid)
            }
            Some((sid, f)) => {
                let Ref::Sid(p) = &policy else {
                    unreachable!("existing targets belong to an existing policy")
                };
                let diff = changes(&[
                    ("name", show(&f.friendly_name), show(&want.friendly_name)),
                    (
                        "priority",
                        f.priority.to_string(),
                        want.priority.to_string(),
                    ),
                    ("weight", f.weight.to_string(), want.weight.to_string()),
                    ("enabled", f.enabled.to_string(), want.enabled.to_string()),
                ]);
                b.push(
                    StepKind::Update,
                    format!("Update target {} of '{pname}': {diff}", t.sip_url),
                    &params,
                    &[],
                    Op::UpdateTarget {
                        policy: p.clone(),
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
                        "Add target {} to '{pname}' (priority {}, weight {})",
                        t.sip_url, t.priority, t.weight
                    ),
                    &params,
                    &[],
                    Op::CreateTarget {
                        policy: policy.clone(),
                        fields: want,
                    },
                );
            }
        }
    }
    if let Ref::Sid(p) = &policy {
        for (sid, f) in &l.targets {
            if s.connection_policy
                .targets
                .iter()
                .any(|t| t.sip_url == f.target)
            {
                continue;
            }
            b.push(
                StepKind::Delete,
                format!(
                    "Remove target {} from '{pname}': the spec does not list it (a rollback adds it \
                     back with the same priority, weight and name)",
                    f.target
                ),
                &[("TargetSid", sid.clone()), ("Target", f.target.clone())],
                &[],
                Op::DeleteTarget {
                    policy: p.clone(),
                    sid: sid.clone(),
                    fields: f.clone(),
                },
            );
        }
    }
    let tr = &s.trunk;
    let want = ByocFields {
        friendly_name: tr.name.clone(),
        voice_url: tr.voice_url.clone(),
        voice_method: tr.voice_method,
        voice_fallback_url: tr.fallback_url.clone(),
        voice_fallback_method: tr.fallback_method,
        status_callback_url: tr.status_callback_url.clone(),
        status_callback_method: tr.status_callback_method,
        cnam_lookup_enabled: tr.cnam_lookup,
        connection_policy: Some(policy.clone()),
        from_domain_sid,
    };
    let want = super::plan_router::keep_byoc_voice_url(want, s, l);
    let params = [
        ("FriendlyName", want.friendly_name.clone()),
        ("VoiceUrl", want.voice_url.clone().unwrap_or_default()),
        ("VoiceMethod", want.voice_method.to_string()),
        (
            "VoiceFallbackUrl",
            want.voice_fallback_url.clone().unwrap_or_default(),
        ),
        (
            "StatusCallbackUrl",
            want.status_callback_url.clone().unwrap_or_default(),
        ),
        ("CnamLookupEnabled", want.cnam_lookup_enabled.to_string()),
        (
            "FromDomainSid",
            want.from_domain_sid.clone().unwrap_or_default(),
        ),
    ];
    match l.trunks.iter().find(|(_, f)| f.friendly_name == tr.name) {
        Some((sid, f)) if *f == want => b.satisfied(
            format!("BYOC trunk '{}' already has the wanted settings", tr.name),
            sid,
        ),
        Some((sid, f)) => {
            let diff = changes(&[
                ("voice URL", show(&f.voice_url), show(&want.voice_url)),
                (
                    "voice method",
                    f.voice_method.to_string(),
                    want.voice_method.to_string(),
                ),
                (
                    "fallback URL",
                    show(&f.voice_fallback_url),
                    show(&want.voice_fallback_url),
                ),
                (
                    "status callback",
                    show(&f.status_callback_url),
                    show(&want.status_callback_url),
                ),
                (
                    "CNAM lookup",
                    f.cnam_lookup_enabled.to_string(),
                    want.cnam_lookup_enabled.to_string(),
                ),
                (
                    "connection policy",
                    format!("{:?}", f.connection_policy),
                    format!("{:?}", want.connection_policy),
                ),
                (
                    "from domain",
                    show(&f.from_domain_sid),
                    show(&want.from_domain_sid),
                ),
            ]);
            b.push(
                StepKind::Update,
                format!("Update BYOC trunk '{}': {diff}", tr.name),
                &params,
                &[],
                Op::UpdateByocTrunk {
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
                    "Create BYOC trunk '{}' using connection policy '{pname}'",
                    tr.name
                ),
                &params,
                &[],
                Op::CreateByocTrunk { fields: want },
            );
        }
    }
    super::plan_router::after_byoc(b, s, l)
}
