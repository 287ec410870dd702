//! SIP URI parser and printer on arbitrary text: nothing may panic, and whatever parses must
//! print back to a URI that parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_core::validate::sip_uri::{SipUri, sip_uri_issues};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(uri) = SipUri::parse(text) {
        let printed = uri.to_string();
        let again = SipUri::parse(&printed).expect("a printed URI must parse");
        assert_eq!(again, uri, "print/parse changed the URI");
    }
    let _ = sip_uri_issues("fuzz", text);
});
