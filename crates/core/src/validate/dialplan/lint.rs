//! Plain-language lints for a dial plan: emergency numbers, rules that can never be used,
//! international and premium-rate ranges, and matches that make the phone wait.

use phonenumber::metadata::DATABASE;
use serde::Serialize;

use super::analysis::{self, STATE_LIMIT};
use super::ast::{DialPlan, Symbols, Syntax};
use super::compile::{Matcher, Outcome};
use super::country::{Meaning, emergency_numbers, interpret};
use super::witness;
use crate::validate::phone::Region;
use crate::validate::{Issue, Severity};

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    /// Stable identifier, e.g. `emergency-missing`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// 1-based rule number the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<usize>,
}

impl Lint {
    fn new(code: &'static str, severity: Severity, rule: Option<usize>, message: String) -> Self {
        Self {
            code,
            severity,
            message,
            rule: rule.map(|r| r + 1),
        }
    }

    /// The lint as a field-level issue under `path` (e.g. `dial_plan`).
    pub fn to_issue(&self, path: &str) -> Issue {
        let path = match self.rule {
            Some(r) => format!("{path}.rules[{}]", r - 1),
            None => path.to_string(),
        };
        Issue {
            path,
            message: self.message.clone(),
            severity: self.severity,
            hint: None,
        }
    }
}

fn describe(plan: &DialPlan, rule: usize) -> String {
    format!("rule {} (`{}`)", rule + 1, plan.rule_text(rule))
}

fn capital(s: String) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Lints `plan` for phones in `region`.
pub fn lint(plan: &DialPlan, region: Region) -> Vec<Lint> {
    let m = Matcher::new(plan);
    let mut out = Vec::new();
    let emergency = emergency_numbers(region);
    let mut delayed = Vec::new();
    for e in emergency {
        let sim = m.simulate(e);
        match (sim.outcome, sim.rule) {
            (Outcome::Barred, Some(r)) => out.push(Lint::new(
                "emergency-barred",
                Severity::Error,
                Some(r),
                format!("The emergency number {e} is barred by {}: nobody could call for help from these phones.", describe(plan, r)),
            )),
            (Outcome::Match, Some(r)) if sim.waits_for_timer => {
                delayed.push(e.to_string());
                let fix = if plan.syntax == Syntax::Cisco { format!(" Add `S0` to the end of rule {} to dial it at once.", r + 1) } else { String::new() };
                out.push(Lint::new(
                    "emergency-delayed",
                    Severity::Warning,
                    Some(r),
                    format!(
                        "After {e} the phone waits for the inter-digit timer before calling, because {} could still match a longer number.{fix}",
                        m.growing_after(e, r).map_or_else(|| "another rule".to_string(), |j| describe(plan, j))
                    ),
                ));
            }
            (Outcome::Match, _) => {}
            _ => out.push(Lint::new(
                "emergency-missing",
                Severity::Error,
                None,
                format!("No rule matches the emergency number {e} for {}: add `{e}` as a rule so emergency calls go through.", region.code()),
            )),
        }
    }

    let f = analysis::explore(&m);
    if !f.complete {
        out.push(Lint::new(
            "analysis-incomplete",
            Severity::Info,
            None,
            format!("The plan has more than {STATE_LIMIT} combinations of partly dialled numbers; unused rules and timer waits were not fully checked."),
        ));
    }
    for i in 0..plan.rules.len() {
        if f.decides[i] || !f.complete {
            continue;
        }
        let msg = if f.covered_by[i].is_empty() {
            format!(
                "{} only matches an empty number, so it never places a call.",
                capital(describe(plan, i))
            )
        } else {
            let by: Vec<String> = f.covered_by[i].iter().map(|&j| describe(plan, j)).collect();
            format!(
                "{} can never be used: every number it matches is decided by {} first.",
                capital(describe(plan, i)),
                by.join(" or ")
            )
        };
        out.push(Lint::new("rule-shadowed", Severity::Warning, Some(i), msg));
    }
    for (i, w) in f.waits.iter().enumerate() {
        let Some((example, other)) = w else { continue };
        if delayed.contains(example) {
            continue;
        }
        let fix = if plan.syntax == Syntax::Cisco {
            format!(" Add `S0` to rule {} to dial at once.", i + 1)
        } else {
            String::new()
        };
        out.push(Lint::new(
            "timer-wait",
            Severity::Info,
            Some(i),
            format!(
                "After {example}, which {} matches, the phone waits for the inter-digit timer, because {} could still match a longer number.{fix}",
                describe(plan, i),
                describe(plan, *other)
            ),
        ));
    }
    international(plan, &m, region, &mut out);
    premium(plan, &m, region, &mut out);
    out
}

fn digits(s: &str) -> Vec<Symbols> {
    s.chars().map(Symbols::single).collect()
}

fn international(plan: &DialPlan, m: &Matcher, region: Region, out: &mut Vec<Lint>) {
    let own = region.calling_code();
    let prefix = if own == 1 {
        "011".to_string()
    } else {
        DATABASE
            .by_id(region.code().as_str())
            .and_then(|md| {
                md.preferred_international_prefix()
                    .map(str::to_string)
                    .or_else(|| md.international_prefix().map(|r| r.as_str().to_string()))
            })
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty())
            .unwrap_or_else(|| "00".into())
    };
    let first = if own == 1 {
        Symbols(0x3fc)
    } else {
        Symbols(0x3fe)
    };
    let mut patterns = Vec::new();
    for lead in [digits(&prefix), vec![Symbols::single('+')]] {
        let mut p = lead;
        p.push(first);
        p.extend(std::iter::repeat_n(Symbols::DIGITS, 7));
        patterns.push(p);
    }
    let mut flagged = Vec::new();
    for rule in plan.rules.iter().filter(|r| !r.barred) {
        for p in &patterns {
            let Some(example) = witness::find(rule, p, false) else {
                continue;
            };
            let sim = m.simulate(&example);
            let (Outcome::Match, Some(r), Some(sent)) = (sim.outcome, sim.rule, sim.sent) else {
                continue;
            };
            let Meaning::E164 { number } = interpret(&sent, region) else {
                continue;
            };
            if number.starts_with(&format!("+{own}")) || flagged.contains(&r) {
                continue;
            }
            flagged.push(r);
            out.push(Lint::new(
                "international-allowed",
                Severity::Warning,
                Some(r),
                format!("{} allows international calls: for example {example} reaches {number}. Bar or remove it unless these phones need to call abroad.", capital(describe(plan, r))),
            ));
        }
    }
}

fn premium(plan: &DialPlan, m: &Matcher, region: Region, out: &mut Vec<Lint>) {
    let Some(md) = DATABASE.by_id(region.code().as_str()) else {
        return;
    };
    let Some(example) = md.descriptors().premium_rate().and_then(|d| d.example()) else {
        return;
    };
    let mut forms = vec![example.to_string()];
    match md.national_prefix() {
        Some(tp) if !tp.is_empty() => forms.insert(0, format!("{tp}{example}")),
        _ => {}
    }
    let mut flagged = Vec::new();
    for rule in plan.rules.iter().filter(|r| !r.barred) {
        for form in &forms {
            let Some(dialled) = witness::find(rule, &digits(form), true) else {
                continue;
            };
            let sim = m.simulate(&dialled);
            let (Outcome::Match, Some(r), Some(sent)) = (sim.outcome, sim.rule, sim.sent) else {
                continue;
            };
            let Meaning::E164 { number } = interpret(&sent, region) else {
                continue;
            };
            if flagged.contains(&r) {
                continue;
            }
            flagged.push(r);
            out.push(Lint::new(
                "premium-allowed",
                Severity::Warning,
                Some(r),
                format!("{} allows premium-rate numbers: for example {dialled} reaches {number}. Add a barring rule for premium ranges if these phones should not call them.", capital(describe(plan, r))),
            ));
        }
    }
}
