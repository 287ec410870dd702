//! Connecting a customer account with wrong or bad details: each failure has its code and field,
//! and nothing is saved; the diagnostics list the errors but no secret.

use serde_json::json;

use crate::support::*;

#[test]
fn wrong_token_is_a_401_and_nothing_is_saved() {
    let t = test_app();
    let sandbox = acme_sandbox();
    let err = t
        .invoke(
            "connect_account",
            connect_request(&sandbox, "not-the-token", false),
        )
        .unwrap_err();
    assert_eq!(err["code"], "wrong_credentials", "{err}");
    assert_eq!(err["twilioCode"], 20003);
    assert!(err["message"].as_str().unwrap().contains("401"));
    assert!(
        t.keychain.keys().is_empty(),
        "no secret stored after a failed check"
    );
    let profiles = t.invoke("list_profiles", json!({})).unwrap();
    assert_eq!(profiles["profiles"], json!([]));
}

#[test]
fn bad_sid_unreachable_and_suspended_each_have_their_code() {
    let t = test_app();
    let sandbox = acme_sandbox();
    let mut req = connect_request(&sandbox, ACME_TOKEN, false);
    req["request"]["accountSid"] = json!("AC123");
    let err = t.invoke("connect_account", req).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid_input"), Some("account_sid")),
        "{err}"
    );
    assert!(err["message"].as_str().unwrap().contains("AC123"));

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let mut req = connect_request(&sandbox, ACME_TOKEN, false);
    req["request"]["endpoint"]["baseUrl"] = json!(dead);
    let err = t.invoke("connect_account", req).unwrap_err();
    assert_eq!(err["code"], "unreachable", "{err}");

    let mut req = connect_request(&sandbox, ACME_TOKEN, false);
    req["request"]["endpoint"] = json!({ "region": "ie1" });
    let err = t.invoke("connect_account", req).unwrap_err();
    assert_eq!(err["field"], "edge", "{err}");

    sandbox.set_account_status("suspended").unwrap();
    let err = t
        .invoke(
            "connect_account",
            connect_request(&sandbox, ACME_TOKEN, false),
        )
        .unwrap_err();
    assert_eq!(err["code"], "account_suspended", "{err}");
    assert!(t.keychain.keys().is_empty());
}

#[test]
fn diagnostics_report_errors_but_no_secret() {
    let t = test_app();
    let sandbox = acme_sandbox();
    t.invoke(
        "connect_account",
        connect_request(&sandbox, "wrong-token-zz9", false),
    )
    .unwrap_err();
    t.invoke(
        "connect_account",
        connect_request(&sandbox, ACME_TOKEN, false),
    )
    .unwrap();
    let d = t.invoke("copy_diagnostics", json!({})).unwrap();
    let text = d["text"].as_str().unwrap();
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
    assert!(
        text.contains("WrongCredentials"),
        "recent errors listed: {text}"
    );
    assert!(text.contains("Acme Corp"), "{text}");
    assert!(
        !text.contains(ACME_TOKEN) && !text.contains("wrong-token-zz9"),
        "{text}"
    );
}
