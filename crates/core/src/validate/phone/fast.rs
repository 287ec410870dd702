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
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::NumberKind;

/// A number the fast path confirmed as valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FastValid {
    pub e164: String,
    pub region: String,
    pub kind: NumberKind,
}

/// A descriptor: its pattern's index in the region's `RegexSet`, and its possible lengths.
struct Desc {
    idx: usize,
    lengths: Vec<u16>,
}

/// Collects a region's patterns so one `RegexSet` pass tests all of them at once.
#[derive(Default)]
struct Patterns(Vec<String>);

impl Patterns {
    fn add(&mut self, d: &Descriptor) -> Desc {
        self.0
            .push(format!("^(?:{})", d.national_number().as_str()));
        Desc {
            idx: self.0.len() - 1,
            lengths: d.possible_length().to_vec(),
        }
    }
}

struct RegionMeta {
    id: String,
    /// How a trunk prefix is recognised and rewritten: libphonenumber's
    /// `nationalPrefixForParsing` (or the plain prefix) and its transform rule.
    prefix_parsing: Option<(Regex, Option<String>)>,
    leading: Option<Regex>,
    set: RegexSet,
    general: Desc,
    /// Checked in this order, as the crate does.
    ordered: Vec<(NumberKind, Desc)>,
    fixed_line: Option<Desc>,
    mobile: Option<Desc>,
    fixed_same_as_mobile: bool,
}

impl RegionMeta {
    /// The crate's `number_type`, with every pattern tested in one pass.
    fn number_type(&self, national: &str) -> NumberKind {
        let len_ok =
            |d: &Desc| d.lengths.is_empty() || d.lengths.contains(&(national.len() as u16));
        if !len_ok(&self.general) {
            return NumberKind::Unknown;
        }
        let hits = self.set.matches(national);
        let is = |d: &Desc| len_ok(d) && hits.matched(d.idx);
        if !is(&self.general) {
            return NumberKind::Unknown;
        }
        if let Some((kind, _)) = self.ordered.iter().find(|(_, d)| is(d)) {
            return *kind;
        }
        if self.fixed_line.as_ref().is_some_and(is) {
            if self.fixed_same_as_mobile || self.mobile.as_ref().is_some_and(is) {
                return NumberKind::FixedLineOrMobile;
            }
            return NumberKind::FixedLine;
        }
        if self.mobile.as_ref().is_some_and(is) {
            return NumberKind::Mobile;
        }
        NumberKind::Unknown
    }
}

fn prefix_parsing(m: &phonenumber::Metadata) -> Option<(Regex, Option<String>)> {
    let pattern = match (m.national_prefix_for_parsing(), m.national_prefix()) {
        (Some(re), _) => re.as_str().to_string(),
        (None, Some(p)) if !p.is_empty() => regex::escape(p),
        _ => return None,
    };
    let re = RegexBuilder::new(&format!("^(?:{pattern})"))
        .ignore_whitespace(true)
        .build()
        .ok()?;
    Some((re, m.national_prefix_transform_rule().map(str::to_string)))
}

impl RegionMeta {
    /// The national number with its trunk prefix removed or rewritten, if it has one.
    fn strip_prefix(&self, national: &str) -> Option<String> {
        let (re, transform) = self.prefix_parsing.as_ref()?;
        let caps = re.captures(national)?;
        let whole = caps.get(0)?;
        let rest = &national[whole.end()..];
        let group = caps.get(1).filter(|g| !g.as_str().is_empty());
        match (transform, group) {
            (Some(rule), Some(g)) => Some(rule.replace("$1", g.as_str()) + rest),
            (_, Some(g)) => Some(national[g.start()..].to_string()),
            (_, None) if whole.end() > 0 => Some(rest.to_string()),
            _ => None,
        }
    }
}

struct CodeMeta {
    regions: Vec<RegionMeta>,
    /// National-number lengths of the main region, for explanations.
    lengths: Vec<u16>,
}

impl CodeMeta {
    fn load(code: u16) -> Option<Self> {
        let metas = DATABASE.by_code(&code)?;
        let mut regions = Vec::with_capacity(metas.len());
        for m in metas {
            let d = m.descriptors();
            let mut pats = Patterns::default();
            let general = pats.add(d.general());
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
                if let Some(desc) = desc {
                    ordered.push((kind, pats.add(desc)));
                }
            }
            let fixed_line = d.fixed_line().map(|x| pats.add(x));
            let mobile = d.mobile().map(|x| pats.add(x));
            let fixed_same_as_mobile = match (d.fixed_line(), d.mobile()) {
                (Some(f), Some(mo)) => {
                    f.national_number().as_str() == mo.national_number().as_str()
                }
                _ => false,
            };
            let set = RegexSetBuilder::new(&pats.0)
                .ignore_whitespace(true)
                .build()
                .ok()?;
            regions.push(RegionMeta {
                id: m.id().to_string(),
                prefix_parsing: prefix_parsing(m),
                leading: m
                    .leading_digits()
                    .and_then(|r| Regex::new(&format!("^(?:{})", r.as_str())).ok()),
                set,
                general,
                ordered,
                fixed_line,
                mobile,
                fixed_same_as_mobile,
            });
        }
        let lengths = DATABASE
            .by_code(&code)?
            .first()
            .map(|m| super::possible_lengths(m))
            .unwrap_or_default();
        Some(Self { regions, lengths })
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

/// What the fast path concluded about `+<digits>` input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fast {
    Valid(FastValid),
    /// Not valid; enough is known to explain why without the full parser.
    Invalid {
        e164: String,
        code: u16,
        national_len: usize,
        region: Option<String>,
        lengths: Vec<u16>,
    },
}

/// Checks `+<digits>` input, or returns `None` (then the full parser decides).
pub(super) fn check(input: &str) -> Option<Fast> {
    let (buf, n) = plus_digits(input)?;
    if !(2..=15).contains(&n) {
        return None;
    }
    let digits = std::str::from_utf8(&buf[..n]).ok()?;
    let (code, national) = split_code(digits)?;
    let meta = code_meta(code)?;
    if let Some(ok) = valid(code, meta, national) {
        return Some(Fast::Valid(ok));
    }
    // Like libphonenumber, accept a trunk prefix written after the country code
    // (+44 020 7946 0958) when what remains is a valid number.
    // libphonenumber applies the rules of the code's main region only (US for +1).
    if let Some(rest) = meta.regions.first().and_then(|r| r.strip_prefix(national))
        && let Some(ok) = valid(code, meta, &rest)
    {
        return Some(Fast::Valid(ok));
    }
    let region = match meta.regions.as_slice() {
        [only] => Some(only.id.clone()),
        _ => meta.source(national).map(|r| r.id.clone()),
    }
    .filter(|id| id != "001");
    Some(Fast::Invalid {
        e164: format!("+{digits}"),
        code,
        national_len: national.len(),
        region,
        lengths: meta.lengths.clone(),
    })
}

fn valid(code: u16, meta: &CodeMeta, national: &str) -> Option<FastValid> {
    let region = meta.source(national)?;
    let kind = region.number_type(national);
    if kind == NumberKind::Unknown {
        return None;
    }
    Some(FastValid {
        e164: format!("+{code}{national}"),
        region: region.id.clone(),
        kind,
    })
}
