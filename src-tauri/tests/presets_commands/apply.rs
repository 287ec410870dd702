//! A built preset is a spec like any other: planned and applied on a customer sandbox, with its
//! generated password taken from the keychain.

use serde_json::json;
use switchboard_desktop::wizard::WizardState;
use tauri::Manager;

use crate::support::*;
use crate::{BOLNA_KEY, app, bolna_answers, env, genesys_answers};

/// Genesys end to end through the app's commands: answers → build → the generated password
/// kept for the apply → plan → apply on a customer sandbox; then a username/password Bolna trunk
/// registered with the password the apply used, read from the keychain (never sent back).
#[test]
fn a_built_preset_is_planned_and_applied_like_any_spec() {
    let t = app();
    let root = t.dirs.path().to_path_buf();
    t.app
        .manage(WizardState::new(&root.join("data"), &root.join("exports")));
    let sandbox = acme_sandbox();
    t.invoke(
        "connect_account",
        connect_request(&sandbox, ACME_TOKEN, false),
    )
    .expect("the customer account connects");

    let mut answers = genesys_answers();
    answers["numbers"] = json!(["+12125552368"]);
    let b = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": answers } }),
        )
        .unwrap();
    let build = &b["build"];
    let slot = &build["passwords"][0];
    let pw = "GenesysE2e7Qx4Lm9Rt2";
    t.invoke(
        "set_sip_password",
        json!({ "list": slot["list"], "username": slot["username"], "password": pw }),
    )
    .expect("password kept for the apply");
    let plan = t
        .invoke("plan_spec", json!({ "spec": build["spec"] }))
        .expect("plan");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:3" }),
        )
        .expect("apply");
    assert_eq!(out["ok"], true, "{out}");
    let state = sandbox.state_json();
    let trunk = state["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Genesys acme-twilio")
        .unwrap_or_else(|| panic!("the trunk: {state}"));
    assert_eq!(trunk["domain_name"], "acme-genesys.pstn.twilio.com");
    let text = state.to_string();
    assert!(
        text.contains("sip:acme-twilio.byoc.mypurecloud.ie"),
        "origination"
    );
    assert!(text.contains("52.48.1.11"), "Genesys addresses in the ACL");
    assert!(text.contains("genesys-acme-twilio"), "digest username");
    let number = state["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == "+12125552368")
        .unwrap();
    assert_eq!(number["trunk_sid"], trunk["sid"]);
    assert!(!text.contains(pw), "the sandbox state shows no password");

    // Bolna with username/password: the password kept for its apply reaches Bolna.
    let label = "acme-bolna-kept";
    let mut a = bolna_answers(label);
    a["auth_type"] = json!("userpass");
    let b = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "bolna", "answers": a } }),
        )
        .unwrap();
    let slot = &b["build"]["passwords"][0];
    let pw2 = "BolnaKept4Zr8Wq2Xn6";
    t.invoke(
        "set_sip_password",
        json!({ "list": slot["list"], "username": slot["username"], "password": pw2 }),
    )
    .unwrap();
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": a, "apiKey": BOLNA_KEY } }),
        )
        .unwrap();
    assert!(!r.to_string().contains(pw2));
    assert!(env().bolna.password_matches(&format!("Bolna {label}"), pw2));
}
