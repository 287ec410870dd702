//! The Done sheet: after an apply, everything the user needs to enter on their SBC or PBX, as
//! titled sections of rows (each value with a copy button in the app) and a checklist of what to
//! do next. Built from the spec alone, so it is the same in the app, the HTML/PDF export and
//! the CLI. Passwords are never on it: rows name the username and say where the password is.
//!
//! This file holds the sheet's types, the rows and sections the sheets share and the printable
//! shape; each kind's sheet is in `elastic`, `byoc` and `sip_domain`, Twilio's edges and
//! address ranges (with where they come from) in `edges`.

mod byoc;
mod edges;
mod elastic;
mod sip_domain;

pub use edges::{Edge, TWILIO_EDGES, TWILIO_IP_DOCS, TWILIO_MEDIA_PORTS, TWILIO_MEDIA_RANGE};

use serde::Serialize;

use crate::spec::Spec;
use edges::twilio_ranges;

/// What to enter on the SBC / PBX after an apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoneSheet {
    pub title: String,
    pub sections: Vec<DoneSection>,
    /// What to do next on the SBC / PBX, in order.
    pub checklist: Vec<String>,
}

/// A group of rows (one screen of the SBC's configuration, say).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoneSection {
    pub title: String,
    pub rows: Vec<DoneRow>,
}

/// One value to enter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoneRow {
    pub label: String,
    pub value: String,
    /// Worth a copy button (an address, a URI, a username), as opposed to an explanation.
    pub copy: bool,
    pub note: Option<String>,
}

fn row(label: impl Into<String>, value: impl Into<String>) -> DoneRow {
    DoneRow {
        label: label.into(),
        value: value.into(),
        copy: true,
        note: None,
    }
}

fn text(label: impl Into<String>, value: impl Into<String>) -> DoneRow {
    DoneRow {
        copy: false,
        ..row(label, value)
    }
}

fn noted(mut r: DoneRow, note: impl Into<String>) -> DoneRow {
    r.note = Some(note.into());
    r
}

fn section(title: &str, rows: Vec<DoneRow>) -> DoneSection {
    DoneSection {
        title: title.into(),
        rows,
    }
}

/// The label of `<label>.pstn.twilio.com` (or of any `<label>.<rest>` domain).
pub fn domain_label(domain: &str) -> &str {
    domain.split('.').next().unwrap_or(domain)
}

/// The localized termination URI of `label` at `edge`: `<label>.pstn.<edge>.twilio.com`.
pub fn termination_uri(label: &str, edge: Option<&str>) -> String {
    match edge {
        Some(e) => format!("{label}.pstn.{e}.twilio.com"),
        None => format!("{label}.pstn.twilio.com"),
    }
}

fn transport(secure: bool) -> DoneRow {
    if secure {
        noted(
            text("Transport", "TLS on port 5061, with SRTP media"),
            "Secure trunking is on: Twilio refuses unencrypted calls on this trunk.",
        )
    } else {
        text(
            "Transport",
            "UDP or TCP on port 5060 (TLS on 5061 also works)",
        )
    }
}

/// Where each number's calls go when a router is deployed (BYOC trunk or SIP domain).
fn router_section(r: &crate::router::RouterSpec) -> DoneSection {
    let mut rows: Vec<DoneRow> = r
        .rows
        .iter()
        .map(|row| noted(row_of(&row.number), row.destination.describe()))
        .collect();
    rows.push(noted(
        text("Every other number", r.default.describe()),
        format!(
            "Routed by the Serverless Function of service '{}', which the voice URL points at.",
            r.service_name
        ),
    ));
    section("Where calls go, by number", rows)
}

fn row_of(number: &str) -> DoneRow {
    row("Number", number)
}

fn credential_rows(lists: &[(String, Vec<String>)], rows: &mut Vec<DoneRow>) {
    for (list, users) in lists {
        for u in users {
            rows.push(noted(
                row(format!("Username ({list})"), u.clone()),
                "The password is the one shown when it was set; Switchboard keeps it in the system keychain and never shows it again.",
            ));
        }
    }
}

impl DoneSheet {
    /// The same sheet in the printable shape the HTML and PDF exports render.
    pub fn printable(&self) -> crate::preset::Sheet {
        crate::preset::Sheet {
            title: self.title.clone(),
            intro: "Everything to enter on your SBC or PBX. Passwords are not on this sheet."
                .into(),
            sections: self
                .sections
                .iter()
                .map(|s| crate::preset::Section {
                    id: None,
                    title: s.title.clone(),
                    note: String::new(),
                    rows: s
                        .rows
                        .iter()
                        .map(|r| crate::preset::Row {
                            field: r.label.clone(),
                            value: r.value.clone(),
                            note: r.note.clone().unwrap_or_default(),
                            unverified: false,
                        })
                        .collect(),
                    code: None,
                    code_language: None,
                })
                .collect(),
            steps: self.checklist.clone(),
            warnings: vec![],
        }
    }
}

/// The Done sheet of a spec.
pub fn done_sheet(spec: &Spec) -> DoneSheet {
    match spec {
        Spec::ElasticTrunk(t) => elastic::elastic(t),
        Spec::Byoc(b) => byoc::byoc(b),
        Spec::SipDomain(d) => sip_domain::sip_domain(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byoc_and_domain_sheets_name_their_endpoints() {
        let byoc = Spec::from_toml_str(
            r#"
version = 1
kind = "byoc"
[connection_policy]
name = "Carrier"
targets = [{ sip_url = "sip:sbc.carrier.example:5060" }]
[trunk]
name = "Carrier trunk"
"#,
        )
        .unwrap();
        let s = done_sheet(&byoc);
        assert!(s.sections[0].rows[0].value == "sip:sbc.carrier.example:5060");
        assert!(
            s.checklist.iter().any(|c| c.contains("no voice URL")),
            "{:?}",
            s.checklist
        );
        let routed = Spec::from_toml_str(
            r#"
version = 1
kind = "byoc"
[connection_policy]
name = "Carrier"
targets = [{ sip_url = "sip:sbc.carrier.example:5060" }]
[trunk]
name = "Carrier trunk"
[router]
service_name = "acme-router"
default = { kind = "webhook", url = "https://example.com/voice" }
rows = [{ number = "+14155550100", destination = { kind = "phone", number = "+14155550101" } }]
"#,
        )
        .unwrap();
        let s = done_sheet(&routed);
        assert!(
            !s.checklist.iter().any(|c| c.contains("no voice URL")),
            "a router is the voice URL: {:?}",
            s.checklist
        );
        let by_number = s
            .sections
            .iter()
            .find(|x| x.title.contains("by number"))
            .expect("router section");
        assert_eq!(by_number.rows[0].value, "+14155550100");
        assert_eq!(
            by_number.rows[0].note.as_deref(),
            Some("phone +14155550101")
        );
        let dom = Spec::from_toml_str(
            r#"
version = 1
kind = "sip_domain"
domain = "acme-phones.sip.twilio.com"
registration = true
credential_lists = [{ name = "Phones", usernames = ["alice"], registrations = true }]
"#,
        )
        .unwrap();
        let s = done_sheet(&dom);
        let values: Vec<&str> = s
            .sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.value.as_str()))
            .collect();
        assert!(values.contains(&"acme-phones.sip.twilio.com") && values.contains(&"alice"));
        assert!(values.contains(&"acme-phones.sip.dublin.twilio.com"));
    }
}
