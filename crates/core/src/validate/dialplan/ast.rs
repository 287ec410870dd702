//! The dial-plan syntax tree shared by the Cisco/Linksys and Grandstream notations.

use std::fmt::Write;

/// Which vendor notation a plan is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// Cisco/Linksys SPA digit maps: `(911|1[2-9]xxxxxxxxx|<9:>xx.)`.
    Cisco,
    /// Grandstream: `{ x+ | \+x+ | <=1>[2-9]xxxxxxxxx | ^1900x+ }`.
    Grandstream,
}

impl Syntax {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Cisco => "cisco",
            Syntax::Grandstream => "grandstream",
        }
    }
}

/// The keys a phone can send: `0`–`9`, `*`, `#`, `+` (bit `i` for symbol `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Symbols(pub u16);

/// The number of distinct dialable symbols.
pub const ALPHABET: usize = 13;

impl Symbols {
    /// `0`–`9`.
    pub const DIGITS: Symbols = Symbols(0x3ff);
    /// Everything a phone can send.
    pub const ANY: Symbols = Symbols(0x1fff);

    /// The symbol index of a dialable character.
    pub fn index(c: char) -> Option<usize> {
        match c {
            '0'..='9' => Some(c as usize - '0' as usize),
            '*' => Some(10),
            '#' => Some(11),
            '+' => Some(12),
            _ => None,
        }
    }

    /// The character of a symbol index.
    pub fn char_of(i: usize) -> char {
        match i {
            0..=9 => (b'0' + i as u8) as char,
            10 => '*',
            11 => '#',
            _ => '+',
        }
    }

    /// A set with one character.
    pub fn single(c: char) -> Symbols {
        Symbols(Self::index(c).map_or(0, |i| 1 << i))
    }

    /// Whether symbol index `i` is in the set.
    pub fn contains(self, i: usize) -> bool {
        i < ALPHABET && self.0 & (1 << i) != 0
    }

    /// The lowest symbol in the set.
    pub fn first(self) -> Option<usize> {
        (self.0 != 0).then(|| self.0.trailing_zeros() as usize)
    }
}

/// How often an atom may occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Repeat {
    /// Exactly once.
    One,
    /// Cisco `.` after an element: zero or more times.
    ZeroOrMore,
    /// Grandstream `+` after an element: one or more times.
    OneOrMore,
}

/// One item inside `[...]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetItem {
    Char(char),
    Range(char, char),
}

/// How an atom was written (kept so the printer reproduces it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AtomForm {
    /// A literal key: `9`, `*`, `#`, or `\+` in Grandstream.
    Literal(char),
    /// `x`: any digit.
    AnyDigit,
    /// `[...]`.
    Set(Vec<SetItem>),
    /// Grandstream `.`: one or more of any key.
    Wildcard,
}

/// A single-key pattern with its repetition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Atom {
    pub form: AtomForm,
    pub repeat: Repeat,
}

impl Atom {
    /// The keys this atom accepts.
    pub fn symbols(&self) -> Symbols {
        match &self.form {
            AtomForm::Literal(c) => Symbols::single(*c),
            AtomForm::AnyDigit => Symbols::DIGITS,
            AtomForm::Wildcard => Symbols::ANY,
            AtomForm::Set(items) => Symbols(items.iter().fold(0, |acc, item| {
                acc | match *item {
                    SetItem::Char(c) => Symbols::single(c).0,
                    SetItem::Range(a, b) => (a as u16..=b as u16)
                        .filter_map(|c| char::from_u32(u32::from(c)))
                        .fold(0, |m, c| m | Symbols::single(c).0),
                }
            })),
        }
    }
}

/// One element of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    Atom(Atom),
    /// `<dialled:sent>` (Cisco) or `<dialled=sent>` (Grandstream): the keys matched by
    /// `dialled` are replaced by `sent`.
    Subst {
        dialled: Vec<Element>,
        sent: String,
    },
    /// Cisco `,`: play a second dial tone here.
    Tone,
}

/// Which inter-digit timer a timer setting changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerKind {
    /// `S`: after a complete match that could still grow.
    Short,
    /// `L`: while the number is still incomplete.
    Long,
}

/// A timer setting, its value kept as written (seconds, e.g. `0` or `4.5`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timer {
    pub kind: TimerKind,
    pub seconds: String,
}

/// One alternative of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub elements: Vec<Element>,
    /// Cisco trailing `!` or Grandstream leading `^`: numbers matching this rule are refused.
    pub barred: bool,
    /// Cisco per-rule timers written at the end of the rule (`xxxS0`).
    pub timers: Vec<Timer>,
    /// 1-based column where the rule starts in the source text.
    pub column: usize,
}

impl Rule {
    /// True when the rule sends at once on a complete match (`S0`).
    pub fn sends_immediately(&self) -> bool {
        self.timers
            .iter()
            .any(|t| t.kind == TimerKind::Short && t.seconds.parse::<f64>().is_ok_and(|v| v <= 0.0))
    }
}

/// A parsed dial plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DialPlan {
    pub syntax: Syntax,
    /// Cisco plan-wide timers (`L:10,S:4,` before the rules).
    pub timers: Vec<Timer>,
    pub rules: Vec<Rule>,
}

impl DialPlan {
    /// The same plan with all columns set to 0, to compare structure only.
    pub fn without_columns(&self) -> DialPlan {
        let mut p = self.clone();
        p.rules.iter_mut().for_each(|r| r.column = 0);
        p
    }

    /// Rule `index` (0-based) printed on its own, for messages.
    pub fn rule_text(&self, index: usize) -> String {
        let mut s = String::new();
        if let Some(rule) = self.rules.get(index) {
            super::print::rule(&mut s, self.syntax, rule);
        }
        s
    }
}

pub(super) fn write_set(out: &mut String, items: &[SetItem]) {
    out.push('[');
    for item in items {
        match item {
            SetItem::Char(c) => out.push(*c),
            SetItem::Range(a, b) => {
                let _ = write!(out, "{a}-{b}");
            }
        }
    }
    out.push(']');
}
