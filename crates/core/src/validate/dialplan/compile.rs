//! The compiled matcher: each rule becomes a small NFA over key positions held in one `u64`
//! bit set, and all rules advance together one key at a time. No backtracking, no allocation
//! per key; the digits sent are rebuilt only for the rule that won.

use serde::Serialize;

use super::ast::{ALPHABET, DialPlan, Element, Repeat, Rule, Symbols};

/// What the phone does with the keys dialled so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A rule matches the whole string: the call is placed.
    Match,
    /// No rule matches yet, but more keys could complete one: the phone waits.
    Partial,
    /// No rule can match: the phone plays reorder tone.
    None,
    /// A barring rule (`!` / `^`) matches: the call is refused.
    Barred,
}

/// The result of dialling one string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    pub outcome: Outcome,
    /// 0-based index of the deciding rule (for `Match` and `Barred`).
    pub rule: Option<usize>,
    /// The keys sent after substitutions (for `Match`).
    pub sent: Option<String>,
    /// After a match, the phone still waits for the inter-digit timer because a longer
    /// number could match too.
    pub waits_for_timer: bool,
}

#[derive(Debug, Clone)]
pub(super) struct CompiledRule {
    /// Positions 0..n; bit n is "accepted".
    pub n: usize,
    /// `step[i * ALPHABET + sym]`: positions after consuming `sym` at position `i`.
    step: Vec<u64>,
    pub start: u64,
    /// Which element (top-level index) owns each position.
    owner: Vec<usize>,
    pub barred: bool,
    pub immediate: bool,
}

impl CompiledRule {
    fn new(rule: &Rule) -> Self {
        let mut masks: Vec<(Symbols, bool)> = Vec::new();
        let mut owner = Vec::new();
        for (idx, e) in rule.elements.iter().enumerate() {
            flatten(e, idx, &mut masks, &mut owner);
        }
        let n = masks.len();
        let mut closure = vec![0u64; n + 1];
        closure[n] = 1 << n;
        for i in (0..n).rev() {
            closure[i] = (1 << i) | if masks[i].1 { closure[i + 1] } else { 0 };
        }
        let mut step = vec![0u64; n.max(1) * ALPHABET];
        for (i, (sym, star)) in masks.iter().enumerate() {
            for s in 0..ALPHABET {
                if sym.contains(s) {
                    step[i * ALPHABET + s] = if *star { closure[i] } else { closure[i + 1] };
                }
            }
        }
        Self {
            n,
            step,
            start: closure[0],
            owner,
            barred: rule.barred,
            immediate: rule.sends_immediately(),
        }
    }

    /// The position set after consuming `sym` from `state`.
    #[inline]
    pub fn advance(&self, state: u64, sym: usize) -> u64 {
        let mut live = state & !(1u64 << self.n);
        let mut next = 0;
        while live != 0 {
            let i = live.trailing_zeros() as usize;
            live &= live - 1;
            next |= self.step[i * ALPHABET + sym];
        }
        next
    }

    #[inline]
    pub fn accepts(&self, state: u64) -> bool {
        state & (1u64 << self.n) != 0
    }

    /// True when more keys could still lead to acceptance.
    #[inline]
    pub fn can_grow(&self, state: u64) -> bool {
        state & !(1u64 << self.n) != 0
    }
}

fn flatten(
    e: &Element,
    owner_idx: usize,
    masks: &mut Vec<(Symbols, bool)>,
    owner: &mut Vec<usize>,
) {
    match e {
        Element::Atom(a) => {
            let sym = a.symbols();
            match a.repeat {
                Repeat::One => masks.push((sym, false)),
                Repeat::ZeroOrMore => masks.push((sym, true)),
                Repeat::OneOrMore => {
                    masks.push((sym, false));
                    masks.push((sym, true));
                    owner.push(owner_idx);
                }
            }
            owner.push(owner_idx);
        }
        Element::Subst { dialled, .. } => dialled
            .iter()
            .for_each(|d| flatten(d, owner_idx, masks, owner)),
        Element::Tone => {}
    }
}

/// A plan compiled for fast simulation.
#[derive(Debug, Clone)]
pub struct Matcher {
    pub(super) plan: DialPlan,
    pub(super) rules: Vec<CompiledRule>,
}

impl Matcher {
    /// Compiles a parsed plan (rules are at most 63 positions long, which the parser ensures).
    pub fn new(plan: &DialPlan) -> Self {
        Self {
            plan: plan.clone(),
            rules: plan.rules.iter().map(CompiledRule::new).collect(),
        }
    }

    /// The plan this matcher was compiled from.
    pub fn plan(&self) -> &DialPlan {
        &self.plan
    }

    /// The first rule other than `except` that could still match a longer number after
    /// `dialled` (the reason a phone waits for the inter-digit timer).
    pub(super) fn growing_after(&self, dialled: &str, except: usize) -> Option<usize> {
        let mut states = self.start();
        for sym in dialled.chars().map(Symbols::index) {
            let sym = sym?;
            for (s, r) in states.iter_mut().zip(&self.rules) {
                *s = r.advance(*s, sym);
            }
        }
        (0..self.rules.len()).find(|&j| j != except && self.rules[j].can_grow(states[j]))
    }

    /// The start state of every rule.
    pub(super) fn start(&self) -> Vec<u64> {
        self.rules.iter().map(|r| r.start).collect()
    }

    /// Which rule decides a state: a matching barring rule first, else the first match.
    pub(super) fn decide(&self, states: &[u64]) -> (Outcome, Option<usize>) {
        let accepting = |barred: bool| {
            self.rules
                .iter()
                .zip(states)
                .position(|(r, s)| r.barred == barred && r.accepts(*s))
        };
        if let Some(i) = accepting(true) {
            (Outcome::Barred, Some(i))
        } else if let Some(i) = accepting(false) {
            (Outcome::Match, Some(i))
        } else if self.rules.iter().zip(states).any(|(r, s)| r.can_grow(*s)) {
            (Outcome::Partial, None)
        } else {
            (Outcome::None, None)
        }
    }

    /// What the phone does when `dialled` has been keyed in.
    pub fn simulate(&self, dialled: &str) -> Simulation {
        const STACK: usize = 16;
        let mut small = [0u64; STACK];
        let mut big;
        let states: &mut [u64] = if self.rules.len() <= STACK {
            &mut small[..self.rules.len()]
        } else {
            big = self.start();
            &mut big
        };
        for (s, r) in states.iter_mut().zip(&self.rules) {
            *s = r.start;
        }
        for ch in dialled.chars() {
            let Some(sym) = Symbols::index(ch) else {
                return Simulation {
                    outcome: Outcome::None,
                    rule: None,
                    sent: None,
                    waits_for_timer: false,
                };
            };
            let mut alive = false;
            for (s, r) in states.iter_mut().zip(&self.rules) {
                if *s != 0 {
                    *s = r.advance(*s, sym);
                    alive |= *s != 0;
                }
            }
            if !alive {
                return Simulation {
                    outcome: Outcome::None,
                    rule: None,
                    sent: None,
                    waits_for_timer: false,
                };
            }
        }
        let (outcome, rule) = self.decide(states);
        let mut sim = Simulation {
            outcome,
            rule,
            sent: None,
            waits_for_timer: false,
        };
        if let (Outcome::Match, Some(i)) = (outcome, rule) {
            sim.sent = Some(self.sent(i, dialled));
            sim.waits_for_timer = !self.rules[i].immediate
                && self
                    .rules
                    .iter()
                    .zip(states.iter())
                    .any(|(r, s)| r.can_grow(*s));
        }
        sim
    }

    /// Rebuilds the keys sent for `dialled`, which rule `i` accepts: walk the NFA forward,
    /// then choose a position for each key backwards, then apply the substitutions.
    fn sent(&self, i: usize, dialled: &str) -> String {
        let r = &self.rules[i];
        let syms: Vec<usize> = dialled.chars().filter_map(Symbols::index).collect();
        let mut trail = Vec::with_capacity(syms.len() + 1);
        trail.push(r.start);
        for &s in &syms {
            let last = *trail.last().unwrap_or(&0);
            trail.push(r.advance(last, s));
        }
        let mut target = r.n;
        let mut at = vec![0usize; syms.len()];
        for k in (0..syms.len()).rev() {
            let mut live = trail[k] & !(1u64 << r.n);
            while live != 0 {
                let p = live.trailing_zeros() as usize;
                live &= live - 1;
                if r.step[p * ALPHABET + syms[k]] & (1u64 << target) != 0 {
                    at[k] = p;
                    target = p;
                    break;
                }
            }
        }
        let mut out = String::with_capacity(dialled.len() + 4);
        let mut k = 0;
        for (idx, e) in self.plan.rules[i].elements.iter().enumerate() {
            let start = k;
            while k < syms.len() && r.owner[at[k]] == idx {
                k += 1;
            }
            match e {
                Element::Subst { sent, .. } => out.push_str(sent),
                Element::Atom(_) => out.extend(syms[start..k].iter().map(|&s| Symbols::char_of(s))),
                Element::Tone => {}
            }
        }
        out
    }
}
