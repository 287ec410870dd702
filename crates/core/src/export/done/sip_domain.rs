//! The Done sheet of a SIP domain: the SIP server to enter on each phone (global and per
//! edge) with the transport and registration; the phones' usernames and allowed source
//! addresses; where calls go (the voice URL or the number router's table); Twilio's ranges;
//! and the checklist for the phones and the office firewall.

use super::{
    DoneSheet, TWILIO_EDGES, credential_rows, domain_label, noted, router_section, row, section,
    text, transport, twilio_ranges,
};
use crate::spec::SipDomain;

pub(super) fn sip_domain(d: &SipDomain) -> DoneSheet {
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
