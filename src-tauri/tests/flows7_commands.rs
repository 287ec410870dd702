//! The BYOC and SIP-phone wizards' own commands through Tauri's mock runtime (the real config and
//! capability, so the ACL is enforced): the dial-plan checker (parse error with its column,
//! lints, the simulator's "dial 4155550100 → rule 5 → sends +14155550100") and the outbound
//! test call against the demo sandbox, streaming statuses until `completed`.

mod support;

use serde_json::{Value, json};
use support::*;
use switchboard_desktop::commands::calls::{CallStatusEvent, TestCallRequest, run_test_call};
use switchboard_twilio::{ByocTrunkParams, Client, Credentials, Endpoints, Secret};

const US_PLAN: &str =
    "(911S0|933S0|1900xxxxxxx!|900xxxxxxx!|<:+1>[2-9]xxxxxxxxxS0|<1:+1>[2-9]xxxxxxxxxS0)";

fn check(t: &TestApp, plan: &str, country: &str, dial: &[&str]) -> Result<Value, Value> {
    t.invoke(
        "check_dialplan",
        json!({ "request": { "plan": plan, "country": country, "dial": dial } }),
    )
}

#[test]
fn a_good_plan_numbers_its_rules_and_simulates_dials() {
    let t = test_app();
    let r = check(
        &t,
        US_PLAN,
        "US",
        &["4155550100", "19005550100", "911", "41", "555#x"],
    )
    .expect("the plan is checked");
    assert_eq!(r["syntax"], "cisco");
    assert!(r["error"].is_null(), "{r}");
    assert_eq!(r["rules"].as_array().unwrap().len(), 6);
    assert_eq!(r["rules"][4], "<:+1>[2-9]xxxxxxxxxS0");
    assert_eq!(
        r["lints"],
        json!([]),
        "the suggested plan has no findings: {r}"
    );

    let d = &r["dials"];
    assert_eq!(d[0]["outcome"], "match");
    assert_eq!(d[0]["rule"], 5);
    assert_eq!(d[0]["sent"], "+14155550100");
    assert_eq!(d[0]["e164"], "+14155550100");
    assert_eq!(d[0]["waitsForTimer"], false);
    assert!(
        d[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("rule 5 (`<:+1>[2-9]xxxxxxxxxS0`) sends +14155550100"),
        "{}",
        d[0]["summary"]
    );
    assert_eq!(d[1]["outcome"], "barred");
    assert_eq!(d[1]["rule"], 3);
    assert_eq!(d[2]["outcome"], "match");
    assert!(
        d[2]["summary"]
            .as_str()
            .unwrap()
            .contains("emergency number 911"),
        "{}",
        d[2]["summary"]
    );
    assert_eq!(d[3]["outcome"], "partial");
    assert_eq!(d[4]["outcome"], "invalid");
    assert!(
        d[4]["summary"].as_str().unwrap().contains("`x`"),
        "names the key a phone cannot dial: {}",
        d[4]["summary"]
    );
}

#[test]
fn a_broken_plan_reports_the_column_and_nothing_else() {
    let t = test_app();
    let r = check(&t, "(911|1900xxxxxxx!|x[", "US", &["911"]).expect("answered");
    let err = &r["error"];
    assert!(err["column"].as_u64().unwrap() >= 19, "{r}");
    assert!(!err["message"].as_str().unwrap().is_empty());
    assert_eq!(r["rules"], json!([]));
    assert_eq!(
        r["dials"],
        json!([]),
        "nothing is simulated on a plan that does not parse"
    );
}

#[test]
fn lints_name_the_rule_and_grandstream_is_recognised() {
    let t = test_app();
    // No emergency number at all, and international calls allowed.
    let r = check(&t, "(<:+1>[2-9]xxxxxxxxx|011x.)", "US", &[]).unwrap();
    let codes: Vec<&str> = r["lints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"emergency-missing"), "{codes:?}");
    let missing = r["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "emergency-missing")
        .unwrap();
    assert_eq!(missing["severity"], "error");
    assert!(missing["message"].as_str().unwrap().contains("911"));
    let intl = r["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "international-allowed")
        .expect("international rule flagged");
    assert_eq!(intl["rule"], 2);

    let g = check(&t, "{ 911 | <=1>[2-9]xxxxxxxxx }", "US", &["4155550100"]).unwrap();
    assert_eq!(g["syntax"], "grandstream");
    assert!(g["error"].is_null(), "{g}");
    assert_eq!(g["dials"][0]["outcome"], "match");
}

#[test]
fn a_bad_country_or_too_many_dials_is_refused_with_the_field() {
    let t = test_app();
    let e = check(&t, US_PLAN, "Narnia", &[]).expect_err("unknown country");
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "country");
    assert!(e["message"].as_str().unwrap().contains("Narnia"), "{e}");

    let many: Vec<&str> = vec!["911"; 21];
    let e = check(&t, US_PLAN, "US", &many).expect_err("too many");
    assert_eq!(e["field"], "dial");
}

/// The demo connected, and a client on the same sandbox (to prepare and inspect it).
fn demo(t: &TestApp) -> Client {
    let s = t.invoke("connect_demo", json!({})).expect("demo connects");
    Client::new(
        Credentials::auth_token(
            switchboard_sandbox::DEMO_ACCOUNT_SID,
            Secret::new(switchboard_sandbox::DEMO_AUTH_TOKEN),
        )
        .unwrap(),
        Endpoints::single(s["apiBaseUrl"].as_str().unwrap()),
    )
    .unwrap()
}

fn request(to: &str, from: &str, byoc: Option<&str>) -> TestCallRequest {
    serde_json::from_value(json!({ "to": to, "from": from, "byocTrunkSid": byoc }))
        .expect("the request's wire shape")
}

#[test]
fn the_test_call_over_a_byoc_trunk_streams_every_status_until_completed() {
    let t = test_app();
    let client = demo(&t);
    let trunk = tauri::async_runtime::block_on(client.create_byoc_trunk(&ByocTrunkParams {
        friendly_name: Some("Carrier".into()),
        ..ByocTrunkParams::default()
    }))
    .expect("a BYOC trunk on the demo");
    let events = std::sync::Mutex::new(Vec::<CallStatusEvent>::new());
    let last = tauri::async_runtime::block_on(run_test_call(
        &t.state(),
        request("+14155550199", "+12025550123", Some(trunk.sid.as_ref())),
        |e| events.lock().unwrap().push(e),
    ))
    .expect("the call is placed");
    let events = events.into_inner().unwrap();
    let statuses: Vec<&str> = events.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(last.status, "completed", "{statuses:?}");
    assert!(last.is_final);
    assert_eq!(statuses.last(), Some(&"completed"));
    assert!(
        statuses.len() >= 2 && !events[0].is_final,
        "each status arrives as it happens, not only the last: {statuses:?}"
    );
    assert!(events.iter().all(|e| e.call_sid == last.call_sid));
    let wire = serde_json::to_value(&last).unwrap();
    assert_eq!(wire["final"], true);
    assert_eq!(wire["callSid"], last.call_sid);

    let call = tauri::async_runtime::block_on(client.fetch_call(&last.call_sid.parse().unwrap()))
        .expect("the call is on the account");
    assert_eq!(call.to.as_deref(), Some("+14155550199"));

    // Through the IPC too (the channel is the webview's; the final status is the answer).
    let via_ipc = t
        .invoke(
            "test_call",
            json!({ "request": { "to": "+14155550199", "from": "+12025550123", "byocTrunkSid": trunk.sid.to_string() }, "onEvent": "__CHANNEL__:9" }),
        )
        .expect("test_call over IPC");
    assert_eq!(via_ipc["status"], "completed");
    assert_eq!(via_ipc["final"], true);
}

#[test]
fn a_test_call_with_bad_numbers_names_each_field_and_places_nothing() {
    let t = test_app();
    let _client = demo(&t);
    let e = t
        .invoke(
            "test_call",
            json!({ "request": { "to": "4155550199", "from": "+1 202 555 0123", "byocTrunkSid": "TK0123456789abcdef0123456789abcdef" }, "onEvent": "__CHANNEL__:9" }),
        )
        .expect_err("refused before calling");
    assert_eq!(e["code"], "invalid");
    let issues = e["issues"].as_array().expect("every field's issue");
    let paths: Vec<&str> = issues.iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["to", "from", "byoc_trunk_sid"], "{e}");
    assert!(
        issues[1]["message"]
            .as_str()
            .unwrap()
            .contains("+12025550123"),
        "says how to write it: {e}"
    );
}

#[test]
fn a_test_call_over_an_unknown_trunk_is_twilios_refusal_and_needs_a_connection() {
    let t = test_app();
    let e = t
        .invoke(
            "test_call",
            json!({ "request": { "to": "+14155550199", "from": "+12025550123" }, "onEvent": "__CHANNEL__:9" }),
        )
        .expect_err("not connected");
    assert_eq!(e["code"], "not_connected");

    let _client = demo(&t);
    let e = t
        .invoke(
            "test_call",
            json!({ "request": { "to": "+14155550199", "from": "+12025550123", "byocTrunkSid": "BY0123456789abcdef0123456789abcdef" }, "onEvent": "__CHANNEL__:9" }),
        )
        .expect_err("no such trunk");
    assert_eq!(e["code"], "twilio", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("BY0123456789abcdef0123456789abcdef"),
        "{e}"
    );
}
