//! Parsers for both notations. Errors carry the 1-based column and what was expected there.

use super::ast::{
    Atom, AtomForm, DialPlan, Element, Repeat, Rule, SetItem, Syntax, Timer, TimerKind,
};

/// The most keys a single rule may describe; dial strings never come close.
pub const MAX_RULE_POSITIONS: usize = 63;

/// A syntax error at a column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct ParseError {
    /// 1-based character column.
    pub column: usize,
    pub message: String,
}

struct Cursor {
    chars: Vec<char>,
    pos: usize,
    syntax: Syntax,
}

type Result<T> = std::result::Result<T, ParseError>;

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn column(&self) -> usize {
        self.pos + 1
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T> {
        Err(ParseError {
            column: self.column(),
            message: message.into(),
        })
    }

    fn found(&self) -> String {
        match self.peek() {
            Some(c) => format!("found `{c}`"),
            None => "found the end of the plan".into(),
        }
    }

    fn expect(&mut self, c: char, what: &str) -> Result<()> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(format!("expected {what}, {}", self.found()))
        }
    }
}

/// Parses `text` in the given notation.
pub fn parse(text: &str, syntax: Syntax) -> Result<DialPlan> {
    let mut c = Cursor {
        chars: text.chars().collect(),
        pos: 0,
        syntax,
    };
    let (open, close) = match syntax {
        Syntax::Cisco => ('(', ')'),
        Syntax::Grandstream => ('{', '}'),
    };
    let mut timers = Vec::new();
    if syntax == Syntax::Cisco {
        plan_timers(&mut c, &mut timers)?;
    }
    c.skip_ws();
    if c.peek().is_none() {
        return c.err(format!(
            "the dial plan is empty: expected `{open}` followed by rules"
        ));
    }
    let bracketed = c.eat(open);
    if bracketed && syntax == Syntax::Cisco {
        plan_timers(&mut c, &mut timers)?;
    }
    let mut rules = vec![rule(&mut c)?];
    while c.eat('|') {
        rules.push(rule(&mut c)?);
    }
    if bracketed {
        let alt = if syntax == Syntax::Cisco {
            "`|`, `!`, `S0`"
        } else {
            "`|`"
        };
        c.expect(close, &format!("{alt} or the closing `{close}`"))?;
    }
    c.skip_ws();
    if c.peek().is_some() {
        let what = if bracketed {
            "nothing after the closing bracket".to_string()
        } else {
            "`|` or the end of the plan".to_string()
        };
        return c.err(format!("expected {what}, {}", c.found()));
    }
    Ok(DialPlan {
        syntax,
        timers,
        rules,
    })
}

/// Cisco plan-wide timers: `L:10,` and `S:4,` before the rules.
fn plan_timers(c: &mut Cursor, timers: &mut Vec<Timer>) -> Result<()> {
    loop {
        c.skip_ws();
        let kind = match (c.peek(), c.chars.get(c.pos + 1)) {
            (Some('L'), Some(':')) => TimerKind::Long,
            (Some('S'), Some(':')) => TimerKind::Short,
            _ => return Ok(()),
        };
        c.pos += 2;
        let seconds = number(c)?;
        timers.push(Timer { kind, seconds });
        c.expect(',', "`,` after the timer value")?;
    }
}

fn number(c: &mut Cursor) -> Result<String> {
    c.skip_ws();
    let start = c.pos;
    while c.peek().is_some_and(|ch| ch.is_ascii_digit() || ch == '.') {
        c.pos += 1;
    }
    let s: String = c.chars[start..c.pos].iter().collect();
    if s.is_empty() || s.parse::<f64>().is_err() || s.len() > 6 {
        c.pos = start;
        return c.err(format!(
            "expected a timer value in seconds (such as 0 or 4.5), {}",
            c.found()
        ));
    }
    Ok(s)
}

fn rule(c: &mut Cursor) -> Result<Rule> {
    c.skip_ws();
    let column = c.column();
    let mut barred = false;
    if c.syntax == Syntax::Grandstream && c.eat('^') {
        barred = true;
    }
    let elements = elements(c, None)?;
    let mut timers = Vec::new();
    if c.syntax == Syntax::Cisco {
        loop {
            c.skip_ws();
            match c.peek() {
                Some('!') if !barred => {
                    c.pos += 1;
                    barred = true;
                }
                Some(k @ ('S' | 'L')) if timers.iter().all(|t: &Timer| t.kind != timer_kind(k)) => {
                    c.pos += 1;
                    let seconds = number(c)?;
                    timers.push(Timer {
                        kind: timer_kind(k),
                        seconds,
                    });
                }
                _ => break,
            }
        }
    }
    if elements.is_empty() {
        let at = c.found();
        return Err(ParseError {
            column,
            message: format!("expected a rule (digits, `x`, `[...]` or `<...>`), {at}"),
        });
    }
    let positions = count_positions(&elements);
    if positions > MAX_RULE_POSITIONS {
        return Err(ParseError {
            column,
            message: format!(
                "this rule describes {positions} keys; a rule may describe at most {MAX_RULE_POSITIONS}"
            ),
        });
    }
    Ok(Rule {
        elements,
        barred,
        timers,
        column,
    })
}

fn timer_kind(k: char) -> TimerKind {
    if k == 'S' {
        TimerKind::Short
    } else {
        TimerKind::Long
    }
}

/// Keys the compiled matcher needs one position for (a `+` repetition needs two).
pub(super) fn count_positions(elements: &[Element]) -> usize {
    elements
        .iter()
        .map(|e| match e {
            Element::Atom(a) if a.repeat == Repeat::OneOrMore => 2,
            Element::Atom(_) => 1,
            Element::Subst { dialled, .. } => count_positions(dialled),
            Element::Tone => 0,
        })
        .sum()
}

/// Elements up to a rule end; inside `<...>` (`subst` = Some(separator)) up to the separator.
fn elements(c: &mut Cursor, subst: Option<char>) -> Result<Vec<Element>> {
    let mut out: Vec<Element> = Vec::new();
    loop {
        c.skip_ws();
        let Some(ch) = c.peek() else { break };
        let col = c.column();
        let form = match (c.syntax, ch) {
            (_, '0'..='9' | '*' | '#') => AtomForm::Literal(ch),
            (_, 'x' | 'X') => AtomForm::AnyDigit,
            (_, '[') => {
                c.pos += 1;
                AtomForm::Set(set(c)?)
            }
            (Syntax::Grandstream, '\\') => {
                if c.chars.get(c.pos + 1) != Some(&'+') {
                    c.pos += 1;
                    return c.err(format!(
                        "expected `+` after `\\` (write `\\+` for a literal plus), {}",
                        c.found()
                    ));
                }
                c.pos += 1;
                AtomForm::Literal('+')
            }
            (Syntax::Grandstream, '.') => AtomForm::Wildcard,
            (_, '<') if subst.is_none() => {
                c.pos += 1;
                out.push(substitution(c, col)?);
                continue;
            }
            (Syntax::Cisco, ',') => {
                c.pos += 1;
                out.push(Element::Tone);
                continue;
            }
            (Syntax::Cisco, '.') => {
                return c.err("`.` repeats the key before it, but there is nothing to repeat here");
            }
            (Syntax::Grandstream, '+') => {
                return c.err("`+` repeats the key before it, but there is nothing to repeat here (write `\\+` for a literal plus)");
            }
            _ => break,
        };
        if !matches!(form, AtomForm::Set(_)) {
            c.pos += 1;
        }
        let mut repeat = if form == AtomForm::Wildcard {
            Repeat::OneOrMore
        } else {
            Repeat::One
        };
        let rep_char = if c.syntax == Syntax::Cisco { '.' } else { '+' };
        if form != AtomForm::Wildcard && c.peek() == Some(rep_char) {
            c.pos += 1;
            repeat = if c.syntax == Syntax::Cisco {
                Repeat::ZeroOrMore
            } else {
                Repeat::OneOrMore
            };
        }
        if c.peek() == Some(rep_char) {
            return c.err(format!("`{rep_char}` cannot follow another repetition"));
        }
        out.push(Element::Atom(Atom { form, repeat }));
    }
    Ok(out)
}

fn set(c: &mut Cursor) -> Result<Vec<SetItem>> {
    let start = c.column() - 1;
    let mut items = Vec::new();
    loop {
        let Some(ch) = c.peek() else {
            return c.err(format!(
                "expected `]` to close the set opened at column {start}, found the end of the plan"
            ));
        };
        match ch {
            ']' if items.is_empty() => return c.err("a set `[]` must list at least one key"),
            ']' => {
                c.pos += 1;
                return Ok(items);
            }
            '0'..='9' | '*' | '#' => {
                c.pos += 1;
                if c.peek() == Some('-') {
                    c.pos += 1;
                    match c.peek() {
                        Some(hi @ '0'..='9') if ch.is_ascii_digit() => {
                            if hi < ch {
                                return c.err(format!(
                                    "the range `{ch}-{hi}` runs backwards: write `{hi}-{ch}`"
                                ));
                            }
                            c.pos += 1;
                            items.push(SetItem::Range(ch, hi));
                        }
                        _ => {
                            return c.err(format!(
                                "expected a digit to end the range `{ch}-`, {}",
                                c.found()
                            ));
                        }
                    }
                } else {
                    items.push(SetItem::Char(ch));
                }
            }
            _ => {
                return c.err(format!(
                    "expected a digit, `*`, `#`, a range like `2-9` or `]` inside the set, {}",
                    c.found()
                ));
            }
        }
    }
}

fn substitution(c: &mut Cursor, open_col: usize) -> Result<Element> {
    let sep = if c.syntax == Syntax::Cisco { ':' } else { '=' };
    let dialled = elements(c, Some(sep))?;
    if dialled
        .iter()
        .any(|e| matches!(e, Element::Atom(a) if a.form == AtomForm::Wildcard))
    {
        return c.err("a wildcard cannot be replaced inside `<...>`");
    }
    c.expect(
        sep,
        &format!("`{sep}` between the dialled and the sent part of `<` at column {open_col}"),
    )?;
    let mut sent = String::new();
    loop {
        c.skip_ws();
        match c.peek() {
            Some(ch @ ('0'..='9' | '*' | '#' | '+')) => {
                sent.push(ch);
                c.pos += 1;
            }
            Some('\\')
                if c.syntax == Syntax::Grandstream && c.chars.get(c.pos + 1) == Some(&'+') =>
            {
                sent.push('+');
                c.pos += 2;
            }
            _ => break,
        }
    }
    c.expect(
        '>',
        &format!("a digit, `*`, `#`, `+` or `>` to close the `<` at column {open_col}"),
    )?;
    Ok(Element::Subst { dialled, sent })
}
