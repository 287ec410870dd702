//! Planning the lists shared by trunks and domains: IP access control lists with their
//! addresses, credential lists with their usernames, and linking them to a trunk.

use super::live::Lists;
use super::plan::Builder;
use super::step::{Op, Ref, StepKind};
use crate::spec::{CredentialListSpec, IpAclSpec};

/// Creates or completes an ACL; returns how later steps refer to it.
pub(crate) fn plan_acl(b: &mut Builder, lists: &Lists, acl: &IpAclSpec) -> Ref {
    let wanted = acl.entries();
    let (r, have) = match lists.acls.iter().find(|a| a.name == acl.name) {
        Some(a) => (
            Ref::Sid(a.sid.clone()),
            lists.acl_entries.get(&a.sid).cloned().unwrap_or_default(),
        ),
        None => {
            let id = b.push(
                StepKind::Create,
                format!(
                    "Create IP access control list '{}' with {} address{}",
                    acl.name,
                    wanted.len(),
                    plural(wanted.len())
                ),
                &[("FriendlyName", acl.name.clone())],
                &[],
                Op::CreateIpAcl {
                    name: acl.name.clone(),
                },
            );
            (Ref::Step(id), vec![])
        }
    };
    let mut added = 0;
    for (ip, prefix) in &wanted {
        if have.iter().any(|h| &h.ip == ip && &h.prefix == prefix) {
            continue;
        }
        added += 1;
        let shown = if *prefix == 32 {
            ip.clone()
        } else {
            format!("{ip}/{prefix}")
        };
        b.push(
            StepKind::Create,
            format!("Add {shown} to '{}'", acl.name),
            &[
                ("IpAddress", ip.clone()),
                ("CidrPrefixLength", prefix.to_string()),
                ("FriendlyName", shown.clone()),
            ],
            &[],
            Op::CreateIpAddress {
                acl: r.clone(),
                ip: ip.clone(),
                prefix: *prefix,
            },
        );
    }
    // The spec lists every address the list should have: remove the others.
    for h in &have {
        if wanted
            .iter()
            .any(|(ip, prefix)| &h.ip == ip && &h.prefix == prefix)
        {
            continue;
        }
        let Ref::Sid(acl_sid) = &r else {
            unreachable!("a new list has no addresses yet")
        };
        added += 1;
        let shown = if h.prefix == 32 {
            h.ip.clone()
        } else {
            format!("{}/{}", h.ip, h.prefix)
        };
        b.push(
            StepKind::Delete,
            format!(
                "Remove {shown} from '{}': the spec does not list it (a rollback adds it back)",
                acl.name
            ),
            &[("IpAddressSid", h.sid.clone())],
            &[],
            Op::DeleteIpAddress {
                acl: acl_sid.clone(),
                sid: h.sid.clone(),
                ip: h.ip.clone(),
                prefix: h.prefix,
                friendly_name: h.friendly_name.clone(),
            },
        );
    }
    if let (Ref::Sid(sid), 0) = (&r, added) {
        b.satisfied(
            format!(
                "IP access control list '{}' already has its {} address{}",
                acl.name,
                wanted.len(),
                plural(wanted.len())
            ),
            sid,
        );
    }
    r
}

/// Creates or completes a credential list; returns how later steps refer to it.
pub(crate) fn plan_credential_list(b: &mut Builder, lists: &Lists, cl: &CredentialListSpec) -> Ref {
    let (r, have) = match lists.credential_lists.iter().find(|c| c.name == cl.name) {
        Some(c) => (
            Ref::Sid(c.sid.clone()),
            lists.usernames.get(&c.sid).cloned().unwrap_or_default(),
        ),
        None => {
            let n = cl.usernames.len();
            let id = b.push(
                StepKind::Create,
                format!(
                    "Create credential list '{}' with {n} user{}",
                    cl.name,
                    if n == 1 { "" } else { "s" }
                ),
                &[("FriendlyName", cl.name.clone())],
                &[],
                Op::CreateCredentialList {
                    name: cl.name.clone(),
                },
            );
            (Ref::Step(id), vec![])
        }
    };
    let mut added = 0;
    for u in &cl.usernames {
        if have.iter().any(|(h, _)| h == u) {
            continue;
        }
        added += 1;
        b.push(
            StepKind::Create,
            format!(
                "Add user '{u}' to credential list '{}' (password from the secret store)",
                cl.name
            ),
            &[("Username", u.clone()), ("Password", "••••••".into())],
            &[],
            Op::CreateCredential {
                list: r.clone(),
                list_name: cl.name.clone(),
                username: u.clone(),
            },
        );
    }
    // The spec lists every user the list should have: remove the others, last, since a
    // rollback cannot bring a deleted user back (Twilio never returns a password).
    for (user, cred_sid) in &have {
        if cl.usernames.contains(user) {
            continue;
        }
        let Ref::Sid(list_sid) = &r else {
            unreachable!("a new list has no users yet")
        };
        added += 1;
        b.push_last(
            StepKind::Delete,
            format!(
                "Remove user '{user}' from credential list '{}': the spec does not list it. \
                 A rollback cannot restore it (Twilio never returns a password), so this runs last",
                cl.name
            ),
            &[("CredentialSid", cred_sid.clone())],
            Op::DeleteCredential {
                list: list_sid.clone(),
                sid: cred_sid.clone(),
                username: user.clone(),
            },
        );
    }
    if let (Ref::Sid(sid), 0) = (&r, added) {
        b.satisfied(
            format!(
                "Credential list '{}' already has its {} user(s)",
                cl.name,
                cl.usernames.len()
            ),
            sid,
        );
    }
    r
}

pub(crate) fn link(
    b: &mut Builder,
    trunk: &Ref,
    list: &Ref,
    linked: &[String],
    trunk_name: &str,
    what: &str,
    acl: bool,
) {
    if let Ref::Sid(sid) = list
        && linked.contains(sid)
    {
        b.satisfied(
            format!("{what} already authenticates trunk '{trunk_name}'"),
            sid,
        );
        return;
    }
    let param = if acl {
        "IpAccessControlListSid"
    } else {
        "CredentialListSid"
    };
    let shown = match list {
        Ref::Sid(s) => s.clone(),
        Ref::Step(i) => format!("(SID from step {i})"),
    };
    let op = if acl {
        Op::LinkTrunkIpAcl {
            trunk: trunk.clone(),
            acl: list.clone(),
        }
    } else {
        Op::LinkTrunkCredentialList {
            trunk: trunk.clone(),
            list: list.clone(),
        }
    };
    b.push(
        StepKind::Associate,
        format!("Use {what} to authenticate calls to trunk '{trunk_name}'"),
        &[(param, shown)],
        &[],
        op,
    );
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "es" }
}
