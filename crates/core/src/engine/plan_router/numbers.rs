//! The account numbers a SIP domain's router table lists: each row's number must be on the
//! account and answer through its own voice URL ([`number_issues`]); each is pointed at the
//! router ([`point_number`]); the voice URL each had before is recorded in the deployed code
//! ([`previous_urls`], never a URL with a user and password in it); and a number the table no
//! longer lists is taken off the router ([`unpoint_number`]) — back to its old voice URL or
//! cleared, never released.

use std::collections::BTreeMap;

use super::deploy::Deployed;
use crate::engine::live_router::{PreviousVoice, RoutedNumber, RouterLive};
use crate::engine::plan::Builder;
use crate::engine::step::{Op, StepKind};
use crate::engine::step_router::RouterOp;
use crate::router::{ROUTER_PATH, RouterSpec};
use crate::validate::Issue;
use switchboard_twilio::HttpMethod;

/// What the deployed code records for the table's numbers: the voice URL a number has now when
/// it is not the router's, else what the code running now recorded for it (unknown numbers are
/// left out). Stable across re-plans: once a number points at the router, its record is carried
/// over from the deployed code.
pub(super) fn previous_urls(
    r: &RouterSpec,
    live: Option<&RouterLive>,
) -> BTreeMap<String, PreviousVoice> {
    let mut out = BTreeMap::new();
    let Some(live) = live else {
        return out;
    };
    let router_url = live
        .environment
        .as_ref()
        .map(|e| format!("https://{}{ROUTER_PATH}", e.domain_name));
    for row in &r.rows {
        let Some(n) = live
            .numbers
            .iter()
            .find(|n| n.phone_number == row.number.trim())
        else {
            continue;
        };
        if router_url.is_none() || n.voice_url != router_url {
            // A URL with a user and password in it is not copied into the deployed code: the
            // number's URL is then cleared when it leaves the table, and the step says so.
            if n.voice_url.as_deref().is_some_and(has_credentials) {
                continue;
            }
            out.insert(
                n.phone_number.clone(),
                PreviousVoice {
                    url: n.voice_url.clone(),
                    method: n.voice_method,
                },
            );
        } else if let Some(p) = live.previous.get(&n.phone_number) {
            out.insert(n.phone_number.clone(), p.clone());
        }
    }
    out
}

/// Whether `url` carries a user (and password) before its host: `https://user:pass@host/…`.
fn has_credentials(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.contains('@')
}

/// Takes an account number the table no longer lists off the router: back to the voice URL
/// it had before (as the deployed code records it), else cleared. A rollback points it at the
/// router again; the number stays on the account.
pub(super) fn unpoint_number(
    b: &mut Builder,
    n: &RoutedNumber,
    router_url: &str,
    was: Option<&PreviousVoice>,
) {
    let shown = spaced(&n.phone_number);
    let (url, method, what) = match was {
        Some(PreviousVoice {
            url: Some(u),
            method,
        }) => (
            Some(u.clone()),
            *method,
            if *method == HttpMethod::Post {
                format!("its voice URL goes back to {u}, as before the router")
            } else {
                format!("its voice URL goes back to {u} with {method}, as before the router")
            },
        ),
        Some(PreviousVoice { url: None, method }) => (
            None,
            *method,
            "its voice URL is cleared, as before the router".to_string(),
        ),
        None => (
            None,
            HttpMethod::Post,
            "Switchboard has no record of its voice URL before the router, so the voice URL is \
             cleared: set one in the Twilio Console if calls to it should still be answered"
                .to_string(),
        ),
    };
    b.push(
        StepKind::Detach,
        format!(
            "Take {shown} off the number router: the routing table no longer lists it; {what} \
             (the number stays on the account; a rollback points it at the router again)"
        ),
        &[
            ("PhoneNumber", n.phone_number.clone()),
            ("VoiceUrl", url.clone().unwrap_or_default()),
            ("VoiceMethod", method.to_string()),
        ],
        &[],
        Op::Router(RouterOp::UnpointNumber {
            number: n.sid.clone(),
            phone_number: n.phone_number.clone(),
            url,
            method,
            old_url: router_url.to_string(),
            old_method: n.voice_method,
        }),
    );
}

/// Rows whose number cannot be pointed at the router: not on the account, or answering
/// through an Elastic SIP trunk or a TwiML app (Twilio then ignores the number's voice URL).
pub(super) fn number_issues(r: &RouterSpec, numbers: &[RoutedNumber]) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, row) in r.rows.iter().enumerate() {
        let path = format!("router.rows[{i}].number");
        let want = row.number.trim();
        match numbers.iter().find(|n| n.phone_number == want) {
            None => out.push(
                Issue::error(
                    &path,
                    format!(
                        "{want} is not a number on this account: the router can only answer calls to the account's own numbers."
                    ),
                )
                .with_hint("Pick one of the account's numbers, or buy this number in the Twilio Console first"),
            ),
            Some(n) => {
                if let Some(t) = &n.trunk_sid {
                    out.push(
                        Issue::error(
                            &path,
                            format!(
                                "{want} answers through Elastic SIP trunk {t}, so Twilio ignores its voice URL and the router would never get its calls."
                            ),
                        )
                        .with_hint("Take the number off the trunk first (Inventory), or remove this row"),
                    );
                } else if let Some(a) = &n.voice_application_sid {
                    out.push(
                        Issue::error(
                            &path,
                            format!(
                                "{want} answers through the TwiML app {a}, so Twilio ignores its voice URL and the router would never get its calls."
                            ),
                        )
                        .with_hint("Clear the number's TwiML app in the Twilio Console first, or remove this row"),
                    );
                }
            }
        }
    }
    out
}

/// "+1 415 555 0100" (international format, groups split by spaces); the input if unparsable.
fn spaced(number: &str) -> String {
    match phonenumber::parse(None, number) {
        Ok(p) => p
            .format()
            .mode(phonenumber::Mode::International)
            .to_string()
            .replace('-', " "),
        Err(_) => number.to_string(),
    }
}

/// Points one account number's voice URL (method POST) at the router, unless it already is.
pub(super) fn point_number(b: &mut Builder, n: &RoutedNumber, d: &Deployed) {
    let shown = spaced(&n.phone_number);
    if let Some(u) = &d.url
        && n.voice_url.as_deref() == Some(u.as_str())
        && n.voice_method == HttpMethod::Post
    {
        b.satisfied(
            format!("Calls to {shown} already go to the number router"),
            &n.sid,
        );
        return;
    }
    let was = match &n.voice_url {
        Some(u) if n.voice_method == HttpMethod::Post => format!("its voice URL was {u}"),
        Some(u) => format!("its voice URL was {u} with {}", n.voice_method),
        None => "it had no voice URL".to_string(),
    };
    let url = d
        .url
        .clone()
        .unwrap_or_else(|| format!("(the router's address, ending {ROUTER_PATH})"));
    b.push(
        StepKind::Update,
        format!("Send calls to {shown} to the number router ({was})"),
        &[
            ("PhoneNumber", n.phone_number.clone()),
            ("VoiceUrl", url),
            ("VoiceMethod", HttpMethod::Post.to_string()),
        ],
        &d.after,
        Op::Router(RouterOp::PointNumber {
            number: n.sid.clone(),
            phone_number: n.phone_number.clone(),
            service: d.service.clone(),
            environment: d.environment.clone(),
            path: ROUTER_PATH.into(),
            old_url: n.voice_url.clone(),
            old_method: n.voice_method,
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::has_credentials;

    #[test]
    fn urls_with_a_user_before_the_host_are_spotted() {
        assert!(has_credentials(
            "https://bob:s3cret@hooks.acme.example/voice"
        ));
        assert!(has_credentials("https://bob@hooks.acme.example"));
        assert!(!has_credentials("https://hooks.acme.example/voice?to=a@b"));
        assert!(!has_credentials("https://hooks.acme.example/a@b/voice"));
        assert!(!has_credentials("https://demo.twilio.com/welcome/voice/"));
    }
}
