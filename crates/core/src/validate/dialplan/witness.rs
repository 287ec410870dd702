//! Finds an example dialled string for a rule whose *sent* keys begin with (or equal) a
//! pattern, such as "`011` then a country code" — the concrete evidence lint messages quote.

use std::collections::HashSet;

use super::ast::{Element, Repeat, Rule, Symbols};

enum Unit {
    /// Keys copied to the output: `star` = may repeat or be skipped.
    Out(Symbols, bool),
    /// A substitution: `dialled` (minimal keys) is replaced by `sent`.
    Sent { sent: Vec<usize>, dialled: String },
}

fn minimal(elements: &[Element], out: &mut String) {
    for e in elements {
        match e {
            Element::Atom(a) if a.repeat != Repeat::ZeroOrMore => {
                out.push(Symbols::char_of(a.symbols().first().unwrap_or(0)));
            }
            Element::Subst { dialled, .. } => minimal(dialled, out),
            _ => {}
        }
    }
}

fn units(rule: &Rule) -> Vec<Unit> {
    let mut out = Vec::new();
    for e in &rule.elements {
        match e {
            Element::Atom(a) => {
                let s = a.symbols();
                match a.repeat {
                    Repeat::One => out.push(Unit::Out(s, false)),
                    Repeat::ZeroOrMore => out.push(Unit::Out(s, true)),
                    Repeat::OneOrMore => {
                        out.push(Unit::Out(s, false));
                        out.push(Unit::Out(s, true));
                    }
                }
            }
            Element::Subst { dialled, sent } => {
                let mut d = String::new();
                minimal(dialled, &mut d);
                out.push(Unit::Sent {
                    sent: sent.chars().filter_map(Symbols::index).collect(),
                    dialled: d,
                });
            }
            Element::Tone => {}
        }
    }
    out
}

/// A dialled string accepted by `rule` whose sent keys start with `pattern` (or equal it when
/// `exact`), or `None` when the rule cannot send such keys.
pub(super) fn find(rule: &Rule, pattern: &[Symbols], exact: bool) -> Option<String> {
    let units = units(rule);
    let mut failed = HashSet::new();
    let mut dialled = String::new();
    search(&units, 0, 0, pattern, exact, &mut failed, &mut dialled).then_some(dialled)
}

fn search(
    units: &[Unit],
    i: usize,
    k: usize,
    pattern: &[Symbols],
    exact: bool,
    failed: &mut HashSet<(usize, usize)>,
    dialled: &mut String,
) -> bool {
    if failed.contains(&(i, k)) {
        return false;
    }
    let mark = dialled.len();
    let ok = step(units, i, k, pattern, exact, failed, dialled);
    if !ok {
        dialled.truncate(mark);
        failed.insert((i, k));
    }
    ok
}

fn step(
    units: &[Unit],
    i: usize,
    k: usize,
    pattern: &[Symbols],
    exact: bool,
    failed: &mut HashSet<(usize, usize)>,
    dialled: &mut String,
) -> bool {
    if k == pattern.len() && !exact {
        // Complete the rule with the fewest keys.
        for u in &units[i..] {
            match u {
                Unit::Out(s, false) => dialled.push(Symbols::char_of(s.first().unwrap_or(0))),
                Unit::Out(_, true) => {}
                Unit::Sent { dialled: d, .. } => dialled.push_str(d),
            }
        }
        return true;
    }
    let Some(unit) = units.get(i) else {
        return k == pattern.len();
    };
    match unit {
        Unit::Out(s, star) => {
            if *star && search(units, i + 1, k, pattern, exact, failed, dialled) {
                return true;
            }
            let Some(want) = pattern.get(k) else {
                return false;
            };
            let Some(c) = Symbols(s.0 & want.0).first() else {
                return false;
            };
            dialled.push(Symbols::char_of(c));
            let next = if *star { i } else { i + 1 };
            search(units, next, k + 1, pattern, exact, failed, dialled)
        }
        Unit::Sent { sent, dialled: d } => {
            let mut k2 = k;
            for &c in sent {
                match pattern.get(k2) {
                    Some(want) if want.contains(c) => k2 += 1,
                    Some(_) => return false,
                    None if exact => return false,
                    None => break,
                }
            }
            dialled.push_str(d);
            search(units, i + 1, k2, pattern, exact, failed, dialled)
        }
    }
}
