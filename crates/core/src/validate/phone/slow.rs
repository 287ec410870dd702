//! The full check through the `phonenumber` crate, for input the fast path does not take or
//! cannot confirm (national input with a default region, odd punctuation, `00` prefixes): an
//! empty input, one without digits or without a country code is refused first (the last with
//! the regions it could be read in), then the parsed number is classified or explained.

use phonenumber::Mode;
use phonenumber::metadata::DATABASE;

use super::explain::{explain_invalid, explain_parse_error, possible_lengths};
use super::{NumberCheck, NumberKind, Region, add_country_code_advice, readings};

pub(super) fn slow_check(input: &str, region: Option<Region>) -> NumberCheck {
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
