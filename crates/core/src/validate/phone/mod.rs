//! Phone numbers: parse, normalise to E.164, report region, type and validity, and explain
//! failures in words a non-developer understands ("too short for GB").
//!
//! Numbers already in `+<digits>` form go through `fast`; everything else (national input with
//! a default region, odd punctuation) and every number the fast path cannot confirm goes through
//! the `phonenumber` crate, which is the reference for what "valid" means.

mod fast;
mod list;

use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, ParseError, Type};
use serde::Serialize;

use super::Issue;

pub use list::{check_numbers, split_number_list};

/// What kind of line a number is, as libphonenumber's metadata classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    PersonalNumber,
    Voip,
    Pager,
    Uan,
    Voicemail,
    Unknown,
}

impl NumberKind {
    fn from_type(t: Type) -> Self {
        match t {
            Type::FixedLine => Self::FixedLine,
            Type::Mobile => Self::Mobile,
            Type::FixedLineOrMobile => Self::FixedLineOrMobile,
            Type::TollFree => Self::TollFree,
            Type::PremiumRate => Self::PremiumRate,
            Type::SharedCost => Self::SharedCost,
            Type::PersonalNumber => Self::PersonalNumber,
            Type::Voip => Self::Voip,
            Type::Pager => Self::Pager,
            Type::Uan => Self::Uan,
            Type::Voicemail => Self::Voicemail,
            _ => Self::Unknown,
        }
    }

    /// Words for people: "toll free", "fixed line or mobile".
    pub fn describe(self) -> &'static str {
        match self {
            Self::FixedLine => "fixed line",
            Self::Mobile => "mobile",
            Self::FixedLineOrMobile => "fixed line or mobile",
            Self::TollFree => "toll free",
            Self::PremiumRate => "premium rate",
            Self::SharedCost => "shared cost",
            Self::PersonalNumber => "personal number",
            Self::Voip => "VoIP",
            Self::Pager => "pager",
            Self::Uan => "universal access number",
            Self::Voicemail => "voicemail access",
            Self::Unknown => "unknown type",
        }
    }
}

/// The result for one number; the CLI's `--json` prints exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberCheck {
    pub input: String,
    pub valid: bool,
    /// The number in E.164 form when it could be parsed at all (also for invalid numbers).
    pub e164: Option<String>,
    /// ISO 3166 region, e.g. `GB` (absent for non-geographic codes such as +800).
    pub region: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<NumberKind>,
    /// Why the number is not valid, in plain language that fits every surface (it never names
    /// a CLI flag or a screen).
    pub error: Option<String>,
    /// Set when the input had no country code and no default region was given: the common
    /// regions in which it would be a valid number, most likely first (empty when none fits).
    /// Each surface words its own advice from it (the CLI's `--region`, the app's "add the
    /// country code").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_country_code: Option<Vec<Reading>>,
}

/// A national number read in one region: what it would be with that region's country code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// ISO 3166 region, e.g. `GB`.
    pub region: String,
    /// The number in E.164 form, e.g. `+442079460958`.
    pub e164: String,
    /// The number formatted for people, e.g. `+44 20 7946 0958`.
    pub international: String,
}

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

/// A default region for national input, checked against the metadata (`GB`, `us`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(Id);

impl Region {
    /// Parses a two-letter region code.
    pub fn parse(code: &str) -> Result<Self, String> {
        let upper = code.trim().to_ascii_uppercase();
        match Id::from_str(&upper) {
            Ok(id) if DATABASE.by_id(id.as_ref()).is_some() => Ok(Self(id)),
            _ => Err(format!(
                "`{code}` is not a region code: use a two-letter country code such as US, GB or FR"
            )),
        }
    }

    /// The upper-case code.
    pub fn code(self) -> String {
        self.0.as_ref().to_string()
    }

    /// The country calling code, e.g. 44 for GB.
    pub fn calling_code(self) -> u16 {
        DATABASE
            .by_id(self.0.as_ref())
            .map_or(0, |m| m.country_code())
    }

    pub(crate) fn id(self) -> Id {
        self.0
    }
}

/// Checks one number. `region` is used only when the input has no `+<country code>`.
pub fn check_number(input: &str, region: Option<Region>) -> NumberCheck {
    match fast::check(input) {
        Some(fast::Fast::Valid(ok)) => NumberCheck {
            input: input.to_string(),
            valid: true,
            e164: Some(ok.e164),
            region: (ok.region != "001").then_some(ok.region),
            kind: Some(ok.kind),
            error: None,
            no_country_code: None,
        },
        Some(fast::Fast::Invalid {
            e164,
            code,
            national_len,
            region,
            lengths,
        }) => {
            let error = explain_invalid(
                input.trim(),
                &e164,
                code,
                national_len,
                region.as_deref(),
                &lengths,
            );
            NumberCheck {
                input: input.to_string(),
                valid: false,
                e164: Some(e164),
                region,
                kind: None,
                error: Some(error),
                no_country_code: None,
            }
        }
        None => slow_check(input, region),
    }
}

/// Why a number with a known country code is not valid.
fn explain_invalid(
    input: &str,
    e164: &str,
    code: u16,
    national_len: usize,
    region: Option<&str>,
    lengths: &[u16],
) -> String {
    let name = match region {
        Some(r) => r.to_string(),
        None => match DATABASE.by_code(&code).and_then(|v| v.into_iter().next()) {
            Some(m) if m.id() != "001" => m.id().to_string(),
            _ => format!("+{code}"),
        },
    };
    length_problem(input, &name, code, national_len, lengths).unwrap_or_else(|| {
        format!("`{input}` is not a valid number in {name}: no {name} numbers start like {e164}")
    })
}

fn slow_check(input: &str, region: Option<Region>) -> NumberCheck {
    let fail = |e164: Option<String>, region: Option<String>, error: String| NumberCheck {
        input: input.to_string(),
        valid: false,
        e164,
        region,
        kind: None,
        error: Some(error),
        no_country_code: None,
    };
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return fail(None, None, "the number is empty".into());
    }
    if !trimmed.bytes().any(|b| b.is_ascii_digit()) {
        return fail(
            None,
            None,
            format!("`{trimmed}` is not a phone number: it has no digits"),
        );
    }
    let has_plus = trimmed.starts_with('+');
    if !has_plus && region.is_none() && !trimmed.starts_with("00") {
        let readings = readings(trimmed);
        return NumberCheck {
            error: Some(format!(
                "`{trimmed}` has no country code: {}",
                add_country_code_advice(&readings)
            )),
            no_country_code: Some(readings),
            ..fail(None, None, String::new())
        };
    }
    let parsed = match phonenumber::parse(region.map(Region::id), trimmed) {
        Ok(n) => n,
        Err(e) => {
            return fail(
                None,
                region.map(Region::code),
                explain_parse_error(trimmed, &e, region),
            );
        }
    };
    let e164 = parsed.format().mode(Mode::E164).to_string();
    let code = parsed.code().value();
    let meta = parsed.metadata(&DATABASE);
    let region_id = meta.map(|m| m.id().to_string()).filter(|id| id != "001");
    if phonenumber::is_valid(&parsed) {
        let kind = meta.map_or(NumberKind::Unknown, |_| {
            NumberKind::from_type(parsed.number_type(&DATABASE))
        });
        return NumberCheck {
            input: input.to_string(),
            valid: true,
            e164: Some(e164),
            region: region_id,
            kind: Some(kind),
            error: None,
            no_country_code: None,
        };
    }
    let national_len = e164.len().saturating_sub(1 + code.to_string().len());
    let Some(main) = DATABASE.by_code(&code).and_then(|v| v.into_iter().next()) else {
        return fail(
            Some(e164),
            None,
            format!("`{trimmed}`: +{code} is not a country calling code"),
        );
    };
    let error = explain_invalid(
        trimmed,
        &e164,
        code,
        national_len,
        region_id.as_deref(),
        &possible_lengths(main),
    );
    fail(Some(e164), region_id, error)
}

/// Lengths of national numbers in a region: the general ones, or the union over all types.
pub(super) fn possible_lengths(m: &phonenumber::Metadata) -> Vec<u16> {
    let d = m.descriptors();
    let mut all: Vec<u16> = d.general().possible_length().to_vec();
    if all.is_empty() {
        for t in [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.personal_number(),
            d.voip(),
            d.uan(),
            d.pager(),
            d.voicemail(),
        ]
        .into_iter()
        .flatten()
        {
            all.extend_from_slice(t.possible_length());
        }
    }
    all.sort_unstable();
    all.dedup();
    all
}

fn describe_lengths(lengths: &[u16]) -> String {
    match lengths {
        [] => "no known lengths".into(),
        [one] => one.to_string(),
        [first @ .., last] if lengths.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{} to {last}", first[0])
        }
        [first @ .., last] => format!(
            "{} or {last}",
            first
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn length_problem(
    input: &str,
    name: &str,
    code: u16,
    len: usize,
    lengths: &[u16],
) -> Option<String> {
    let (min, max) = (
        usize::from(*lengths.first()?),
        usize::from(*lengths.last()?),
    );
    let rule = format!(
        "{name} numbers have {} digits after +{code}",
        describe_lengths(lengths)
    );
    if len < min {
        Some(format!(
            "`{input}` is too short for {name}: it has {len} digits after +{code}, {rule}"
        ))
    } else if len > max {
        Some(format!(
            "`{input}` is too long for {name}: it has {len} digits after +{code}, {rule}"
        ))
    } else if !lengths.iter().any(|l| usize::from(*l) == len) {
        Some(format!(
            "`{input}` has the wrong length for {name}: it has {len} digits after +{code}, {rule}"
        ))
    } else {
        None
    }
}

fn explain_parse_error(input: &str, e: &ParseError, region: Option<Region>) -> String {
    let hint = if input.starts_with('+') {
        String::new()
    } else {
        region
            .map(|r| format!(" (read as a {} number)", r.code()))
            .unwrap_or_default()
    };
    match e {
        ParseError::InvalidCountryCode => match fast::plus_digits(input) {
            Some((buf, n)) if n > 0 => {
                let d = String::from_utf8_lossy(&buf[..n.min(3)]).into_owned();
                format!(
                    "`{input}` does not start with a known country code (+{d}…): check the digits after +"
                )
            }
            _ => format!("`{input}` does not start with a known country code"),
        },
        ParseError::TooShortNsn | ParseError::TooShortAfterIdd => {
            format!("`{input}` is too short to be a phone number{hint}")
        }
        ParseError::TooLong => format!(
            "`{input}` is too long: phone numbers have at most 15 digits including the country code"
        ),
        ParseError::NoNumber => format!("`{input}` is not a phone number{hint}"),
        _ => format!("`{input}` is not a valid phone number{hint}"),
    }
}

/// Issues for one number field (used by the plan builder and the GUI).
pub fn number_issues(path: &str, input: &str, region: Option<Region>) -> Vec<Issue> {
    let c = check_number(input, region);
    match c.error {
        Some(e) => vec![
            Issue::error(path, e)
                .with_hint("Twilio expects numbers in E.164 form, e.g. +14155552671"),
        ],
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
