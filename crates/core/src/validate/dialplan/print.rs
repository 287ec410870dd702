//! Prints a plan back in its own notation; `parse(print(plan)) == plan` (property-tested).

use std::fmt::Write;

use super::ast::{AtomForm, DialPlan, Element, Repeat, Rule, Syntax, TimerKind, write_set};

/// The plan in its notation, in canonical form (no spaces in Cisco, ` | ` in Grandstream).
pub fn plan(p: &DialPlan) -> String {
    let mut out = String::new();
    match p.syntax {
        Syntax::Cisco => {
            out.push('(');
            for t in &p.timers {
                let k = if t.kind == TimerKind::Long { 'L' } else { 'S' };
                let _ = write!(out, "{k}:{},", t.seconds);
            }
            for (i, r) in p.rules.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                rule(&mut out, p.syntax, r);
            }
            out.push(')');
        }
        Syntax::Grandstream => {
            out.push_str("{ ");
            for (i, r) in p.rules.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                rule(&mut out, p.syntax, r);
            }
            out.push_str(" }");
        }
    }
    out
}

/// One rule in its notation.
pub fn rule(out: &mut String, syntax: Syntax, r: &Rule) {
    if syntax == Syntax::Grandstream && r.barred {
        out.push('^');
    }
    elements(out, syntax, &r.elements);
    if syntax == Syntax::Cisco {
        if r.barred {
            out.push('!');
        }
        for t in &r.timers {
            let k = if t.kind == TimerKind::Long { 'L' } else { 'S' };
            let _ = write!(out, "{k}{}", t.seconds);
        }
    }
}

fn elements(out: &mut String, syntax: Syntax, list: &[Element]) {
    for e in list {
        match e {
            Element::Atom(a) => {
                match &a.form {
                    AtomForm::Literal('+') if syntax == Syntax::Grandstream => out.push_str("\\+"),
                    AtomForm::Literal(c) => out.push(*c),
                    AtomForm::AnyDigit => out.push('x'),
                    AtomForm::Set(items) => write_set(out, items),
                    AtomForm::Wildcard => {
                        out.push('.');
                        continue;
                    }
                }
                match (a.repeat, syntax) {
                    (Repeat::One, _) => {}
                    (Repeat::ZeroOrMore, Syntax::Cisco) => out.push('.'),
                    (Repeat::OneOrMore, Syntax::Grandstream) => out.push('+'),
                    // Not expressible in the other notation: spell it out.
                    (Repeat::OneOrMore, Syntax::Cisco) => {
                        let mut again = a.clone();
                        again.repeat = Repeat::ZeroOrMore;
                        elements_one(out, syntax, &again);
                    }
                    (Repeat::ZeroOrMore, Syntax::Grandstream) => out.push('+'),
                }
            }
            Element::Subst { dialled, sent } => {
                out.push('<');
                elements(out, syntax, dialled);
                out.push(if syntax == Syntax::Cisco { ':' } else { '=' });
                out.push_str(sent);
                out.push('>');
            }
            Element::Tone => out.push(','),
        }
    }
}

fn elements_one(out: &mut String, syntax: Syntax, atom: &super::ast::Atom) {
    elements(out, syntax, &[Element::Atom(atom.clone())]);
}
