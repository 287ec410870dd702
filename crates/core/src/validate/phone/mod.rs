//! Phone numbers: parse, normalise to E.164, report region, type and validity, and explain
//! failures in words a non-developer understands ("too short for GB").
//!
//! Numbers already in `+<digits>` form go through `fast`; everything else (national input with
//! a default region, odd punctuation) and every number the fast path cannot confirm goes through
//! the `phonenumber` crate, which is the reference for what "valid" means.
//!
//! This file holds the result types, the default region and the entry points; the full
//! parser's path is in `slow`, the explanations of invalid numbers in `explain`, and the
//! readings of a number without a country code in `readings`.

mod explain;
mod fast;
mod list;
mod readings;
mod slow;

use std::str::FromStr;

use phonenumber::Type;
use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use serde::Serialize;

use super::Issue;
use explain::{explain_invalid, possible_lengths};
use slow::slow_check;

pub use list::{check_numbers, split_number_list};
pub use readings::{add_country_code_advice, readings};

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
