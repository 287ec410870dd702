//! What the keys a plan sends mean in a given country: an emergency or service code, or an
//! E.164 number reached through the international prefix (`011` in NANP, `00` in most of the
//! world) or the trunk prefix (`1` in NANP, `0` in most of Europe).

use phonenumber::metadata::DATABASE;
use serde::Serialize;

use crate::validate::phone::Region;

/// The meaning of a sent string in a country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meaning {
    /// An emergency number (911, 112, 999, …); never rewritten to E.164.
    Emergency { number: String },
    /// A service code (N11 codes, 933 address test, …).
    Service { number: String, name: &'static str },
    /// A number in E.164 form.
    E164 { number: String },
    /// Not enough to tell (for example a 7-digit local number without an area code).
    Unknown,
}

impl Meaning {
    /// The E.164 number, when the meaning is one.
    pub fn e164(&self) -> Option<&str> {
        match self {
            Meaning::E164 { number } => Some(number),
            _ => None,
        }
    }
}

fn is_nanp(region: Region) -> bool {
    region.calling_code() == 1
}

/// Emergency numbers of a region; 112 works on GSM networks and across the EU.
pub fn emergency_numbers(region: Region) -> &'static [&'static str] {
    match region.code().as_str() {
        _ if is_nanp(region) => &["911"],
        "GB" | "IE" => &["999", "112"],
        "AU" => &["000", "112"],
        "NZ" => &["111"],
        "JP" => &["110", "119"],
        "IN" => &["112"],
        "FR" => &["112", "15", "17", "18"],
        "DE" | "AT" => &["112", "110"],
        "CH" => &["112", "117", "118", "144"],
        "BR" => &["190", "192", "193"],
        "MX" => &["911"],
        _ => &["112"],
    }
}

fn service_name(region: Region, sent: &str) -> Option<&'static str> {
    if is_nanp(region) {
        return match sent {
            "933" => Some("emergency address test"),
            "211" => Some("community information and referral"),
            "311" => Some("municipal services"),
            "411" => Some("directory assistance"),
            "511" => Some("traffic information"),
            "611" => Some("carrier repair service"),
            "711" => Some("telecommunications relay service"),
            "811" => Some("call before you dig"),
            _ => None,
        };
    }
    match (region.code().as_str(), sent) {
        ("GB", "101") => Some("police non-emergency"),
        ("GB", "111") => Some("NHS non-emergency"),
        ("GB", "100") => Some("operator"),
        _ => None,
    }
}

/// Interprets `sent` (the keys after substitutions) as dialled in `region`.
pub fn interpret(sent: &str, region: Region) -> Meaning {
    if emergency_numbers(region).contains(&sent) {
        return Meaning::Emergency {
            number: sent.to_string(),
        };
    }
    if let Some(name) = service_name(region, sent) {
        return Meaning::Service {
            number: sent.to_string(),
            name,
        };
    }
    if !sent.bytes().all(|b| b.is_ascii_digit() || b == b'+') || sent.is_empty() {
        return Meaning::Unknown;
    }
    if let Some(rest) = sent.strip_prefix('+') {
        return e164(rest);
    }
    let code = region.calling_code();
    let Some(meta) = DATABASE.by_id(region.code().as_str()) else {
        return Meaning::Unknown;
    };
    if is_nanp(region) {
        return if let Some(rest) = sent.strip_prefix("011") {
            e164(rest)
        } else if sent.len() == 11 && sent.starts_with('1') {
            e164(sent)
        } else if sent.len() == 10 && !sent.starts_with(['0', '1']) {
            e164(&format!("1{sent}"))
        } else {
            Meaning::Unknown
        };
    }
    if let Some(m) = meta
        .international_prefix()
        .and_then(|re| re.find(sent))
        .filter(|m| m.start() == 0 && m.end() > 0)
    {
        return e164(&sent[m.end()..]);
    }
    let national = match meta.national_prefix() {
        Some(prefix) if !prefix.is_empty() => match sent.strip_prefix(prefix) {
            Some(rest) => rest,
            // Without the trunk prefix this is a local number (or a short code).
            None => return Meaning::Unknown,
        },
        _ => sent,
    };
    e164(&format!("{code}{national}"))
}

fn e164(digits: &str) -> Meaning {
    if (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
    {
        Meaning::E164 {
            number: format!("+{digits}"),
        }
    } else {
        Meaning::Unknown
    }
}
