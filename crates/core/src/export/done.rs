//! The Done sheet: after an apply, everything the user needs to enter on their SBC or PBX, as
//! titled sections of rows (each value with a copy button in the app) and a checklist of what to
//! do next. Built from the spec alone, so it is the same in the app, the HTML/PDF export and
//! the CLI. Passwords are never on it: rows name the username and say where the password is.
//!
//! Twilio's edges and address ranges come from `shared/docs/interop-facts.md` §4: the edge names
//! are the validators' [`crate::validate::sip_uri::EDGES`] list (one list in the crate); the signalling /30s per edge are a
//! third-party consensus citing twilio.com/docs/sip-trunking/ip-addresses, so the sheet says to
//! confirm them there; media is `168.86.128.0/18`, UDP 10000–60000, for every edge.

use serde::Serialize;

use crate::spec::{Byoc, ElasticTrunk, SipDomain, Spec};

/// A Twilio edge location: where it is and the signalling range calls from it come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// The edge name used in URIs (`ashburn`).
    pub name: &'static str,
    /// Where it is, for people.
    pub place: &'static str,
    /// Twilio's SIP signalling network for this edge.
    pub signalling: &'static str,
}

/// Every public Twilio edge (all of [`crate::validate::sip_uri::EDGES`] but `roaming`, which is not a place).
pub const TWILIO_EDGES: &[Edge] = &[
    Edge {
        name: "ashburn",
        place: "US East (Virginia)",
        signalling: "54.172.60.0/30",
    },
    Edge {
        name: "umatilla",
        place: "US West (Oregon)",
        signalling: "54.244.51.0/30",
    },
    Edge {
        name: "dublin",
        place: "Europe (Ireland)",
        signalling: "54.171.127.192/30",
    },
    Edge {
        name: "frankfurt",
        place: "Europe (Frankfurt)",
        signalling: "35.156.191.128/30",
    },
    Edge {
        name: "sao-paulo",
        place: "South America (São Paulo)",
        signalling: "177.71.206.192/30",
    },
    Edge {
        name: "singapore",
        place: "Asia Pacific (Singapore)",
        signalling: "54.169.127.128/30",
    },
    Edge {
        name: "tokyo",
        place: "Asia Pacific (Tokyo)",
        signalling: "54.65.63.192/30",
    },
    Edge {
        name: "sydney",
        place: "Asia Pacific (Sydney)",
        signalling: "54.252.254.64/30",
    },
];

/// Twilio's media (RTP) network, the same for every edge.
pub const TWILIO_MEDIA_RANGE: &str = "168.86.128.0/18";
/// The UDP ports Twilio's media uses.
pub const TWILIO_MEDIA_PORTS: &str = "UDP 10000–60000";
/// Where Twilio publishes its address ranges.
pub const TWILIO_IP_DOCS: &str = "https://www.twilio.com/docs/sip-trunking/ip-addresses";

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

/// The ranges to allow on the SBC and the firewall, in both directions.
fn twilio_ranges() -> DoneSection {
    let mut rows: Vec<DoneRow> = TWILIO_EDGES
        .iter()
        .map(|e| {
            noted(
                row(format!("Signalling, {} edge", e.place), e.signalling),
                format!(
                    "SIP on 5060 (UDP/TCP) and 5061 (TLS). Confirm against Twilio's list: {TWILIO_IP_DOCS}"
                ),
            )
        })
        .collect();
    rows.push(noted(
        row("Media (RTP), every edge", TWILIO_MEDIA_RANGE),
        format!("{TWILIO_MEDIA_PORTS}, in both directions."),
    ));
    section("Allow Twilio on your SBC and firewall", rows)
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
        Spec::ElasticTrunk(t) => elastic(t),
        Spec::Byoc(b) => byoc(b),
        Spec::SipDomain(d) => sip_domain(d),
    }
}

fn elastic(t: &ElasticTrunk) -> DoneSheet {
    let label = domain_label(&t.termination_domain);
    let global = termination_uri(label, None);
    let mut term = vec![noted(
        row("Termination URI", global.clone()),
        "Send outgoing calls here. Twilio finds the trunk by this name in the Request-URI, so do not replace it with an IP address.",
    )];
    for e in TWILIO_EDGES {
        term.push(noted(
            row(
                format!("Termination URI, {} edge", e.place),
                termination_uri(label, Some(e.name)),
            ),
            "Use the edge nearest your SBC to keep the signalling path short.",
        ));
    }
    term.push(transport(t.secure));
    term.push(text(
        "Number format",
        "+E.164 (for example +14155550100) in the From and the Request-URI",
    ));
    term.push(noted(
        text("Codecs", "PCMU, PCMA (G.711)"),
        "Other codecs only when arranged with Twilio.",
    ));
    let mut sections = vec![section("Send calls to Twilio (termination)", term)];

    let mut auth = vec![];
    let lists: Vec<(String, Vec<String>)> = t
        .credential_lists
        .iter()
        .map(|c| (c.name.clone(), c.usernames.clone()))
        .collect();
    credential_rows(&lists, &mut auth);
    for a in &t.ip_acls {
        auth.push(noted(
            row(
                format!("Allowed source addresses ({})", a.name),
                a.addresses.join(", "),
            ),
            "Twilio accepts calls to the termination URI only from these addresses.",
        ));
    }
    if !auth.is_empty() {
        sections.push(section("How Twilio recognises your SBC", auth));
    }

    let orig: Vec<DoneRow> = t
        .origination_urls
        .iter()
        .map(|o| {
            let state = if o.enabled { "" } else { ", disabled" };
            noted(
                row(format!("Twilio sends calls to ({})", o.name), o.sip_url.clone()),
                format!(
                    "Priority {} (lower is tried first), weight {} (share within a priority){state}.",
                    o.priority, o.weight
                ),
            )
        })
        .collect();
    if !orig.is_empty() {
        sections.push(section("Receive calls from Twilio (origination)", orig));
    }
    if !t.numbers.is_empty() {
        sections.push(section(
            "Numbers on this trunk",
            t.numbers.iter().map(|n| row("Number", n.clone())).collect(),
        ));
    }
    sections.push(twilio_ranges());

    let mut checklist = vec![format!(
        "On the SBC or PBX, add a SIP trunk whose server is {global} (or the edge nearest you)."
    )];
    if t.credential_lists.iter().any(|c| !c.usernames.is_empty()) {
        checklist.push("Enter each username and its password on the SBC for digest authentication of outgoing calls.".into());
    }
    if !t.ip_acls.is_empty() {
        checklist.push(
            "Make sure the SBC sends outgoing calls from one of the allowed source addresses."
                .into(),
        );
    }
    checklist.push(
        "Allow Twilio's signalling ranges and the media range on the SBC and the firewall, inbound and outbound.".into(),
    );
    if !t.origination_urls.is_empty() {
        checklist.push("Make sure the SBC accepts calls from Twilio at each origination URI, from Twilio's signalling ranges.".into());
    }
    if t.secure {
        checklist.push(
            "Use TLS (port 5061) and SRTP on the SBC: this trunk refuses anything else.".into(),
        );
    }
    checklist.push("Send numbers as +E.164 in the From and the Request-URI.".into());
    if t.recording.mode != switchboard_twilio::RecordingMode::DoNotRecord {
        checklist.push("Trunk recording is on: every call on this trunk is recorded. Tell the people who use it.".into());
    }
    checklist.push("Place a test call in each direction.".into());
    DoneSheet {
        title: format!("Done: Elastic SIP trunk '{}'", t.name),
        sections,
        checklist,
    }
}

fn byoc(b: &Byoc) -> DoneSheet {
    let targets: Vec<DoneRow> = b
        .connection_policy
        .targets
        .iter()
        .map(|t| {
            let state = if t.enabled { "" } else { ", disabled" };
            noted(
                row(
                    format!("Twilio sends calls to ({})", t.name.as_deref().unwrap_or("target")),
                    t.sip_url.clone(),
                ),
                format!(
                    "Priority {} (lower is tried first), weight {} (share within a priority){state}.",
                    t.priority, t.weight
                ),
            )
        })
        .collect();
    let mut sections = vec![section(
        &format!(
            "Calls from Twilio to your carrier (connection policy '{}')",
            b.connection_policy.name
        ),
        targets,
    )];
    let mut inbound = vec![text("BYOC trunk", b.trunk.name.clone())];
    if let Some(r) = &b.router {
        inbound.push(text(
            "Calls from the carrier are handled by",
            format!(
                "the number router (Serverless service '{}')",
                r.service_name
            ),
        ));
    } else if let Some(url) = &b.trunk.voice_url {
        inbound.push(noted(
            row("Calls from the carrier are handled by", url.clone()),
            format!("{} webhook", b.trunk.voice_method),
        ));
    }
    if let Some(d) = &b.trunk.from_domain {
        inbound.push(noted(
            row("From domain", d.clone()),
            "Twilio puts this SIP domain in the From header of calls it sends to the carrier.",
        ));
    }
    inbound.push(text("Number format", "+E.164 (for example +14155550100)"));
    inbound.push(noted(
        text("Codecs", "PCMU, PCMA (G.711)"),
        "Other codecs only when arranged with Twilio.",
    ));
    sections.push(section("Calls from your carrier into Twilio", inbound));
    if let Some(r) = &b.router {
        sections.push(router_section(r));
    }
    sections.push(twilio_ranges());
    let mut checklist = vec![
        "On the carrier's SBC, allow Twilio's signalling ranges and the media range, inbound and outbound.".to_string(),
        "Make sure each target accepts calls from Twilio's signalling ranges.".into(),
    ];
    if b.trunk.voice_url.is_none() && b.router.is_none() {
        checklist.push("The BYOC trunk has no voice URL: calls from the carrier have nowhere to go until one is set.".into());
    }
    checklist
        .push("Ask the carrier to send your numbers' calls to Twilio with +E.164 numbers.".into());
    checklist.push("Place a test call in each direction.".into());
    DoneSheet {
        title: format!("Done: BYOC trunk '{}'", b.trunk.name),
        sections,
        checklist,
    }
}

fn sip_domain(d: &SipDomain) -> DoneSheet {
    let label = domain_label(&d.domain);
    let mut rows = vec![noted(
        row("SIP domain", d.domain.clone()),
        "The SIP server (and registrar) to enter on each phone.",
    )];
    for e in TWILIO_EDGES {
        rows.push(noted(
            row(
                format!("SIP domain, {} edge", e.place),
                format!("{label}.sip.{}.twilio.com", e.name),
            ),
            "Use the edge nearest the phones.",
        ));
    }
    rows.push(transport(d.secure));
    rows.push(text(
        "Registration",
        if d.registration {
            "On: phones register to the SIP domain"
        } else {
            "Off: phones cannot register; calls from them are still authenticated"
        },
    ));
    let mut sections = vec![section("SIP server", rows)];
    let mut auth = vec![];
    let lists: Vec<(String, Vec<String>)> = d
        .credential_lists
        .iter()
        .map(|c| (c.name.clone(), c.usernames.clone()))
        .collect();
    credential_rows(&lists, &mut auth);
    for a in &d.ip_acls {
        auth.push(noted(
            row(
                format!("Allowed source addresses ({})", a.name),
                a.addresses.join(", "),
            ),
            "Calls from these addresses are accepted without a password.",
        ));
    }
    if !auth.is_empty() {
        sections.push(section("Phones and their credentials", auth));
    }
    if let Some(r) = &d.router {
        sections.push(router_section(r));
    } else if let Some(url) = &d.voice_url {
        sections.push(section(
            "Where calls go",
            vec![noted(
                row("Calls from the phones are handled by", url.clone()),
                format!("{} webhook", d.voice_method),
            )],
        ));
    }
    sections.push(twilio_ranges());
    let mut checklist = vec![format!(
        "On each phone, set the SIP server to {} and enter its username and password.",
        d.domain
    )];
    if d.registration {
        checklist.push("Turn registration on in each phone so it can receive calls.".into());
    }
    if d.voice_url.is_none() && d.router.is_none() {
        checklist.push("The SIP domain has no voice URL: calls from the phones have nowhere to go until one is set.".into());
    }
    checklist.push(
        "Allow Twilio's signalling ranges and the media range on the office firewall.".into(),
    );
    checklist.push("Place a test call from a phone.".into());
    DoneSheet {
        title: format!("Done: SIP domain {}", d.domain),
        sections,
        checklist,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::sip_uri::EDGES;

    fn elastic_spec() -> Spec {
        Spec::from_toml_str(
            r#"
version = 1
kind = "elastic_trunk"
name = "Office"
termination_domain = "acme-office.pstn.twilio.com"
numbers = ["+14155550100"]
[[ip_acls]]
name = "SBC"
addresses = ["203.0.113.10"]
[[credential_lists]]
name = "Office users"
usernames = ["pbx-main"]
[[origination_urls]]
name = "Primary"
sip_url = "sip:pbx.example.com:5060"
priority = 10
weight = 20
"#,
        )
        .unwrap()
    }

    #[test]
    fn edge_table_covers_every_validated_edge() {
        let mut ours: Vec<&str> = TWILIO_EDGES.iter().map(|e| e.name).collect();
        let mut theirs: Vec<&str> = EDGES.iter().copied().filter(|e| *e != "roaming").collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(
            ours, theirs,
            "one edge list in the crate: the validators' EDGES"
        );
    }

    #[test]
    fn elastic_sheet_has_global_and_edge_uris_ranges_users_and_numbers() {
        let sheet = done_sheet(&elastic_spec());
        let values: Vec<&str> = sheet
            .sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.value.as_str()))
            .collect();
        for want in [
            "acme-office.pstn.twilio.com",
            "acme-office.pstn.ashburn.twilio.com",
            "acme-office.pstn.umatilla.twilio.com",
            "acme-office.pstn.sydney.twilio.com",
            "54.172.60.0/30",
            TWILIO_MEDIA_RANGE,
            "pbx-main",
            "+14155550100",
            "sip:pbx.example.com:5060",
            "203.0.113.10",
        ] {
            assert!(values.contains(&want), "{want} missing from {values:?}");
        }
        assert!(
            sheet
                .checklist
                .iter()
                .any(|c| c.contains("acme-office.pstn.twilio.com"))
        );
        assert!(sheet.checklist.last().unwrap().contains("test call"));
        let orig = sheet
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .find(|r| r.value.starts_with("sip:"))
            .unwrap();
        assert!(
            orig.note.as_deref().unwrap().contains("Priority 10")
                && orig.note.as_deref().unwrap().contains("weight 20")
        );
    }

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
