//! Validation of a whole spec before planning: every field through the shared validators
//! (`crate::validate`), plus the rules that only make sense across a spec (duplicate names,
//! duplicate numbers). All issues are returned at once, each with its path
//! (`origination_urls[1].sip_url`).
//!
//! The shared validators cover IPv4 / CIDR entries, SIP URIs and phone numbers. Friendly names,
//! webhook URLs, Twilio domains, SIP usernames and priority / weight are checked here by small
//! private functions because the shared module had no public API for them when this was written.

use std::collections::HashSet;

use super::{Byoc, ElasticTrunk, IpAclSpec, SipDomain, Spec};
use crate::validate::{Issue, ip, phone, sip_uri};

/// Every problem with `spec`; an empty list (or only warnings) means a plan can be made.
pub fn validate(spec: &Spec) -> Vec<Issue> {
    let mut out = Vec::new();
    match spec {
        Spec::ElasticTrunk(t) => elastic(t, &mut out),
        Spec::Byoc(b) => byoc(b, &mut out),
        Spec::SipDomain(d) => sip_domain(d, &mut out),
    }
    out
}

fn elastic(t: &ElasticTrunk, out: &mut Vec<Issue>) {
    name(out, "name", &t.name, 64);
    twilio_domain(
        out,
        "termination_domain",
        &t.termination_domain,
        "pstn.twilio.com",
    );
    if let Some(u) = &t.disaster_recovery_url {
        web_url(out, "disaster_recovery_url", u);
    }
    acls(out, "ip_acls", &t.ip_acls);
    let addresses = t.ip_acls.iter().map(|a| a.addresses.len()).sum::<usize>();
    let usernames = t
        .credential_lists
        .iter()
        .map(|c| c.usernames.len())
        .sum::<usize>();
    if addresses == 0 && usernames == 0 {
        out.push(
            Issue::warning(
                "termination_auth",
                "No IP address and no username authenticates this trunk: Twilio refuses every call your PBX or SBC sends through it (termination)",
            )
            .with_hint("Add your SBC's public IP addresses, or a username with a password. Leave both out only for a trunk that just receives calls from Twilio."),
        );
    }
    let mut names = HashSet::new();
    for (i, cl) in t.credential_lists.iter().enumerate() {
        let p = format!("credential_lists[{i}]");
        credential_list(out, &p, &cl.name, &cl.usernames);
        unique(
            out,
            &mut names,
            &format!("{p}.name"),
            &cl.name,
            "credential list",
        );
    }
    let mut names = HashSet::new();
    for (i, o) in t.origination_urls.iter().enumerate() {
        let p = format!("origination_urls[{i}]");
        name(out, &format!("{p}.name"), &o.name, 64);
        unique(
            out,
            &mut names,
            &format!("{p}.name"),
            &o.name,
            "origination URL",
        );
        out.extend(sip_uri::sip_uri_issues(&format!("{p}.sip_url"), &o.sip_url));
        priority_weight(out, &p, o.priority, o.weight);
    }
    let mut seen = HashSet::new();
    for (i, n) in t.numbers.iter().enumerate() {
        let p = format!("numbers[{i}]");
        let issues = phone::number_issues(&p, n, None);
        if issues.is_empty() && !is_e164(n) {
            out.push(Issue::error(
                &p,
                format!("`{n}` is not written in E.164 form: write it as + and digits only, e.g. +14155552671"),
            ));
        }
        out.extend(issues);
        unique(out, &mut seen, &p, n, "number");
    }
}

fn byoc(b: &Byoc, out: &mut Vec<Issue>) {
    name(
        out,
        "connection_policy.name",
        &b.connection_policy.name,
        255,
    );
    let mut seen = HashSet::new();
    for (i, t) in b.connection_policy.targets.iter().enumerate() {
        let p = format!("connection_policy.targets[{i}]");
        if let Some(n) = &t.name {
            name(out, &format!("{p}.name"), n, 255);
        }
        out.extend(sip_uri::sip_uri_issues(&format!("{p}.sip_url"), &t.sip_url));
        unique(
            out,
            &mut seen,
            &format!("{p}.sip_url"),
            &t.sip_url,
            "target",
        );
        priority_weight(out, &p, t.priority, t.weight);
    }
    let t = &b.trunk;
    name(out, "trunk.name", &t.name, 255);
    for (field, v) in [
        ("trunk.voice_url", &t.voice_url),
        ("trunk.fallback_url", &t.fallback_url),
        ("trunk.status_callback_url", &t.status_callback_url),
    ] {
        if let Some(u) = v {
            web_url(out, field, u);
        }
    }
    if let Some(d) = &t.from_domain {
        twilio_domain(out, "trunk.from_domain", d, "sip.twilio.com");
    }
    out.extend(crate::router::spec_issues(
        b.router.as_ref(),
        "trunk.voice_url",
        t.voice_url.as_ref(),
    ));
    out.extend(crate::router::inbound_issues(b.inbound.as_ref()));
}

fn sip_domain(d: &SipDomain, out: &mut Vec<Issue>) {
    twilio_domain(out, "domain", &d.domain, "sip.twilio.com");
    if let Some(n) = &d.friendly_name {
        name(out, "friendly_name", n, 64);
    }
    if let Some(u) = &d.voice_url {
        web_url(out, "voice_url", u);
    }
    out.extend(crate::router::spec_issues(
        d.router.as_ref(),
        "voice_url",
        d.voice_url.as_ref(),
    ));
    let mut names = HashSet::new();
    for (i, cl) in d.credential_lists.iter().enumerate() {
        let p = format!("credential_lists[{i}]");
        credential_list(out, &p, &cl.name, &cl.usernames);
        unique(
            out,
            &mut names,
            &format!("{p}.name"),
            &cl.name,
            "credential list",
        );
        if !cl.calls && !cl.registrations {
            out.push(Issue::warning(
                format!("{p}.calls"),
                format!("'{}' is mapped to neither calls nor registrations, so it authenticates nothing", cl.name),
            ));
        }
    }
    acls(out, "ip_acls", &d.ip_acls);
    if d.credential_lists.iter().all(|c| !c.calls) && d.ip_acls.is_empty() {
        out.push(Issue::warning(
            "credential_lists",
            "No credential list or IP access control list authenticates calls: the domain will accept no calls",
        ));
    }
    if d.registration && d.credential_lists.iter().all(|c| !c.registrations) {
        out.push(Issue::error(
            "registration",
            "registration = true needs a credential list with registrations = true, or no phone can register",
        ));
    }
}

fn acls(out: &mut Vec<Issue>, path: &str, acls: &[IpAclSpec]) {
    let mut names = HashSet::new();
    for (i, a) in acls.iter().enumerate() {
        let p = format!("{path}[{i}]");
        name(out, &format!("{p}.name"), &a.name, 255);
        unique(
            out,
            &mut names,
            &format!("{p}.name"),
            &a.name,
            "IP access control list",
        );
        let mut seen = HashSet::new();
        for (j, entry) in a.addresses.iter().enumerate() {
            let ep = format!("{p}.addresses[{j}]");
            let (addr, prefix) = ip::split_cidr(entry);
            match prefix {
                Some(Err(msg)) => out.push(Issue::error(&ep, msg)),
                Some(Ok(len)) => out.extend(ip::acl_entry_issues(&ep, addr, Some(len))),
                None => out.extend(ip::acl_entry_issues(&ep, addr, None)),
            }
            unique(out, &mut seen, &ep, entry, "address");
        }
    }
}

fn credential_list(out: &mut Vec<Issue>, p: &str, list: &str, usernames: &[String]) {
    name(out, &format!("{p}.name"), list, 64);
    let mut seen = HashSet::new();
    for (j, u) in usernames.iter().enumerate() {
        let up = format!("{p}.usernames[{j}]");
        username(out, &up, u);
        unique(out, &mut seen, &up, u, "username");
    }
}

fn name(out: &mut Vec<Issue>, path: &str, v: &str, max: usize) {
    if v.trim().is_empty() {
        out.push(Issue::error(
            path,
            "The name is empty: give it a name you will recognise in the Twilio Console",
        ));
    } else if v.chars().count() > max {
        out.push(Issue::error(
            path,
            format!(
                "`{v}` is {} characters long; Twilio allows at most {max}",
                v.chars().count()
            ),
        ));
    } else if v != v.trim() {
        out.push(Issue::error(
            path,
            format!("`{v}` starts or ends with spaces"),
        ));
    }
}

fn unique(out: &mut Vec<Issue>, seen: &mut HashSet<String>, path: &str, v: &str, what: &str) {
    if !seen.insert(v.to_string()) {
        out.push(Issue::error(
            path,
            format!("The {what} `{v}` appears twice"),
        ));
    }
}

fn username(out: &mut Vec<Issue>, path: &str, u: &str) {
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.@+".contains(c));
    if u.is_empty() || u.len() > 32 || !ok_chars {
        out.push(Issue::error(
            path,
            format!("`{u}` is not a usable SIP username: use 1 to 32 letters, digits or - _ . @ +"),
        ));
    }
}

fn priority_weight(out: &mut Vec<Issue>, p: &str, priority: u32, weight: u32) {
    if priority > 65535 {
        out.push(Issue::error(
            format!("{p}.priority"),
            format!(
                "{priority} is out of range: the priority is 0 to 65535 (lowest is tried first)"
            ),
        ));
    }
    if !(1..=65535).contains(&weight) {
        out.push(Issue::error(
            format!("{p}.weight"),
            format!("{weight} is out of range: the weight is 1 to 65535"),
        ));
    }
}

fn web_url(out: &mut Vec<Issue>, path: &str, u: &str) {
    match url::Url::parse(u) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() => {}
        _ => out.push(Issue::error(
            path,
            format!("`{u}` is not a web address: write a full http:// or https:// URL"),
        )),
    }
}

fn twilio_domain(out: &mut Vec<Issue>, path: &str, d: &str, suffix: &str) {
    let label = d.strip_suffix(suffix).and_then(|l| l.strip_suffix('.'));
    let ok = label.is_some_and(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    if !ok {
        out.push(Issue::error(
            path,
            format!("`{d}` must be a name of lower-case letters, digits and hyphens followed by .{suffix}, e.g. acme.{suffix}"),
        ));
    }
}

fn is_e164(n: &str) -> bool {
    n.len() >= 8 && n.starts_with('+') && n[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_issue_with_its_path() {
        let spec = Spec::from_toml_str(
            r#"
version = 1
kind = "elastic_trunk"
name = ""
termination_domain = "acme.example.com"
numbers = ["+14155552671", "+14155552671", "12"]
[[origination_urls]]
name = "a"
sip_url = "sip:pbx.acme-corp.com"
[[origination_urls]]
name = "b"
sip_url = "https://nope"
weight = 0
[[ip_acls]]
name = "x"
addresses = ["10.0.0.1", "54.172.60.0/99"]
"#,
        )
        .expect("parses");
        let issues = validate(&spec);
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        for want in [
            "name",
            "termination_domain",
            "numbers[1]",
            "numbers[2]",
            "origination_urls[1].sip_url",
            "origination_urls[1].weight",
            "ip_acls[0].addresses[0].ip_address",
            "ip_acls[0].addresses[1].cidr_prefix_length",
        ] {
            assert!(paths.contains(&want), "missing issue at {want}: {paths:?}");
        }
    }

    #[test]
    fn unknown_fields_and_versions_are_refused_with_a_path() {
        let err = Spec::from_toml_str("version = 1\nkind = \"elastic_trunk\"\nname = \"a\"\ntermination_domain = \"a.pstn.twilio.com\"\nsecrue = true\n").unwrap_err();
        assert!(err.to_string().contains("secrue"), "{err}");
        let err = Spec::from_toml_str("version = 2\nkind = \"byoc\"\n").unwrap_err();
        assert!(err.to_string().contains("version"), "{err}");
        let err = Spec::from_json_str(r#"{"version":1,"kind":"trunk"}"#).unwrap_err();
        assert!(err.to_string().contains("kind"), "{err}");
    }
}
