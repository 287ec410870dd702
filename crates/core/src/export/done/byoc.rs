//! The Done sheet of a BYOC setup: the connection policy's targets Twilio sends calls to; how
//! the carrier's calls into Twilio are handled (the BYOC trunk's voice URL or the number
//! router, the from domain, number format and codecs); the router's table when there is one;
//! Twilio's ranges; and the checklist for the carrier's SBC.

use super::{DoneRow, DoneSheet, noted, router_section, row, section, text, twilio_ranges};
use crate::spec::Byoc;

pub(super) fn byoc(b: &Byoc) -> DoneSheet {
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
