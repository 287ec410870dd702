//! Field checks the wizard runs while the user types or pastes: each pasted item through the
//! same validators the plan uses, and whether a domain label is free on the connected account.

use futures::TryStreamExt;
use switchboard_core::secret::Sensitive;
use switchboard_core::validate::{Issue, credential, has_errors, ip, phone, sip_uri, twilio};
use switchboard_twilio::Client;

use super::view::{CheckKind, DomainAvailability, DomainKind, ItemCheck};
use crate::error::AppResult;

/// What a password item is shown as: never the password itself.
const MASK: &str = "••••••";

const PSTN: &str = ".pstn.twilio.com";
const SIP: &str = ".sip.twilio.com";

/// The full domain for a label (a full domain is taken as it is).
pub fn full_domain(kind: DomainKind, label: &str) -> String {
    let l = label.trim().to_ascii_lowercase();
    let suffix = match kind {
        DomainKind::Termination => PSTN,
        DomainKind::SipDomain => SIP,
    };
    if l.ends_with(suffix) {
        l
    } else {
        format!("{l}{suffix}")
    }
}

fn domain_issues(kind: DomainKind, path: &str, label: &str) -> Vec<Issue> {
    if label.trim().is_empty() {
        return vec![Issue::error(
            path,
            "The name is empty. Use letters, digits and hyphens, such as acme-office.",
        )];
    }
    let full = full_domain(kind, label);
    match kind {
        DomainKind::Termination => twilio::termination_domain_issues(path, &full),
        DomainKind::SipDomain => twilio::sip_domain_issues(path, &full),
    }
}

/// Checks one item; `path` names it in the issues (`[3]`).
fn check_one(kind: CheckKind, path: &str, value: &str) -> ItemCheck {
    let v = value.trim();
    let (issues, normalized) = match kind {
        CheckKind::IpOrCidr => {
            let (addr, prefix) = ip::split_cidr(v);
            match prefix {
                Some(Err(e)) => (vec![Issue::error(path, e)], None),
                Some(Ok(p)) => (
                    ip::acl_entry_issues(path, addr, Some(p)),
                    Some(if p == 32 {
                        addr.to_string()
                    } else {
                        format!("{addr}/{p}")
                    }),
                ),
                None => (
                    ip::acl_entry_issues(path, addr, None),
                    Some(addr.to_string()),
                ),
            }
        }
        CheckKind::E164 => {
            let c = phone::check_number(v, None);
            (phone::number_issues(path, v, None), c.e164)
        }
        CheckKind::SipUri => (sip_uri::sip_uri_issues(path, v), Some(v.to_string())),
        CheckKind::Username => (credential::username_issues(path, v), Some(v.to_string())),
        CheckKind::Password => {
            let issues = credential::password_issues(path, &Sensitive::new(value.to_string()));
            return ItemCheck {
                value: MASK.into(),
                normalized: None,
                issues,
            };
        }
        CheckKind::Url => (twilio::webhook_url_issues(path, v), Some(v.to_string())),
        CheckKind::TerminationLabel => (
            domain_issues(DomainKind::Termination, path, v),
            Some(full_domain(DomainKind::Termination, v)),
        ),
        CheckKind::SipDomainLabel => (
            domain_issues(DomainKind::SipDomain, path, v),
            Some(full_domain(DomainKind::SipDomain, v)),
        ),
    };
    let normalized = normalized.filter(|_| !has_errors(&issues));
    ItemCheck {
        value: value.to_string(),
        normalized,
        issues,
    }
}

/// Checks each pasted item on its own (the UI shows one chip per item).
pub fn check_items(kind: CheckKind, values: &[String]) -> Vec<ItemCheck> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| check_one(kind, &format!("[{i}]"), v))
        .collect()
}

/// Whether `label` makes a domain this account can use: well formed, and not already taken by
/// one of its own trunks / SIP domains. (Twilio checks other accounts only when it is created.)
pub async fn domain_available(
    client: &Client,
    kind: DomainKind,
    label: &str,
) -> AppResult<DomainAvailability> {
    let domain = full_domain(kind, label);
    let clean_label = domain
        .strip_suffix(match kind {
            DomainKind::Termination => PSTN,
            DomainKind::SipDomain => SIP,
        })
        .unwrap_or(&domain)
        .to_string();
    let issues = domain_issues(kind, "label", label);
    if let Some(first) = issues
        .iter()
        .find(|i| i.severity == switchboard_core::validate::Severity::Error)
    {
        return Ok(DomainAvailability {
            label: clean_label,
            domain,
            available: false,
            message: first.message.clone(),
        });
    }
    let taken_by = match kind {
        DomainKind::Termination => client
            .list_trunks()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|t| t.domain_name.as_deref().map(str::to_ascii_lowercase) == Some(domain.clone()))
            .map(|t| {
                format!(
                    "the trunk '{}' ({})",
                    t.friendly_name.unwrap_or_default(),
                    t.sid
                )
            }),
        DomainKind::SipDomain => client
            .list_sip_domains()
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .find(|d| d.domain_name.as_deref().map(str::to_ascii_lowercase) == Some(domain.clone()))
            .map(|d| {
                format!(
                    "the SIP domain '{}' ({})",
                    d.friendly_name.unwrap_or_default(),
                    d.sid
                )
            }),
    };
    Ok(match taken_by {
        Some(owner) => DomainAvailability {
            message: format!(
                "{domain} is already used by {owner} on this account. Choose another name, or open that one from Inventory to change it."
            ),
            label: clean_label,
            domain,
            available: false,
        },
        None => DomainAvailability {
            message: format!(
                "{domain} is free on this account. Twilio names are unique across all accounts, so Twilio makes the final check when it is created."
            ),
            label: clean_label,
            domain,
            available: true,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_items_get_normalised_or_named_issues() {
        let ips = check_items(
            CheckKind::IpOrCidr,
            &[
                "52.1.2.10".into(),
                "52.1.3.0/24".into(),
                "10.0.0.1".into(),
                "1.2.3.4/40".into(),
            ],
        );
        assert_eq!(ips[0].normalized.as_deref(), Some("52.1.2.10"));
        assert_eq!(ips[1].normalized.as_deref(), Some("52.1.3.0/24"));
        assert!(
            has_errors(&ips[2].issues) && ips[2].normalized.is_none(),
            "a private address is flagged: {:?}",
            ips[2]
        );
        assert!(has_errors(&ips[3].issues) && ips[3].normalized.is_none());
        assert!(ips[3].issues[0].path.starts_with("[3]"), "{:?}", ips[3]);

        let n = check_items(CheckKind::E164, &["+1 415 555 2671".into(), "12".into()]);
        assert_eq!(n[0].normalized.as_deref(), Some("+14155552671"));
        assert!(has_errors(&n[1].issues));

        let d = check_items(
            CheckKind::TerminationLabel,
            &["Acme-Office".into(), "-bad-".into()],
        );
        assert_eq!(
            d[0].normalized.as_deref(),
            Some("acme-office.pstn.twilio.com")
        );
        assert!(has_errors(&d[1].issues), "{:?}", d[1]);
    }

    #[test]
    fn a_number_without_country_code_is_explained_in_the_apps_words() {
        let n = check_items(CheckKind::E164, &["020 7946 0958".into()]);
        let m = &n[0].issues[0].message;
        assert!(
            m.contains("has no country code: add it, e.g. +44 20 7946 0958 (GB)"),
            "{m}"
        );
        assert!(!m.contains("--region"), "no CLI flag in the app: {m}");
        assert!(n[0].normalized.is_none());
    }

    #[test]
    fn a_password_is_checked_but_never_echoed() {
        let secret = "weakpass";
        let p = check_items(CheckKind::Password, &[secret.into()]);
        assert_eq!(p[0].value, MASK);
        assert!(has_errors(&p[0].issues));
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains(secret), "{json}");
    }
}
