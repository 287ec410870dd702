//! Why a number is not valid, in words a non-developer understands: too short, too long or the
//! wrong length for its region (with the lengths that region uses), a prefix no number of the
//! region starts with, or a parse failure (unknown country code, too short, too long, no
//! number at all).

use phonenumber::ParseError;
use phonenumber::metadata::DATABASE;

use super::{Region, fast};

/// Why a number with a known country code is not valid.
pub(super) fn explain_invalid(
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

pub(super) fn explain_parse_error(input: &str, e: &ParseError, region: Option<Region>) -> String {
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
