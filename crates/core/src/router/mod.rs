//! Inbound routing by DID: a table of number → destination with a default row, turned into one
//! Twilio Serverless Function that answers the voice webhook of a BYOC trunk or SIP domain.
//!
//! The Function routes on the `To` parameter of Twilio's webhook request, normalised: a SIP
//! domain sends `sip:+14155550100@acme.sip.twilio.com` (with URI parameters at times), a BYOC
//! trunk or number sends `+14155550100`. Webhook and Studio flow destinations answer with
//! `<Redirect>` (Twilio then fetches that URL with the same call), SIP destinations with
//! `<Dial><Sip>`, phone destinations with `<Dial><Number>` (optionally with a caller ID).
//! [`generate()`] is deterministic: the same table gives the same code byte for byte, so the
//! planner can compare it with the deployed version's content.

mod generate;
mod inbound;

use serde::{Deserialize, Serialize};

pub use generate::{ROUTER_FILE, ROUTER_PATH, generate, studio_url, twiml_for};
pub use inbound::{ByocInbound, carrier_address, inbound_issues};

use crate::validate::Issue;
use crate::validate::sip_uri::sip_uri_issues;
use crate::validate::twilio::webhook_url_issues;

/// Longest Serverless service unique name (Twilio: 50).
pub const SERVICE_NAME_MAX: usize = 50;

/// The routing table and where it is deployed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RouterSpec {
    /// The Serverless service's unique name (letters, digits and `-`, at most 50); it becomes
    /// part of the Function's address, `https://<service_name>-1234.twil.io/…`.
    pub service_name: String,
    /// One row per number (E.164), each number once.
    #[serde(default)]
    pub rows: Vec<RouteRow>,
    /// Where calls to every other number go.
    pub default: Destination,
}

/// One number and where its calls go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RouteRow {
    /// The called number, in E.164 (`+14155550100`).
    pub number: String,
    pub destination: Destination,
}

/// Where a call goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Destination {
    /// Hand the call to a webhook that answers with TwiML (`<Redirect>`).
    Webhook { url: String },
    /// Hand the call to a Studio flow (`<Redirect>` to the flow's webhook URL).
    StudioFlow { flow_sid: String },
    /// Ring a SIP address (`<Dial><Sip>`).
    Sip {
        uri: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        caller_id: Option<String>,
    },
    /// Ring a phone number (`<Dial><Number>`).
    Phone {
        number: String,
        /// The number shown to the called party (E.164); Twilio's default is the caller's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        caller_id: Option<String>,
    },
}

impl Destination {
    /// Words for the review page: "webhook https://…", "phone +1…".
    pub fn describe(&self) -> String {
        match self {
            Destination::Webhook { url } => format!("webhook {url}"),
            Destination::StudioFlow { flow_sid } => format!("Studio flow {flow_sid}"),
            Destination::Sip { uri, .. } => format!("SIP {uri}"),
            Destination::Phone { number, .. } => format!("phone {number}"),
        }
    }

    /// Field issues under `path` (e.g. `router.rows[2].destination`).
    pub fn issues(&self, path: &str) -> Vec<Issue> {
        let mut out = Vec::new();
        match self {
            Destination::Webhook { url } => {
                let p = format!("{path}.url");
                let v = url.trim();
                if !v.to_ascii_lowercase().starts_with("https://") {
                    out.push(
                        Issue::error(
                            &p,
                            format!("`{v}` must be an https:// URL: Twilio fetches it with the call's details."),
                        )
                        .with_hint("Use the form https://example.com/voice"),
                    );
                } else {
                    out.extend(webhook_url_issues(&p, v));
                }
            }
            Destination::StudioFlow { flow_sid } => {
                if let Err(e) = switchboard_twilio::check_sid(flow_sid.trim(), "FW", "Studio flow")
                {
                    out.push(
                        Issue::error(format!("{path}.flow_sid"), e.to_string()).with_hint(
                            "Copy the flow's SID (FW…) from Studio in the Twilio Console",
                        ),
                    );
                }
            }
            Destination::Sip { uri, caller_id } => {
                out.extend(sip_uri_issues(&format!("{path}.uri"), uri));
                if let Some(c) = caller_id {
                    out.extend(crate::calls::e164_issues(&format!("{path}.caller_id"), c));
                }
            }
            Destination::Phone { number, caller_id } => {
                out.extend(crate::calls::e164_issues(&format!("{path}.number"), number));
                if let Some(c) = caller_id {
                    out.extend(crate::calls::e164_issues(&format!("{path}.caller_id"), c));
                }
            }
        }
        out
    }
}

impl RouterSpec {
    /// Every field issue, with paths under `path` (e.g. `router`).
    pub fn issues(&self, path: &str) -> Vec<Issue> {
        let mut out = service_name_issues(&format!("{path}.service_name"), &self.service_name);
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let p = format!("{path}.rows[{i}]");
            let n = crate::calls::e164_issues(&format!("{p}.number"), &row.number);
            if n.is_empty() {
                let key = row.number.trim().to_string();
                match seen.iter().find(|(k, _)| *k == key) {
                    Some((_, first)) => out.push(Issue::error(
                        format!("{p}.number"),
                        format!(
                            "{key} is already in row {}: each number can have one destination.",
                            first + 1
                        ),
                    )),
                    None => seen.push((key, i)),
                }
            }
            out.extend(n);
            out.extend(row.destination.issues(&format!("{p}.destination")));
        }
        out.extend(self.default.issues(&format!("{path}.default")));
        if self.rows.is_empty() {
            out.push(Issue::warning(
                format!("{path}.rows"),
                "The table has no numbers: every call goes to the default destination.",
            ));
        }
        out
    }
}

/// The issues of a spec's optional router (under `router`), and the clash with a voice URL
/// set by hand at `voice_url_path` (the router sets the voice URL itself).
pub fn spec_issues(
    router: Option<&RouterSpec>,
    voice_url_path: &str,
    voice_url: Option<&String>,
) -> Vec<Issue> {
    let Some(r) = router else {
        return vec![];
    };
    let mut out = r.issues("router");
    if voice_url.is_some_and(|u| !u.trim().is_empty()) {
        out.push(
            Issue::error(
                voice_url_path,
                "The inbound router sets the voice URL to its own address: leave this empty, or remove the router.",
            )
            .with_hint("Add the URL to the routing table as a webhook destination instead"),
        );
    }
    out
}

/// A Serverless service unique name: 1–50 letters, digits and `-`, not first or last.
pub fn service_name_issues(path: &str, name: &str) -> Vec<Issue> {
    let n = name.chars().count();
    if n == 0 {
        return vec![Issue::error(
            path,
            "The service name is empty. Pick a short name such as acme-router; it becomes part of the router's web address.",
        )];
    }
    if n > SERVICE_NAME_MAX {
        return vec![Issue::error(
            path,
            format!("`{name}` is {n} characters long; Twilio allows at most {SERVICE_NAME_MAX}."),
        )];
    }
    let ok = !name.starts_with('-')
        && !name.ends_with('-')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        vec![]
    } else {
        vec![Issue::error(
            path,
            format!("`{name}` may contain only letters, digits and '-' (not first or last), because it becomes part of a web address."),
        )
        .with_hint("e.g. acme-router")]
    }
}

#[cfg(test)]
mod tests;
