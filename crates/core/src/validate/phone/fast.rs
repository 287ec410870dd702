//! The fast path for numbers already written as `+<digits>`.
//!
//! The `phonenumber` crate looks every metadata regex up in a shared, mutex-guarded LRU of
//! 100 entries, so validating numbers from many countries recompiles regexes constantly and
//! threads queue on one lock. Here each country calling code's metadata is compiled once into
//! plain `regex::Regex` values (cached per code, lock-free after the first use) and the crate's
//! region selection and type rules are applied to them unchanged. A number this path cannot
//! confirm as valid goes to the crate's full parser, which also produces the explanation.

use std::sync::{Arc, OnceLock};

use phonenumber::metadata::{DATABASE, Descriptor};
use regex::{Regex, RegexBuilder};

use super::NumberKind;

/// A number the fast path confirmed as valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FastValid {
    pub e164: String,
    pub region: String,
    pub kind: NumberKind,
}

struct Desc {
    re: Regex,
    lengths: Vec<u16>,
}

impl Desc {
    fn compile(d: &Descriptor) -> Option<Self> {
        let re = RegexBuilder::new(&format!("^(?:{})", d.national_number().as_str()))
            .ignore_whitespace(true)
            .build()
            .ok()?;
        Some(Self {
            re,
            lengths: d.possible_length().to_vec(),
        })
    }

    /// The crate's `Descriptor::is_match`: length check, then a match starting at 0.
    fn is_match(&self, national: &str) -> bool {
        (self.lengths.is_empty() || self.lengths.contains(&(national.len() as u16)))
            && self.re.is_match(national)
    }
}

struct RegionMeta {
    id: String,
    leading: Option<Regex>,
    general: Desc,
    /// Checked in this order, as the crate does.
    ordered: Vec<(NumberKind, Desc)>,
    fixed_line: Option<Desc>,
    mobile: Option<Desc>,
    fixed_same_as_mobile: bool,
}

impl RegionMeta {
    fn number_type(&self, national: &str) -> NumberKind {
        if !self.general.is_match(national) {
            return NumberKind::Unknown;
        }
        for (kind, d) in &self.ordered {
            if d.is_match(national) {
                return *kind;
            }
        }
        if self
            .fixed_line
            .as_ref()
            .is_some_and(|d| d.is_match(national))
        {
            if self.fixed_same_as_mobile
                || self.mobile.as_ref().is_some_and(|d| d.is_match(national))
            {
                return NumberKind::FixedLineOrMobile;
            }
            return NumberKind::FixedLine;
        }
        if self.mobile.as_ref().is_some_and(|d| d.is_match(national)) {
            return NumberKind::Mobile;
        }
        NumberKind::Unknown
    }
}

struct CodeMeta {
    regions: Vec<RegionMeta>,
}

impl CodeMeta {
    fn load(code: u16) -> Option<Self> {
        let metas = DATABASE.by_code(&code)?;
        let mut regions = Vec::with_capacity(metas.len());
        for m in metas {
            let d = m.descriptors();
            let opt = |x: Option<&Descriptor>| x.and_then(Desc::compile);
            let mut ordered = Vec::new();
            for (kind, desc) in [
                (NumberKind::PremiumRate, d.premium_rate()),
                (NumberKind::TollFree, d.toll_free()),
                (NumberKind::SharedCost, d.shared_cost()),
                (NumberKind::Voip, d.voip()),
                (NumberKind::PersonalNumber, d.personal_number()),
                (NumberKind::Pager, d.pager()),
                (NumberKind::Uan, d.uan()),
                (NumberKind::Voicemail, d.voicemail()),
            ] {
                if let Some(c) = opt(desc) {
                    ordered.push((kind, c));
                }
            }
            let fixed_same_as_mobile = match (d.fixed_line(), d.mobile()) {
                (Some(f), Some(mo)) => {
                    f.national_number().as_str() == mo.national_number().as_str()
                }
                _ => false,
            };
            regions.push(RegionMeta {
                id: m.id().to_string(),
                leading: m
                    .leading_digits()
                    .and_then(|r| Regex::new(&format!("^(?:{})", r.as_str())).ok()),
                general: Desc::compile(d.general())?,
                ordered,
                fixed_line: opt(d.fixed_line()),
                mobile: opt(d.mobile()),
                fixed_same_as_mobile,
            });
        }
        Some(Self { regions })
    }

    /// The crate's `source_for`: which region's rules apply to this national number.
    fn source(&self, national: &str) -> Option<&RegionMeta> {
        if self.regions.len() == 1 {
            return self.regions.first();
        }
        self.regions.iter().find(|r| match &r.leading {
            Some(re) => re.is_match(national),
            None => r.number_type(national) != NumberKind::Unknown,
        })
    }
}

const NO_CODES: usize = 1000;
static CODES: [OnceLock<Option<Arc<CodeMeta>>>; NO_CODES] = [const { OnceLock::new() }; NO_CODES];
static KNOWN: OnceLock<[bool; NO_CODES]> = OnceLock::new();

fn known_codes() -> &'static [bool; NO_CODES] {
    KNOWN.get_or_init(|| {
        let mut known = [false; NO_CODES];
        for m in DATABASE.iter() {
            if let Some(k) = known.get_mut(usize::from(m.country_code())) {
                *k = true;
            }
        }
        known
    })
}

fn code_meta(code: u16) -> Option<&'static CodeMeta> {
    CODES
        .get(usize::from(code))?
        .get_or_init(|| CodeMeta::load(code).map(Arc::new))
        .as_deref()
}

/// Splits `+<digits>` (spaces, `-`, `.`, `(`, `)` allowed) into its digits, or `None`.
pub(super) fn plus_digits(input: &str) -> Option<([u8; 17], usize)> {
    let rest = input.trim().strip_prefix('+')?;
    let mut buf = [0u8; 17];
    let mut n = 0;
    for b in rest.bytes() {
        match b {
            b'0'..=b'9' => {
                *buf.get_mut(n)? = b;
                n += 1;
            }
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => return None,
        }
    }
    Some((buf, n))
}

/// The country calling code at the start of `digits` (codes are prefix-free).
pub(super) fn split_code(digits: &str) -> Option<(u16, &str)> {
    let known = known_codes();
    (1..=3.min(digits.len())).find_map(|len| {
        let code: u16 = digits.get(..len)?.parse().ok()?;
        known[usize::from(code)].then(|| (code, &digits[len..]))
    })
}

/// Confirms `+<digits>` input as valid, or returns `None` (then the full parser decides).
pub(super) fn check(input: &str) -> Option<FastValid> {
    let (buf, n) = plus_digits(input)?;
    if !(7..=15).contains(&n) {
        return None;
    }
    let digits = std::str::from_utf8(&buf[..n]).ok()?;
    let (code, national) = split_code(digits)?;
    let meta = code_meta(code)?;
    let region = meta.source(national)?;
    let kind = region.number_type(national);
    if kind == NumberKind::Unknown {
        return None;
    }
    let mut e164 = String::with_capacity(n + 1);
    e164.push('+');
    e164.push_str(digits);
    Some(FastValid {
        e164,
        region: region.id.clone(),
        kind,
    })
}
