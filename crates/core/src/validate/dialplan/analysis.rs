//! Explores every reachable combination of rule states (a subset construction over the
//! compiled matcher) to find rules that can never decide a call and matches after which the
//! phone must still wait for more keys. Each finding comes with the shortest example.

use std::collections::{HashMap, VecDeque};

use super::ast::{ALPHABET, Symbols};
use super::compile::{Matcher, Outcome};

/// Explorations stop after this many distinct states (the plan is then reported as too
/// complex to analyse fully).
pub(super) const STATE_LIMIT: usize = 20_000;

pub(super) struct Findings {
    /// For each rule: whether it decides at least one dialled string.
    pub decides: Vec<bool>,
    /// For each rule: the rules that decide the strings it matches (when it never decides).
    pub covered_by: Vec<Vec<usize>>,
    /// For each rule: the shortest string it matches after which the phone still waits
    /// because another rule (the second value) could match a longer number.
    pub waits: Vec<Option<(String, usize)>>,
    /// False when the state limit was hit.
    pub complete: bool,
}

pub(super) fn explore(m: &Matcher) -> Findings {
    let n = m.rules.len();
    let mut f = Findings {
        decides: vec![false; n],
        covered_by: vec![Vec::new(); n],
        waits: vec![None; n],
        complete: true,
    };
    let start = m.start();
    let mut seen: HashMap<Vec<u64>, ()> = HashMap::new();
    let mut queue: VecDeque<(Vec<u64>, String)> = VecDeque::new();
    seen.insert(start.clone(), ());
    queue.push_back((start, String::new()));
    while let Some((states, path)) = queue.pop_front() {
        if !path.is_empty() {
            record(m, &states, &path, &mut f);
        }
        for sym in 0..ALPHABET {
            let next: Vec<u64> = m
                .rules
                .iter()
                .zip(&states)
                .map(|(r, s)| r.advance(*s, sym))
                .collect();
            if next.iter().all(|s| *s == 0) || seen.contains_key(&next) {
                continue;
            }
            if seen.len() >= STATE_LIMIT {
                f.complete = false;
                return f;
            }
            seen.insert(next.clone(), ());
            let mut p = path.clone();
            p.push(Symbols::char_of(sym));
            queue.push_back((next, p));
        }
    }
    f
}

fn record(m: &Matcher, states: &[u64], path: &str, f: &mut Findings) {
    let (outcome, winner) = m.decide(states);
    let Some(w) = winner else { return };
    f.decides[w] = true;
    for (i, (r, s)) in m.rules.iter().zip(states).enumerate() {
        if i != w && r.accepts(*s) && !f.covered_by[i].contains(&w) {
            f.covered_by[i].push(w);
        }
    }
    if outcome == Outcome::Match && f.waits[w].is_none() && !m.rules[w].immediate {
        let other = m
            .rules
            .iter()
            .zip(states)
            .enumerate()
            .position(|(i, (r, s))| i != w && r.can_grow(*s));
        if let Some(j) = other {
            f.waits[w] = Some((path.to_string(), j));
        }
    }
}
