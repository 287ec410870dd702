//! parse → print → parse for both notations, and simulation invariants.

use proptest::prelude::*;

use super::*;

fn cisco_token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9*#]".prop_map(String::from),
        Just("x".to_string()),
        Just("x.".to_string()),
        Just("[2-9]".to_string()),
        Just("[135*]".to_string()),
        Just("[0-4#].".to_string()),
        Just(",".to_string()),
        "<[0-9]{0,3}:[0-9*#+]{0,4}>",
        Just("<9x.:1>".to_string()),
    ]
}

fn cisco_rule() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(cisco_token(), 1..8),
        prop_oneof![Just(""), Just("!"), Just("S0"), Just("!L5"), Just("S2.5")],
    )
        .prop_map(|(t, suffix)| t.concat() + suffix)
        .prop_filter("a rule needs a key or a substitution", |r| {
            !r.chars().all(|c| c == ',')
        })
}

fn cisco_plan() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(cisco_rule(), 1..6),
        prop_oneof![Just(""), Just("L:10,"), Just("S:4,L:20,")],
    )
        .prop_map(|(rules, timers)| format!("({timers}{})", rules.join("|")))
}

fn gs_token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9*#]".prop_map(String::from),
        Just("x".to_string()),
        Just("x+".to_string()),
        Just("\\+".to_string()),
        Just("[2-9]+".to_string()),
        Just(".".to_string()),
        "<[0-9]{0,3}=[0-9+]{0,4}>",
    ]
}

fn gs_plan() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (any::<bool>(), prop::collection::vec(gs_token(), 1..8)),
        1..6,
    )
    .prop_map(|rules| {
        let rules: Vec<String> = rules
            .into_iter()
            .map(|(b, t)| format!("{}{}", if b { "^" } else { "" }, t.concat()))
            .collect();
        format!("{{ {} }}", rules.join(" | "))
    })
}

proptest! {
    #[test]
    fn cisco_roundtrip(text in cisco_plan()) {
        let p = DialPlan::parse(&text, Syntax::Cisco).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let printed = p.to_string();
        let again = DialPlan::parse(&printed, Syntax::Cisco).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(again.without_columns(), p.without_columns());
        prop_assert_eq!(again.to_string(), printed);
    }

    #[test]
    fn grandstream_roundtrip(text in gs_plan()) {
        let p = DialPlan::parse(&text, Syntax::Grandstream).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let printed = p.to_string();
        let again = DialPlan::parse(&printed, Syntax::Grandstream).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(again.without_columns(), p.without_columns());
    }

    /// Any text at all: parsing never panics, and whatever parses prints back to the same plan.
    #[test]
    fn arbitrary_text_roundtrips_when_it_parses(text in "[(){}|0-9x.\\[\\]<>:=!,*#+SL^\\\\ -]{0,24}") {
        for syntax in [Syntax::Cisco, Syntax::Grandstream] {
            if let Ok(p) = DialPlan::parse(&text, syntax) {
                let again = DialPlan::parse(&p.to_string(), syntax).map_err(|e| TestCaseError::fail(format!("{text} -> {p}: {e}")))?;
                prop_assert_eq!(again.without_columns(), p.without_columns());
            }
        }
    }

    /// Without substitutions, a matched number is sent exactly as dialled.
    #[test]
    fn plain_rules_send_what_was_dialled(text in cisco_plan(), digits in "[0-9*#]{1,12}") {
        let p = DialPlan::parse(&text, Syntax::Cisco).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let sim = Matcher::new(&p).simulate(&digits);
        if let (Outcome::Match, Some(r)) = (sim.outcome, sim.rule) {
            let plain = !p.rules[r].elements.iter().any(|e| matches!(e, Element::Subst { .. }));
            if plain {
                prop_assert_eq!(sim.sent.as_deref(), Some(digits.as_str()));
            }
        }
    }
}
