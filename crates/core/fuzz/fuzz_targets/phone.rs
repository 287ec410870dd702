//! Phone-number checks on arbitrary text: nothing may panic, and a number reported valid must
//! check valid again from its own E.164 form, with the same result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_core::validate::phone::{Region, check_number};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for region in [None, Some(Region::parse("GB").expect("GB is a region"))] {
        let c = check_number(text, region);
        if c.valid {
            let e164 = c.e164.as_deref().expect("a valid number has an E.164 form");
            let again = check_number(e164, None);
            assert!(again.valid, "{text:?} -> {e164} is no longer valid");
            assert_eq!(again.e164.as_deref(), Some(e164));
        }
    }
});
