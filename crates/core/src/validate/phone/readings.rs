//! Readings of a national number given without a country code: the common regions in which it
//! would be valid (most likely first, one per distinct E.164 result), and the plain advice
//! built from them ("add it, e.g. +44 20 7946 0958 (GB)").

use std::str::FromStr;

use phonenumber::Mode;
use phonenumber::country::Id;

use super::Reading;

/// Regions tried, in this order, when a national number comes without a country code and
/// without a default region: where Twilio's customers most often have numbers.
const LIKELY_REGIONS: [&str; 16] = [
    "US", "GB", "CA", "AU", "IE", "DE", "FR", "NL", "ES", "IT", "SE", "BR", "MX", "IN", "SG", "NZ",
];

/// How many readings are offered at the most.
const MAX_READINGS: usize = 3;

/// The regions among `LIKELY_REGIONS` in which `national` is a valid number (one per distinct
/// E.164 result: US and CA share +1).
pub fn readings(national: &str) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    for code in LIKELY_REGIONS {
        let Ok(id) = Id::from_str(code) else { continue };
        let Ok(n) = phonenumber::parse(Some(id), national) else {
            continue;
        };
        if !phonenumber::is_valid(&n) {
            continue;
        }
        let e164 = n.format().mode(Mode::E164).to_string();
        if out.iter().any(|r| r.e164 == e164) {
            continue;
        }
        out.push(Reading {
            region: code.to_string(),
            international: n.format().mode(Mode::International).to_string(),
            e164,
        });
        if out.len() == MAX_READINGS {
            break;
        }
    }
    out
}

/// Plain advice for a number without a country code, with no CLI or screen words in it:
/// "add it, e.g. +44 20 7946 0958 (GB)".
pub fn add_country_code_advice(readings: &[Reading]) -> String {
    let examples: Vec<String> = readings
        .iter()
        .map(|r| format!("{} ({})", r.international, r.region))
        .collect();
    match examples.as_slice() {
        [] => "write it as +<country code><number>, e.g. +14155552671".into(),
        [one] => format!("add it, e.g. {one}"),
        [first @ .., last] => format!("add it, e.g. {} or {last}", first.join(", ")),
    }
}
