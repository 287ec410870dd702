//! Planning a SIP domain: the domain's settings (its voice URL left to the router's steps when
//! the spec has a router), its credential lists and IP access control lists with their
//! entries, each list's auth mapping on the domain (for calls and/or registrations), and the
//! mappings the spec no longer lists taken off (the lists themselves are kept). The router, if
//! any, is planned last.

use crate::engine::live::DomainLive;
use crate::engine::plan::{Builder, PlanError, changes, show};
use crate::engine::plan_lists::{plan_acl, plan_credential_list};
use crate::engine::step::{DomainFields, MappingKind, Op, Ref, StepKind};
use crate::spec::{CredentialListSpec, SipDomain};

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
    let want = crate::engine::plan_router::keep_domain_voice_url(want, s, l);
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
    crate::engine::plan_router::after_domain(b, s, l, &domain)
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
