//! Dial-plan parser, printer, simulator and lints on arbitrary text: nothing may panic, and
//! whatever parses must print back to the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_core::validate::dialplan::{DialPlan, Matcher, Syntax, lint};
use switchboard_core::validate::phone::Region;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for syntax in [Syntax::Cisco, Syntax::Grandstream] {
        let Ok(plan) = DialPlan::parse(text, syntax) else {
            continue;
        };
        let printed = plan.to_string();
        let again = DialPlan::parse(&printed, syntax).expect("a printed plan must parse");
        assert_eq!(
            again.without_columns(),
            plan.without_columns(),
            "print/parse changed the plan"
        );
        let m = Matcher::new(&plan);
        for dialled in ["911", "12125551234", "0111", "*#+", text] {
            let _ = m.simulate(dialled);
        }
        if text.len() <= 96 {
            let _ = lint(&plan, Region::parse("US").expect("US is a region"));
        }
    }
});
