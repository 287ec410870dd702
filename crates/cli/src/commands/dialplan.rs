//! `switchboard dialplan check` (parse and lint a Cisco or Grandstream dial plan) and
//! `switchboard dialplan dial` (what the phone does with a dialled string, and the E.164
//! number it reaches).

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use switchboard_core::validate::Severity;
use switchboard_core::validate::dialplan::{
    DialPlan, Matcher, Meaning, Outcome as DialOutcome, ParseError, Syntax, interpret, lint,
};
use switchboard_core::validate::phone::Region;

use crate::Outcome;

#[derive(Debug, Subcommand)]
pub enum DialplanCommand {
    /// Parse a dial plan and list problems with it (exit 0 if it parses, 1 if not).
    Check(CheckArgs),
    /// Simulate dialling a number (exit 0 when a rule matches, 1 otherwise).
    Dial(DialArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SyntaxArg {
    Cisco,
    Grandstream,
}

#[derive(Debug, Args)]
struct PlanArgs {
    /// Notation of the plan (default: grandstream when it starts with `{`, else cisco).
    #[arg(long, value_enum)]
    syntax: Option<SyntaxArg>,
    /// Country the phones are in: decides emergency numbers and E.164 conversion.
    #[arg(long, default_value = "US")]
    country: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The dial plan, e.g. '(911|1[2-9]xxxxxxxxx|[2-9]xxxxxxxxx)'.
    plan: String,
    #[command(flatten)]
    opts: PlanArgs,
}

#[derive(Debug, Args)]
pub struct DialArgs {
    /// The dial plan.
    plan: String,
    /// The keys dialled, e.g. 12125551234.
    digits: String,
    #[command(flatten)]
    opts: PlanArgs,
}

fn usage(message: &str, json: bool) -> Outcome {
    if json {
        println!(
            "{}",
            json!({"error": {"kind": "usage", "message": message}})
        );
    } else {
        eprintln!("error: {message}");
    }
    Outcome::Usage
}

fn syntax_of(plan: &str, arg: Option<SyntaxArg>) -> Syntax {
    match arg {
        Some(SyntaxArg::Cisco) => Syntax::Cisco,
        Some(SyntaxArg::Grandstream) => Syntax::Grandstream,
        None if plan.trim_start().starts_with('{') => Syntax::Grandstream,
        None => Syntax::Cisco,
    }
}

pub fn run(cmd: DialplanCommand, json: bool) -> Outcome {
    match cmd {
        DialplanCommand::Check(a) => check(a, json),
        DialplanCommand::Dial(a) => dial(a, json),
    }
}

fn show_error(plan: &str, e: &ParseError) {
    eprintln!("invalid dial plan: {e}");
    eprintln!("  {plan}");
    eprintln!(
        "  {}^ {}",
        " ".repeat(e.column.saturating_sub(1)),
        e.message
    );
}

fn check(a: CheckArgs, json: bool) -> Outcome {
    let region = match Region::parse(&a.opts.country) {
        Ok(r) => r,
        Err(e) => return usage(&e, json),
    };
    let syntax = syntax_of(&a.plan, a.opts.syntax);
    match DialPlan::parse(&a.plan, syntax) {
        Err(e) => {
            if json {
                println!(
                    "{}",
                    json!({"valid": false, "errors": [{"column": e.column, "message": e.message}], "lints": []})
                );
            } else {
                show_error(&a.plan, &e);
            }
            Outcome::Failed
        }
        Ok(plan) => {
            let lints = lint(&plan, region);
            if json {
                let lints: Vec<_> = lints
                    .iter()
                    .map(|l| json!({"code": l.code, "severity": l.severity, "message": l.message}))
                    .collect();
                println!("{}", json!({"valid": true, "errors": [], "lints": lints}));
            } else {
                println!(
                    "valid {} dial plan with {} rules: {plan}",
                    syntax.name(),
                    plan.rules.len()
                );
                for l in &lints {
                    let tag = match l.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    println!("{tag:<8} [{}] {}", l.code, l.message);
                }
                if lints.is_empty() {
                    println!("no problems found");
                }
            }
            Outcome::Success
        }
    }
}

fn dial(a: DialArgs, json: bool) -> Outcome {
    let region = match Region::parse(&a.opts.country) {
        Ok(r) => r,
        Err(e) => return usage(&e, json),
    };
    if let Some(c) = a
        .digits
        .chars()
        .find(|c| !matches!(c, '0'..='9' | '*' | '#' | '+'))
    {
        return usage(
            &format!(
                "`{}` contains `{c}`, which a phone cannot dial (use 0-9, *, # and +)",
                a.digits
            ),
            json,
        );
    }
    let plan = match DialPlan::parse(&a.plan, syntax_of(&a.plan, a.opts.syntax)) {
        Ok(p) => p,
        Err(e) => {
            if json {
                println!(
                    "{}",
                    json!({"error": {"kind": "usage", "column": e.column, "message": format!("invalid dial plan: {}", e.message)}})
                );
            } else {
                show_error(&a.plan, &e);
            }
            return Outcome::Usage;
        }
    };
    let sim = Matcher::new(&plan).simulate(&a.digits);
    let meaning = sim.sent.as_deref().map(|s| interpret(s, region));
    let rule = sim.rule.map(|r| r + 1);
    if json {
        let kind = match &meaning {
            Some(Meaning::Emergency { .. }) => Some("emergency"),
            Some(Meaning::Service { .. }) => Some("service"),
            Some(Meaning::E164 { .. }) => Some("e164"),
            Some(Meaning::Unknown) => Some("unknown"),
            None => None,
        };
        let e164 = meaning.as_ref().and_then(Meaning::e164);
        println!(
            "{}",
            json!({"outcome": sim.outcome, "rule": rule, "sent": sim.sent, "e164": e164, "kind": kind})
        );
    } else {
        let rule_text = |r: usize| format!("rule {} (`{}`)", r, plan.rule_text(r - 1));
        match (sim.outcome, rule) {
            (DialOutcome::Match, Some(r)) => {
                println!("match    {}", rule_text(r));
                println!("sent     {}", sim.sent.as_deref().unwrap_or(""));
                match &meaning {
                    Some(Meaning::Emergency { number }) => {
                        println!("means    emergency number {number}")
                    }
                    Some(Meaning::Service { number, name }) => {
                        println!("means    service code {number} ({name})")
                    }
                    Some(Meaning::E164 { number }) => println!("means    {number}"),
                    _ => println!("means    (not a complete number for {})", region.code()),
                }
                if sim.waits_for_timer {
                    println!(
                        "note     the phone waits for the inter-digit timer first: a longer number could still match"
                    );
                }
            }
            (DialOutcome::Barred, Some(r)) => println!("barred   by {}", rule_text(r)),
            (DialOutcome::Partial, _) => {
                println!("partial  more keys are needed before any rule matches")
            }
            _ => println!("none     no rule matches {}", a.digits),
        }
    }
    if sim.outcome == DialOutcome::Match {
        Outcome::Success
    } else {
        Outcome::Failed
    }
}
