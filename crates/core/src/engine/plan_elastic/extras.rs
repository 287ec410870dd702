//! What an adopted Elastic SIP trunk has that the spec does not list: its origination URLs are
//! removed (a rollback creates them again); the IP access control lists and credential lists
//! it uses for authentication and the numbers routed to it are detached (the lists and the
//! numbers stay on the account; a number is never released).

use crate::engine::live::{ElasticLive, TrunkDetail};
use crate::engine::plan::Builder;
use crate::engine::step::{Op, StepKind};
use crate::spec::ElasticTrunk;

/// What the adopted trunk has and the spec does not list: origination URLs (removed; a
/// rollback creates them again), lists used for its authentication and numbers routed to it
/// (detached: the list and the number stay on the account; a number is never released).
pub(super) fn plan_extras(
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
    let in_spec: std::collections::HashSet<&str> = t.numbers.iter().map(String::as_str).collect();
    for n in &l.numbers {
        if n.trunk_sid.as_deref() != Some(d.sid.as_str()) || in_spec.contains(n.number.as_str()) {
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
