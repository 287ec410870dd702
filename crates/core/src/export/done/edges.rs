//! Twilio's edge locations and address ranges for the Done sheet, from
//! `shared/docs/interop-facts.md` §4: the edge names are the validators'
//! [`crate::validate::sip_uri::EDGES`] list (one list in the crate); the signalling /30s per
//! edge are a third-party consensus citing twilio.com/docs/sip-trunking/ip-addresses, so the
//! sheet says to confirm them there; media is `168.86.128.0/18`, UDP 10000–60000, for every
//! edge. [`twilio_ranges`] is the sheet's section listing them.

use super::{DoneRow, DoneSection, noted, row, section};

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

/// The ranges to allow on the SBC and the firewall, in both directions.
pub(super) fn twilio_ranges() -> DoneSection {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::sip_uri::EDGES;

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
}
