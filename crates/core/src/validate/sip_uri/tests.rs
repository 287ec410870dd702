use proptest::prelude::*;

use super::*;
use crate::validate::{Severity, has_errors};

#[test]
fn parses_the_usual_forms() {
    let u = SipUri::parse("sip:pbx.example.com:5061;transport=tls;edge=dublin").unwrap();
    assert_eq!(u.host, Host::Domain("pbx.example.com".into()));
    assert_eq!(u.port, Some(5061));
    assert_eq!(u.param("transport"), Some(Some("tls")));
    assert_eq!(
        u.to_string(),
        "sip:pbx.example.com:5061;transport=tls;edge=dublin"
    );
    let u = SipUri::parse("sip:+14155552671@13.200.45.61:5060").unwrap();
    assert_eq!(
        (u.user.as_deref(), u.host.clone()),
        (
            Some("+14155552671"),
            Host::Ipv4("13.200.45.61".parse().unwrap())
        )
    );
    let u = SipUri::parse("sip:[2001:db8::1]:5060;lr").unwrap();
    assert_eq!(
        (u.host.clone(), u.port),
        (Host::Ipv6("2001:db8::1".into()), Some(5060))
    );
    assert_eq!(u.to_string(), "sip:[2001:db8::1]:5060;lr");
}

#[test]
fn parse_errors_have_columns() {
    for (text, col, word) in [
        ("sip: pbx.example.com", 5, "spaces"),
        ("sip:", 5, "host"),
        ("sip:pbx.example.com:99999", 21, "port"),
        ("sip://pbx.example.com", 5, "//"),
        ("http:pbx", 1, "scheme"),
        ("sip:pbx..com", 5, "host name"),
        ("sip:pbx.example.com;=x", 20, "parameter"),
        ("sip:[::1", 5, "`]`"),
    ] {
        let e = SipUri::parse(text).expect_err(text);
        assert_eq!(e.column, col, "{text}: {e}");
        assert!(e.message.contains(word), "{text}: {e}");
    }
}

#[test]
fn twilio_rules() {
    assert!(sip_uri_issues("u", "sip:pbx.example.com:5060").is_empty());
    assert!(sip_uri_issues("u", "sip:sip.bolna.ai:5061;transport=tls").is_empty());
    assert!(sip_uri_issues("u", "sip:13.200.45.61:5060").is_empty());
    let sips = sip_uri_issues("u", "sips:pbx.example.com");
    assert!(sips[0].message.contains("sips:"), "{sips:?}");
    assert!(sips[0].hint.as_deref().unwrap().contains("transport=tls"));
    for bad in [
        "sip: pbx.example.com",
        "sip:",
        "pbx.example.com",
        "sip:10.0.0.5",
        "sip:pbx.example.com;transport=sctp",
        "sip:pbx.example.com;edge=mars",
        "sip:bob:secret@pbx.example.com",
        "sip:localhost",
    ] {
        let issues = sip_uri_issues("origination_urls[0].sip_url", bad);
        assert!(has_errors(&issues), "{bad} must be refused: {issues:?}");
        assert_eq!(issues[0].path, "origination_urls[0].sip_url");
    }
    assert!(
        sip_uri_issues("u", "sip:10.0.0.5")[0]
            .message
            .contains("private address")
    );
    let w = sip_uri_issues("u", "sip:pbx.example.com:5061");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(
        sip_uri_issues("u", "sip:pbx.example.com;lr")[0].severity,
        Severity::Info
    );
}

fn label() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,8}[a-z0-9]"
}

fn uri() -> impl Strategy<Value = SipUri> {
    let host = prop_oneof![
        prop::collection::vec(label(), 1..4).prop_map(|l| Host::Domain(l.join("."))),
        any::<[u8; 4]>().prop_map(|o| Host::Ipv4(o.into())),
        any::<[u16; 8]>().prop_map(|s| Host::Ipv6(std::net::Ipv6Addr::from(s).to_string())),
    ];
    (
        any::<bool>(),
        prop::option::of("[a-zA-Z0-9+._-]{1,12}"),
        host,
        prop::option::of(1u16..),
        prop::collection::vec(("[a-z]{1,9}", prop::option::of("[a-zA-Z0-9.-]{1,9}")), 0..3),
        prop::collection::vec(("[a-zA-Z]{1,6}", "[a-z0-9]{0,6}"), 0..2),
    )
        .prop_map(|(sips, user, host, port, params, headers)| SipUri {
            scheme: if sips { Scheme::Sips } else { Scheme::Sip },
            user,
            password: None,
            host,
            port,
            params,
            headers,
        })
}

proptest! {
    #[test]
    fn print_then_parse_is_identity(u in uri()) {
        let printed = u.to_string();
        let back = SipUri::parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(&back, &u);
        prop_assert_eq!(back.to_string(), printed);
    }

    #[test]
    fn parse_never_panics_and_reprints_stably(s in "(sip|sips):[a-z0-9@.:;=\\[\\]?&+-]{0,30}") {
        if let Ok(u) = SipUri::parse(&s) {
            let again = SipUri::parse(&u.to_string()).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
            prop_assert_eq!(again, u);
        }
    }
}
