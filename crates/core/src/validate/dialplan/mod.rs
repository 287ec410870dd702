//! Dial plans (digit maps) in the Cisco/Linksys SPA and Grandstream notations: parse them with
//! column-accurate errors, print them back, simulate what a phone does with dialled keys, and
//! lint them in plain language (emergency numbers, unreachable rules, international and premium
//! ranges, timer waits).

mod analysis;
mod ast;
mod compile;
mod country;
mod lint;
mod parse;
mod print;
mod witness;

pub use ast::{
    Atom, AtomForm, DialPlan, Element, Repeat, Rule, SetItem, Symbols, Syntax, Timer, TimerKind,
};
pub use compile::{Matcher, Outcome, Simulation};
pub use country::{Meaning, interpret};
pub use lint::{Lint, lint};
pub use parse::{MAX_RULE_POSITIONS, ParseError, parse};
pub use print::plan as print;

impl DialPlan {
    /// Parses `text` in `syntax`.
    pub fn parse(text: &str, syntax: Syntax) -> Result<Self, ParseError> {
        parse::parse(text, syntax)
    }
}

impl std::fmt::Display for DialPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&print::plan(self))
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
