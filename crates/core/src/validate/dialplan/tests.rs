use super::*;
use crate::validate::Severity;
use crate::validate::phone::Region;

const SAMPLE: &str = "(911|933|1[2-9]xxxxxxxxx|0111[2-9]xxxxxxxxx|[2-9]xxxxxxxxx)";

fn cisco(text: &str) -> DialPlan {
    DialPlan::parse(text, Syntax::Cisco).unwrap_or_else(|e| panic!("{text} should parse: {e}"))
}

fn gs(text: &str) -> DialPlan {
    DialPlan::parse(text, Syntax::Grandstream)
        .unwrap_or_else(|e| panic!("{text} should parse: {e}"))
}

fn us() -> Region {
    Region::parse("US").unwrap()
}

fn dial(plan: &DialPlan, digits: &str) -> (Outcome, Option<usize>, Option<String>) {
    let s = Matcher::new(plan).simulate(digits);
    (s.outcome, s.rule.map(|r| r + 1), s.sent)
}

#[test]
fn sample_plan_parses_and_prints_back() {
    let p = cisco(SAMPLE);
    assert_eq!(p.rules.len(), 5);
    assert_eq!(p.to_string(), SAMPLE);
    assert_eq!(p.rules[2].column, 10, "rule 3 starts at column 10");
}

#[test]
fn sample_plan_means_what_it_says() {
    let p = cisco(SAMPLE);
    let m = Matcher::new(&p);
    let s = m.simulate("911");
    assert_eq!(
        (s.outcome, s.rule, s.sent.as_deref()),
        (Outcome::Match, Some(0), Some("911"))
    );
    assert!(
        s.waits_for_timer,
        "911 is also the start of 10-digit numbers like 9115551234"
    );
    assert_eq!(
        interpret("911", us()),
        Meaning::Emergency {
            number: "911".into()
        }
    );
    assert_eq!(
        dial(&p, "933"),
        (Outcome::Match, Some(2), Some("933".into()))
    );
    assert!(matches!(interpret("933", us()), Meaning::Service { .. }));

    for (digits, rule) in [("12125551234", 3), ("01112125551234", 4), ("2125551234", 5)] {
        let (o, r, sent) = dial(&p, digits);
        assert_eq!((o, r), (Outcome::Match, Some(rule)), "{digits}");
        assert_eq!(
            interpret(&sent.unwrap(), us()).e164(),
            Some("+12125551234"),
            "{digits}"
        );
    }
    assert_eq!(dial(&p, "1212").0, Outcome::Partial);
    assert_eq!(dial(&p, "0").0, Outcome::Partial);
    assert_eq!(dial(&p, "10").0, Outcome::None, "1 must be followed by 2-9");
    assert_eq!(
        dial(&p, "0112125551234").0,
        Outcome::None,
        "after 011 only 1 (NANP) is allowed"
    );
    assert_eq!(
        dial(&p, "121255512345").0,
        Outcome::None,
        "12 digits is too long"
    );
    assert_eq!(
        dial(&p, "1125551234").0,
        Outcome::None,
        "10-digit numbers cannot start with 1"
    );
    assert_eq!(
        dial(&p, "21255a1234").0,
        Outcome::None,
        "a letter cannot be dialled"
    );
}

#[test]
fn substitution_replaces_the_dialled_part() {
    let p = cisco("(<9:>1xxxxxxxxxx|<8:1650>xxxxxxx|<:1>[2-9]xxxxxxxxx)");
    assert_eq!(
        dial(&p, "916505551234"),
        (Outcome::Match, Some(1), Some("16505551234".into()))
    );
    assert_eq!(
        dial(&p, "85551234"),
        (Outcome::Match, Some(2), Some("16505551234".into()))
    );
    assert_eq!(
        dial(&p, "6505551234"),
        (Outcome::Match, Some(3), Some("16505551234".into()))
    );
}

#[test]
fn barring_wins_over_allowing_rules() {
    for plan in [
        "(1900xxxxxxx!|1[2-9]xxxxxxxxx)",
        "(1[2-9]xxxxxxxxx|1900xxxxxxx!)",
    ] {
        let p = cisco(plan);
        let (o, _, sent) = dial(&p, "19005551234");
        assert_eq!((o, sent), (Outcome::Barred, None), "{plan}");
        assert_eq!(dial(&p, "12125551234").0, Outcome::Match, "{plan}");
    }
}

#[test]
fn dial_tone_timers_and_repetition() {
    let p = cisco("(L:10,S:4,9,1xxxxxxxxxx|911S0|xxx.)");
    assert_eq!(p.timers.len(), 2);
    assert_eq!(
        dial(&p, "912125551234"),
        (Outcome::Match, Some(1), Some("912125551234".into()))
    );
    let s = Matcher::new(&p).simulate("911");
    assert_eq!(s.rule, Some(1));
    assert!(!s.waits_for_timer, "S0 sends at once");
    assert_eq!(dial(&p, "12").0, Outcome::Match, "xxx. accepts two digits");
    assert_eq!(dial(&p, "1").0, Outcome::Partial);
    assert_eq!(cisco("L:10,S:4,(xx.)").to_string(), "(L:10,S:4,xx.)");
    assert_eq!(cisco(" ( 911 | 1xxx ) ").to_string(), "(911|1xxx)");
    assert_eq!(
        cisco("911|xxxx").rules.len(),
        2,
        "the brackets are optional"
    );
    assert_eq!(cisco("([235-8*#]x)").to_string(), "([235-8*#]x)");
}

#[test]
fn parse_errors_carry_column_and_expectation() {
    let cases = [
        ("(911|[9-2]x)", 9, "runs backwards"),
        ("(911|", 6, "expected a rule"),
        ("(.9)", 2, "nothing to repeat"),
        ("(911", 5, "closing `)`"),
        ("(91a)", 4, "closing `)`"),
        ("(9[]1)", 4, "at least one key"),
        ("(<9:1)", 6, "`>`"),
        ("(<9x1>)", 6, "`:`"),
        ("", 1, "empty"),
        ("(911)x", 6, "nothing after"),
        ("(L:x,911)", 4, "timer value"),
    ];
    for (text, column, expect) in cases {
        let e = DialPlan::parse(text, Syntax::Cisco).expect_err(text);
        assert_eq!(e.column, column, "{text}: {e}");
        assert!(e.message.contains(expect), "{text}: {e}");
    }
    let long = format!("({})", "x".repeat(64));
    assert!(
        DialPlan::parse(&long, Syntax::Cisco)
            .unwrap_err()
            .message
            .contains("at most 63")
    );
    let e = DialPlan::parse("{ x++ }", Syntax::Grandstream).unwrap_err();
    assert_eq!(e.column, 5, "{e}");
    let e = DialPlan::parse("{ \\x }", Syntax::Grandstream).unwrap_err();
    assert!(e.message.contains("\\+"), "{e}");
}

#[test]
fn grandstream_syntax() {
    let p = gs("{ <=1>[2-9]xxxxxxxxx | ^1900x+ | <011=+>x+ | <1=>xxxxxxxxxx | \\+x+ | 9. }");
    assert_eq!(p.rules.len(), 6);
    assert!(p.rules[1].barred);
    assert_eq!(
        dial(&p, "2125551234"),
        (Outcome::Match, Some(1), Some("12125551234".into()))
    );
    assert_eq!(dial(&p, "19005551234").0, Outcome::Barred);
    assert_eq!(
        dial(&p, "01144207946"),
        (Outcome::Match, Some(3), Some("+44207946".into()))
    );
    assert_eq!(
        dial(&p, "+442079460958"),
        (Outcome::Match, Some(5), Some("+442079460958".into()))
    );
    assert_eq!(
        dial(&p, "9*#"),
        (Outcome::Match, Some(6), Some("9*#".into())),
        "`.` takes any key"
    );
    assert_eq!(
        dial(&p, "9").0,
        Outcome::Partial,
        "`.` needs at least one key"
    );
    assert_eq!(gs("{x+|\\+x+}").to_string(), "{ x+ | \\+x+ }");
    assert_eq!(
        gs(&p.to_string()),
        p.without_columns()
            .clone()
            .with_columns_of(&gs(&p.to_string()))
    );
}

impl DialPlan {
    fn with_columns_of(mut self, other: &DialPlan) -> DialPlan {
        for (a, b) in self.rules.iter_mut().zip(&other.rules) {
            a.column = b.column;
        }
        self
    }
}

#[test]
fn interpretation_outside_nanp() {
    let gb = Region::parse("GB").unwrap();
    assert_eq!(
        interpret("00442079460958", gb).e164(),
        Some("+442079460958")
    );
    assert_eq!(interpret("02079460958", gb).e164(), Some("+442079460958"));
    assert_eq!(interpret("0012125551234", gb).e164(), Some("+12125551234"));
    assert_eq!(
        interpret("999", gb),
        Meaning::Emergency {
            number: "999".into()
        }
    );
    assert_eq!(
        interpret("112", gb),
        Meaning::Emergency {
            number: "112".into()
        }
    );
    assert_eq!(
        interpret("79460958", gb),
        Meaning::Unknown,
        "a local number without the trunk prefix"
    );
    assert_eq!(
        interpret("5551234", us()),
        Meaning::Unknown,
        "7 digits has no area code"
    );
}

fn codes(lints: &[Lint]) -> Vec<(&'static str, Option<usize>)> {
    lints.iter().map(|l| (l.code, l.rule)).collect()
}

#[test]
fn sample_plan_lints() {
    let lints = lint(&cisco(SAMPLE), us());
    let c = codes(&lints);
    assert!(c.contains(&("emergency-delayed", Some(1))), "{lints:#?}");
    let delayed = lints
        .iter()
        .find(|l| l.code == "emergency-delayed")
        .unwrap();
    assert!(
        delayed.message.contains("rule 5 (`[2-9]xxxxxxxxx`)"),
        "{}",
        delayed.message
    );
    assert!(c.contains(&("timer-wait", Some(2))), "{lints:#?}");
    assert!(c.contains(&("premium-allowed", Some(3))), "{lints:#?}");
    assert!(c.contains(&("premium-allowed", Some(5))), "{lints:#?}");
    for bad in [
        "emergency-missing",
        "emergency-barred",
        "rule-shadowed",
        "international-allowed",
    ] {
        assert!(
            !c.iter().any(|(code, _)| *code == bad),
            "{bad} in {lints:#?}"
        );
    }
    let premium = lints.iter().find(|l| l.code == "premium-allowed").unwrap();
    assert!(premium.message.contains("+1900"), "{}", premium.message);
    let fixed = lint(
        &cisco("(911S0|933S0|1[2-9]xxxxxxxxx|0111[2-9]xxxxxxxxx|[2-9]xxxxxxxxx)"),
        us(),
    );
    assert!(
        !codes(&fixed)
            .iter()
            .any(|(c, _)| *c == "emergency-delayed" || *c == "timer-wait"),
        "{fixed:#?}"
    );
}

#[test]
fn emergency_lints() {
    let missing = lint(&cisco("(1[2-9]xxxxxxxxx)"), us());
    let l = missing
        .iter()
        .find(|l| l.code == "emergency-missing")
        .expect("missing 911");
    assert_eq!(l.severity, Severity::Error);
    assert!(l.message.contains("911"), "{}", l.message);
    let barred = lint(&cisco("(911!|[2-9]11)"), us());
    assert!(
        codes(&barred).contains(&("emergency-barred", Some(1))),
        "{barred:#?}"
    );
    let gb = lint(&cisco("(999S0|0xxxxxxxxxx)"), Region::parse("GB").unwrap());
    assert!(
        codes(&gb).contains(&("emergency-missing", None)),
        "112 is missing too: {gb:#?}"
    );
}

#[test]
fn shadowed_and_international_lints() {
    let lints = lint(&cisco("(911S0|xxxx|1234|011x.)"), us());
    let shadow = lints
        .iter()
        .find(|l| l.code == "rule-shadowed")
        .expect("rule 3 is shadowed");
    assert_eq!(shadow.rule, Some(3));
    assert!(
        shadow.message.contains("rule 2 (`xxxx`)"),
        "{}",
        shadow.message
    );
    let intl = lints
        .iter()
        .find(|l| l.code == "international-allowed")
        .expect("011x. is international");
    assert_eq!(intl.rule, Some(4));
    assert!(intl.message.contains("reaches +2"), "{}", intl.message);
    let barred_intl = lint(&cisco("(911S0|011x.!|1[2-9]xxxxxxxxx)"), us());
    assert!(
        !codes(&barred_intl)
            .iter()
            .any(|(c, _)| *c == "international-allowed"),
        "{barred_intl:#?}"
    );
    let plus = lint(&gs("{ 911 | \\+x+ }"), us());
    assert!(
        codes(&plus)
            .iter()
            .any(|(c, _)| *c == "international-allowed"),
        "{plus:#?}"
    );
}
