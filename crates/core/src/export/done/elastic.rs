//! The Done sheet of an Elastic SIP trunk: the termination URI (global and per edge) with the
//! transport, number format and codecs; the usernames and allowed source addresses Twilio
//! recognises the SBC by; the origination URIs Twilio sends calls to; the trunk's numbers;
//! Twilio's ranges; and the checklist for the SBC or PBX.

use super::{
    DoneRow, DoneSheet, TWILIO_EDGES, credential_rows, domain_label, noted, row, section,
    termination_uri, text, transport, twilio_ranges,
};
use crate::spec::ElasticTrunk;

pub(super) fn elastic(t: &ElasticTrunk) -> DoneSheet {
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

#[cfg(test)]
mod tests {
    use super::super::{TWILIO_MEDIA_RANGE, done_sheet};
    use crate::spec::Spec;

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
}
