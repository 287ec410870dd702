//! The SIP phones' dial plan, checked as the user types it: parse errors with their column,
//! the plain-language lints, and what the phone does with a few dialled numbers ("dial
//! 4155550100 → rule 5 → sends +14155550100"). A one-line adapter over
//! `switchboard_core::validate::dialplan`, the same code as `switchboard dialplan check|dial`.

use serde::{Deserialize, Serialize};
use switchboard_core::validate::Severity;
use switchboard_core::validate::dialplan::{
    DialPlan, Matcher, Meaning, Outcome, Syntax, interpret, lint,
};
use switchboard_core::validate::phone::Region;
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// Most numbers simulated in one request (the UI sends a handful).
pub const MAX_DIALS: usize = 20;

/// The vendor notation of a dial plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DialPlanSyntax {
    /// Cisco/Linksys SPA, Polycom and most phones: `(911|1[2-9]xxxxxxxxx|<9:>xx.)`.
    Cisco,
    /// Grandstream: `{ x+ | \+x+ | <=1>[2-9]xxxxxxxxx }`.
    Grandstream,
}

/// A dial plan to check, and numbers to try on it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DialPlanRequest {
    pub plan: String,
    /// The notation; absent = Grandstream when the plan starts with `{`, else Cisco.
    #[serde(default)]
    #[ts(optional)]
    pub syntax: Option<DialPlanSyntax>,
    /// ISO country of the phones (emergency numbers and E.164 conversion), e.g. `US`.
    pub country: String,
    /// Keys to simulate, e.g. `4155550100`.
    #[serde(default)]
    pub dial: Vec<String>,
}

/// Where a plan stops parsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DialPlanError {
    /// 1-based column of the first character that does not fit.
    pub column: u32,
    pub message: String,
}

/// One finding about a plan that parses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DialPlanLint {
    /// Stable identifier, e.g. `emergency-missing`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// 1-based rule the finding is about.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<u32>,
}

/// What the phone does with the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DialOutcome {
    /// A rule matches: the call is placed.
    Match,
    /// More keys are needed before a rule matches.
    Partial,
    /// No rule matches: reorder tone.
    None,
    /// A barring rule matches: the call is refused.
    Barred,
    /// The keys contain something a phone cannot dial.
    Invalid,
}

/// The simulation of one dialled string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DialResult {
    pub digits: String,
    pub outcome: DialOutcome,
    /// 1-based deciding rule (match or barred).
    pub rule: Option<u32>,
    /// That rule's text.
    pub rule_text: Option<String>,
    /// The keys sent after the plan's substitutions.
    pub sent: Option<String>,
    /// The number reached, when the keys sent make a complete number in the country.
    pub e164: Option<String>,
    /// The phone waits for the inter-digit timer before calling (a longer number could match).
    pub waits_for_timer: bool,
    /// One line for people: "rule 5 (`1[2-9]xxxxxxxxx`) sends 14155550100 → +14155550100".
    pub summary: String,
}

/// Everything the dial-plan step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DialPlanReport {
    pub syntax: DialPlanSyntax,
    /// `None` when the plan parses.
    pub error: Option<DialPlanError>,
    /// The plan printed back in its notation (`None` when it does not parse).
    pub normalized: Option<String>,
    /// Each rule's text, in order (rule 1 first).
    pub rules: Vec<String>,
    pub lints: Vec<DialPlanLint>,
    pub dials: Vec<DialResult>,
}

fn syntax_of(plan: &str, asked: Option<DialPlanSyntax>) -> DialPlanSyntax {
    asked.unwrap_or(if plan.trim_start().starts_with('{') {
        DialPlanSyntax::Grandstream
    } else {
        DialPlanSyntax::Cisco
    })
}

fn rule_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn simulate(plan: &DialPlan, m: &Matcher, region: Region, digits: &str) -> DialResult {
    let mut r = DialResult {
        digits: digits.to_string(),
        outcome: DialOutcome::Invalid,
        rule: None,
        rule_text: None,
        sent: None,
        e164: None,
        waits_for_timer: false,
        summary: String::new(),
    };
    if digits.is_empty() {
        r.summary = "Type the keys someone would dial, for example 4155550100.".into();
        return r;
    }
    if let Some(c) = digits
        .chars()
        .find(|c| !matches!(c, '0'..='9' | '*' | '#' | '+'))
    {
        r.summary =
            format!("`{digits}` contains `{c}`, which a phone cannot dial (use 0-9, *, # and +).");
        return r;
    }
    let sim = m.simulate(digits);
    r.waits_for_timer = sim.waits_for_timer;
    r.rule = sim.rule.map(rule_number);
    r.rule_text = sim.rule.map(|i| plan.rule_text(i));
    let rule = |i: usize| format!("rule {} (`{}`)", i + 1, plan.rule_text(i));
    match (sim.outcome, sim.rule) {
        (Outcome::Match, Some(i)) => {
            r.outcome = DialOutcome::Match;
            let sent = sim.sent.unwrap_or_default();
            let meaning = match interpret(&sent, region) {
                Meaning::E164 { number } => {
                    r.e164 = Some(number.clone());
                    format!("calls {number}")
                }
                Meaning::Emergency { number } => format!("the emergency number {number}"),
                Meaning::Service { number, name } => format!("the service code {number} ({name})"),
                Meaning::Unknown => format!("not a complete number for {}", region.code()),
            };
            let wait = if sim.waits_for_timer {
                " — after the inter-digit timer, as a longer number could still match"
            } else {
                ""
            };
            r.summary = format!("{} sends {sent} → {meaning}{wait}", rule(i));
            r.sent = Some(sent);
        }
        (Outcome::Barred, Some(i)) => {
            r.outcome = DialOutcome::Barred;
            r.summary = format!("barred by {}: the phone refuses the call", rule(i));
        }
        (Outcome::Partial, _) => {
            r.outcome = DialOutcome::Partial;
            r.summary = "more keys are needed before any rule matches".into();
        }
        _ => {
            r.outcome = DialOutcome::None;
            r.summary = format!("no rule matches {digits}: the phone plays the reorder tone");
        }
    }
    r
}

/// Parses, lints and simulates; fails only on a request no plan could answer (bad country,
/// too many numbers).
pub fn check_dial_plan(req: &DialPlanRequest) -> AppResult<DialPlanReport> {
    let region = Region::parse(req.country.trim()).map_err(|e| AppError::invalid("country", e))?;
    if req.dial.len() > MAX_DIALS {
        return Err(AppError::invalid(
            "dial",
            format!(
                "{} numbers to simulate is too many: at most {MAX_DIALS} at a time.",
                req.dial.len()
            ),
        ));
    }
    let syntax = syntax_of(&req.plan, req.syntax);
    let core_syntax = match syntax {
        DialPlanSyntax::Cisco => Syntax::Cisco,
        DialPlanSyntax::Grandstream => Syntax::Grandstream,
    };
    let plan = match DialPlan::parse(&req.plan, core_syntax) {
        Ok(p) => p,
        Err(e) => {
            return Ok(DialPlanReport {
                syntax,
                error: Some(DialPlanError {
                    column: u32::try_from(e.column).unwrap_or(u32::MAX),
                    message: e.message,
                }),
                normalized: None,
                rules: vec![],
                lints: vec![],
                dials: vec![],
            });
        }
    };
    let m = Matcher::new(&plan);
    let dials = req
        .dial
        .iter()
        .map(|d| simulate(&plan, &m, region, d.trim()))
        .collect();
    Ok(DialPlanReport {
        syntax,
        error: None,
        normalized: Some(plan.to_string()),
        rules: (0..plan.rules.len()).map(|i| plan.rule_text(i)).collect(),
        lints: lint(&plan, region)
            .into_iter()
            .map(|l| DialPlanLint {
                code: l.code.to_string(),
                severity: l.severity,
                message: l.message,
                rule: l.rule.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
            })
            .collect(),
        dials,
    })
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn check_dialplan(request: DialPlanRequest) -> AppResult<DialPlanReport> {
    check_dial_plan(&request)
}
