//! The remaining Twilio input rules from the API reference: termination and SIP domain names,
//! friendly-name lengths, webhook URLs, and origination/target priority and weight ranges.

use super::Issue;
use super::ip::non_public_reason;

/// Which resource a friendly name belongs to (the limits differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameLimit {
    /// Trunk, origination URL, credential list, SIP domain, phone number, API key: 64.
    Short,
    /// IP ACL, IP address, BYOC trunk, connection policy, target, IP record: 255.
    Long,
}

impl NameLimit {
    pub fn max(self) -> usize {
        match self {
            NameLimit::Short => 64,
            NameLimit::Long => 255,
        }
    }
}

/// Checks a friendly name's length (and that a required one is present).
pub fn friendly_name_issues(
    path: &str,
    name: &str,
    limit: NameLimit,
    required: bool,
) -> Vec<Issue> {
    let n = name.chars().count();
    if n == 0 && required {
        return vec![Issue::error(
            path,
            "The friendly name is empty. Give it a name you will recognise in the Twilio Console.",
        )];
    }
    if n > limit.max() {
        return vec![Issue::error(
            path,
            format!(
                "The friendly name is {n} characters long; Twilio allows at most {} here.",
                limit.max()
            ),
        )];
    }
    Vec::new()
}

fn label_issues(path: &str, value: &str, label: &str, what: &str, suffix: &str) -> Vec<Issue> {
    let bad = |why: String| {
        vec![
            Issue::error(path, format!("`{value}` is not a valid {what}: {why}."))
                .with_hint(format!("Use the form `my-company{suffix}`.")),
        ]
    };
    if label.is_empty() {
        return bad(format!("it needs a name before `{suffix}`"));
    }
    if label.len() > 63 {
        return bad(format!(
            "the part before `{suffix}` is {} characters long; at most 63 are allowed",
            label.len()
        ));
    }
    if let Some(c) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return bad(format!(
            "`{c}` is not allowed; use letters, digits and `-` only"
        ));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return bad("it cannot start or end with `-`".into());
    }
    Vec::new()
}

fn domain_issues(path: &str, value: &str, suffix: &str, what: &str) -> Vec<Issue> {
    let v = value.trim().to_ascii_lowercase();
    match v.strip_suffix(suffix) {
        Some(label) => label_issues(path, value, label, what, suffix),
        None => vec![
            Issue::error(
                path,
                format!("`{value}` is not a valid {what}: it must end in `{suffix}`."),
            )
            .with_hint(format!("Use the form `my-company{suffix}`.")),
        ],
    }
}

/// Checks an Elastic SIP Trunk termination domain: `<label>.pstn.twilio.com`.
pub fn termination_domain_issues(path: &str, value: &str) -> Vec<Issue> {
    domain_issues(path, value, ".pstn.twilio.com", "termination SIP URI")
}

/// Checks a Programmable SIP domain: `<label>.sip.twilio.com`.
pub fn sip_domain_issues(path: &str, value: &str) -> Vec<Issue> {
    domain_issues(path, value, ".sip.twilio.com", "SIP domain name")
}

/// Checks an origination URL / target priority: 0–65535, lower is preferred.
pub fn priority_issues(path: &str, value: i64) -> Vec<Issue> {
    if (0..=65535).contains(&value) {
        Vec::new()
    } else {
        vec![Issue::error(
            path,
            format!(
                "Priority {value} is out of range: use 0 to 65535 (lower numbers are tried first; 10 is the usual choice)."
            ),
        )]
    }
}

/// Checks an origination URL / target weight: 1–65535, the share among equal priorities.
pub fn weight_issues(path: &str, value: i64) -> Vec<Issue> {
    if (1..=65535).contains(&value) {
        Vec::new()
    } else {
        vec![Issue::error(
            path,
            format!(
                "Weight {value} is out of range: use 1 to 65535 (the share of calls among URIs with the same priority; 10 is the usual choice)."
            ),
        )]
    }
}

/// Checks a webhook URL Twilio will fetch (voice URL, fallback, status callback).
pub fn webhook_url_issues(path: &str, value: &str) -> Vec<Issue> {
    let v = value.trim();
    if v.contains(char::is_whitespace) {
        return vec![Issue::error(
            path,
            format!("`{v}` contains a space; URLs cannot contain spaces."),
        )];
    }
    let url = match url::Url::parse(v) {
        Ok(u) => u,
        Err(e) => {
            return vec![Issue::error(
                path,
                format!("`{v}` is not a valid URL ({e}). Use the form https://example.com/voice."),
            )];
        }
    };
    let mut out = Vec::new();
    match url.scheme() {
        "https" => {}
        "http" => out.push(
            Issue::warning(
                path,
                format!(
                    "`{v}` uses http:, so call details travel unencrypted and cannot be verified."
                ),
            )
            .with_hint("Use https: if your server supports it."),
        ),
        other => {
            return vec![Issue::error(
                path,
                format!("`{v}` uses `{other}:`; Twilio webhooks must be http: or https: URLs."),
            )];
        }
    }
    match url.host() {
        None => out.push(Issue::error(path, format!("`{v}` has no host name."))),
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => {
            out.push(Issue::error(path, format!("`{v}` points at localhost; Twilio cannot reach this computer. Use a public address (or a tunnel such as ngrok).")))
        }
        Some(url::Host::Ipv4(ip)) => {
            if let Some(why) = non_public_reason(ip) {
                out.push(Issue::error(path, format!("`{ip}` is {why}; Twilio can only fetch webhooks from public addresses.")));
            }
        }
        Some(_) => {}
    }
    if !url.username().is_empty() || url.password().is_some() {
        out.push(Issue::warning(path, "The URL contains a user name or password; they are sent with every request and shown in the Twilio Console."));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Severity, has_errors};

    #[test]
    fn domains() {
        assert!(termination_domain_issues("d", "acme-1.pstn.twilio.com").is_empty());
        assert!(
            termination_domain_issues("d", "Acme.PSTN.twilio.com").is_empty(),
            "domain names are case-insensitive"
        );
        assert!(sip_domain_issues("d", "acme.sip.twilio.com").is_empty());
        for bad in [
            "acme.sip.twilio.com",
            "pstn.twilio.com",
            ".pstn.twilio.com",
            "ac_me.pstn.twilio.com",
            "-acme.pstn.twilio.com",
            "a.b.pstn.twilio.com",
        ] {
            let i = termination_domain_issues("trunk.domain_name", bad);
            assert!(has_errors(&i), "{bad}");
            assert!(
                i[0].message.contains(bad),
                "message must name the value: {}",
                i[0].message
            );
        }
        assert!(
            sip_domain_issues("d", "acme.pstn.twilio.com")[0]
                .message
                .contains("sip.twilio.com")
        );
    }

    #[test]
    fn ranges_and_names() {
        assert!(priority_issues("p", 0).is_empty() && priority_issues("p", 65535).is_empty());
        assert!(has_errors(&priority_issues("p", -1)) && has_errors(&priority_issues("p", 65536)));
        assert!(weight_issues("w", 1).is_empty());
        assert!(weight_issues("w", 0)[0].message.contains("1 to 65535"));
        assert!(friendly_name_issues("n", &"a".repeat(64), NameLimit::Short, true).is_empty());
        assert!(
            friendly_name_issues("n", &"a".repeat(65), NameLimit::Short, true)[0]
                .message
                .contains("at most 64")
        );
        assert!(friendly_name_issues("n", &"a".repeat(255), NameLimit::Long, true).is_empty());
        assert!(has_errors(&friendly_name_issues(
            "n",
            "",
            NameLimit::Long,
            true
        )));
        assert!(friendly_name_issues("n", "", NameLimit::Long, false).is_empty());
    }

    #[test]
    fn webhooks() {
        assert!(webhook_url_issues("v", "https://example.com/voice").is_empty());
        let http = webhook_url_issues("voice_url", "http://example.com/voice");
        assert_eq!(
            (http[0].severity, http[0].path.as_str()),
            (Severity::Warning, "voice_url")
        );
        for bad in [
            "ftp://example.com",
            "https://localhost/x",
            "http://192.168.1.2/x",
            "not a url",
            "example.com/voice",
        ] {
            assert!(has_errors(&webhook_url_issues("v", bad)), "{bad}");
        }
    }
}
