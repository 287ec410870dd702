//! Planning BYOC setups (connection policy, targets, BYOC trunk) and SIP domains (domain,
//! credential lists, ACLs and their auth mappings).

use super::live::{ByocLive, DomainLive};
use super::plan::{Builder, PlanError, changes, show};
use super::plan_lists::{plan_acl, plan_credential_list};
use super::step::{ByocFields, DomainFields, MappingKind, Op, Ref, StepKind, TargetFields};
use crate::spec::{Byoc, CredentialListSpec, SipDomain};
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

pub(crate) fn build_domain(
    b: &mut Builder,
    s: &SipDomain,
    l: &DomainLive,
) -> Result<(), PlanError> {
    let want = DomainFields {
        domain_name: s.domain.clone(),
        friendly_name: s.friendly_name.clone(),
        voice_url: s.voice_url.clone(),
        voice_method: s.voice_method,
        sip_registration: s.registration,
        emergency_calling_enabled: s.emergency_calling,
        secure: s.secure,
    };
    let want = super::plan_router::keep_domain_voice_url(want, s, l);
    let params = [
        ("DomainName", want.domain_name.clone()),
        (
            "FriendlyName",
            want.friendly_name.clone().unwrap_or_default(),
        ),
        ("VoiceUrl", want.voice_url.clone().unwrap_or_default()),
        ("VoiceMethod", want.voice_method.to_string()),
        ("SipRegistration", want.sip_registration.to_string()),
        (
            "EmergencyCallingEnabled",
            want.emergency_calling_enabled.to_string(),
        ),
        ("Secure", want.secure.to_string()),
    ];
    let domain = match &l.domain {
        None => Ref::Step(b.push(
            StepKind::Create,
            format!("Create SIP domain {}", s.domain),
            &params,
            &[],
            Op::CreateSipDomain { fields: want },
        )),
        Some((sid, f)) if *f == want => {
            b.satisfied(
                format!("SIP domain {} already has the wanted settings", s.domain),
                sid,
            );
            Ref::Sid(sid.clone())
        }
        Some((sid, f)) => {
            let diff = changes(&[
                ("name", show(&f.friendly_name), show(&want.friendly_name)),
                ("voice URL", show(&f.voice_url), show(&want.voice_url)),
                (
                    "voice method",
                    f.voice_method.to_string(),
                    want.voice_method.to_string(),
                ),
                (
                    "registration",
                    f.sip_registration.to_string(),
                    want.sip_registration.to_string(),
                ),
                (
                    "emergency calling",
                    f.emergency_calling_enabled.to_string(),
                    want.emergency_calling_enabled.to_string(),
                ),
                ("secure", f.secure.to_string(), want.secure.to_string()),
            ]);
            b.push(
                StepKind::Update,
                format!("Update SIP domain {}: {diff}", s.domain),
                &params,
                &[],
                Op::UpdateSipDomain {
                    sid: sid.clone(),
                    new: want,
                    old: f.clone(),
                },
            );
            Ref::Sid(sid.clone())
        }
    };
    let mapped = |k: &str| l.mappings.get(k).cloned().unwrap_or_default();
    // The existing lists the spec maps, per collection; any other mapped list is an extra.
    let mut wanted: Vec<(MappingKind, String)> = vec![];
    for cl in &s.credential_lists {
        let spec = CredentialListSpec {
            name: cl.name.clone(),
            usernames: cl.usernames.clone(),
        };
        let r = plan_credential_list(b, &l.lists, &spec);
        if let Ref::Sid(sid) = &r {
            if cl.calls {
                wanted.push((MappingKind::CallsCredentialList, sid.clone()));
            }
            if cl.registrations {
                wanted.push((MappingKind::RegistrationsCredentialList, sid.clone()));
            }
        }
        if cl.calls {
            map(
                b,
                &domain,
                &r,
                MappingKind::CallsCredentialList,
                &mapped("calls_credential_list"),
                &cl.name,
                &s.domain,
            );
        }
        if cl.registrations {
            map(
                b,
                &domain,
                &r,
                MappingKind::RegistrationsCredentialList,
                &mapped("registrations_credential_list"),
                &cl.name,
                &s.domain,
            );
        }
    }
    for acl in &s.ip_acls {
        let r = plan_acl(b, &l.lists, acl);
        if let Ref::Sid(sid) = &r {
            wanted.push((MappingKind::CallsIpAcl, sid.clone()));
        }
        map(
            b,
            &domain,
            &r,
            MappingKind::CallsIpAcl,
            &mapped("calls_ip_acl"),
            &acl.name,
            &s.domain,
        );
    }
    if let Ref::Sid(d) = &domain {
        unmap_extras(b, l, d, &s.domain, &wanted);
    }
    super::plan_router::after_domain(b, s, l, &domain)
}

/// Auth mappings of the adopted domain that the spec does not list: each is taken off the
/// domain (the list itself stays on the account; a rollback maps it again).
fn unmap_extras(
    b: &mut Builder,
    l: &DomainLive,
    domain: &str,
    dn: &str,
    wanted: &[(MappingKind, String)],
) {
    let kinds = [
        ("calls_credential_list", MappingKind::CallsCredentialList),
        ("calls_ip_acl", MappingKind::CallsIpAcl),
        (
            "registrations_credential_list",
            MappingKind::RegistrationsCredentialList,
        ),
    ];
    for (key, kind) in kinds {
        let (what, lists) = match kind {
            MappingKind::CallsIpAcl => ("IP access control list", &l.lists.acls),
            _ => ("credential list", &l.lists.credential_lists),
        };
        for sid in l.mappings.get(key).into_iter().flatten() {
            if wanted.iter().any(|(k, w)| *k == kind && w == sid) {
                continue;
            }
            let name = lists
                .iter()
                .find(|x| &x.sid == sid)
                .map(|x| format!("'{}'", x.name))
                .unwrap_or_else(|| sid.clone());
            let param = match kind {
                MappingKind::CallsIpAcl => "IpAccessControlListSid",
                _ => "CredentialListSid",
            };
            b.push(
                StepKind::Detach,
                format!(
                    "Stop using {what} {name} on {dn} {}: the spec does not list it (the list \
                     itself is kept; a rollback maps it again)",
                    kind.describe()
                ),
                &[(param, sid.clone())],
                &[],
                Op::UnmapDomain {
                    domain: domain.to_string(),
                    mapping: kind,
                    list: sid.clone(),
                },
            );
        }
    }
}

fn map(
    b: &mut Builder,
    domain: &Ref,
    list: &Ref,
    kind: MappingKind,
    have: &[String],
    name: &str,
    dn: &str,
) {
    if let Ref::Sid(sid) = list
        && have.contains(sid)
    {
        b.satisfied(
            format!("'{name}' is already mapped on {dn} {}", kind.describe()),
            sid,
        );
        return;
    }
    b.push(
        StepKind::Associate,
        format!("Map '{name}' on {dn} {}", kind.describe()),
        &[],
        &[],
        Op::MapDomain {
            domain: domain.clone(),
            mapping: kind,
            list: list.clone(),
        },
    );
}
