//! An Elastic SIP trunk from field checks to the Done sheet: validation, plans refused with every
//! issue, the SIP password kept in the keychain, apply, a re-plan that is empty, the live trunk
//! opened as the same spec, exports and saved files; the password appears in no response and no
//! file.

use serde_json::{Value, json};

use crate::support::*;
use crate::{PASSWORD, Responses, spec, wizard, wizard_app};

#[test]
fn elastic_trunk_from_spec_to_done_sheet_without_leaking_the_password() {
    let (t, _sandbox) = wizard_app();
    let r = Responses::new();

    // Field checks and spec validation.
    let bad = r
        .call(&t, "validate_spec", json!({ "spec": { "kind": "elastic_trunk", "name": "", "termination_domain": "nope" } }))
        .expect("validate_spec answers with issues, not an error");
    let paths: Vec<&str> = bad
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"termination_domain"),
        "issues name the field: {bad}"
    );
    let typo = r
        .call(&t, "validate_spec", json!({ "spec": { "kind": "elastic_trunk", "name": "x", "termination_domain": "x.pstn.twilio.com", "colour": 1 } }))
        .unwrap();
    assert!(
        typo.to_string().contains("colour"),
        "an unknown field is named: {typo}"
    );
    let chips = r
        .call(
            &t,
            "check_items",
            json!({ "kind": "e164", "values": ["+1 415 555 2671", "555"] }),
        )
        .unwrap();
    assert_eq!(chips[0]["normalized"], "+14155552671");
    assert_eq!(chips[1]["normalized"], Value::Null);
    assert_eq!(chips[1]["issues"][0]["severity"], "error");

    let taken = r
        .call(
            &t,
            "domain_available",
            json!({ "kind": "termination", "label": "demo-office" }),
        )
        .unwrap();
    assert_eq!(taken["available"], false, "{taken}");
    assert!(
        taken["message"].as_str().unwrap().contains("Office PBX"),
        "{taken}"
    );
    let free = r
        .call(
            &t,
            "domain_available",
            json!({ "kind": "termination", "label": "acme-wizard" }),
        )
        .unwrap();
    assert_eq!(
        (free["available"].clone(), free["domain"].clone()),
        (json!(true), json!("acme-wizard.pstn.twilio.com"))
    );

    // Plans are refused with every issue when the spec is wrong.
    let e = r
        .call(
            &t,
            "plan_spec",
            json!({ "spec": spec("Acme", "-bad-", &["+14155552671"]) }),
        )
        .expect_err("a bad label is refused");
    assert_eq!(e["code"], "invalid");
    assert!(
        e["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["path"] == "termination_domain"),
        "{e}"
    );

    let s = spec(
        "Acme Wizard",
        "acme-wizard",
        &["+12125552368", "+13125557412"],
    );
    let plan = r.call(&t, "plan_spec", json!({ "spec": s })).expect("plan");
    assert_eq!(plan["empty"], false);
    let kinds: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"create") && kinds.contains(&"associate"),
        "{kinds:?}"
    );
    let plan_id = plan["plan_id"].as_str().unwrap().to_string();

    // Without its password the credential is refused before anything is sent.
    let e = r
        .call(
            &t,
            "apply_plan",
            json!({ "planId": plan_id, "onEvent": "__CHANNEL__:1" }),
        )
        .expect_err("missing password");
    assert_eq!(e["code"], "invalid");
    assert_eq!(
        e["issues"][0]["path"], "credential_lists[0].usernames[0]",
        "{e}"
    );

    // Weak passwords are refused naming the rule, never the password.
    let weak = r
        .call(
            &t,
            "set_sip_password",
            json!({ "list": "Acme Wizard users", "username": "pbx-main", "password": "weakpass" }),
        )
        .expect_err("weak password");
    assert_eq!(weak["field"], "password");
    assert!(
        weak["message"].as_str().unwrap().contains("upper-case"),
        "{weak}"
    );
    let st = r
        .call(
            &t,
            "password_status",
            json!({ "list": "Acme Wizard users", "usernames": ["pbx-main"] }),
        )
        .unwrap();
    assert_eq!(st, json!([{ "username": "pbx-main", "set": false }]));
    r.call(
        &t,
        "set_sip_password",
        json!({ "list": "Acme Wizard users", "username": "pbx-main", "password": PASSWORD }),
    )
    .expect("strong password kept");
    let st = r
        .call(
            &t,
            "password_status",
            json!({ "list": "Acme Wizard users", "usernames": ["pbx-main"] }),
        )
        .unwrap();
    assert_eq!(st[0]["set"], true);

    // Apply over IPC (the channel) and check the outcome and the account.
    let out = r
        .call(
            &t,
            "apply_plan",
            json!({ "planId": plan_id, "onEvent": "__CHANNEL__:2" }),
        )
        .expect("apply");
    assert_eq!(
        (
            out["ok"].clone(),
            out["rolled_back"].clone(),
            out["error"].clone()
        ),
        (json!(true), json!(false), Value::Null),
        "{out}"
    );
    let created = out["created"].as_array().unwrap();
    assert!(
        created
            .iter()
            .any(|c| c["sid"].as_str().unwrap().starts_with("TK")),
        "{out}"
    );
    assert!(
        created
            .iter()
            .any(|c| c["sid"].as_str().unwrap().starts_with("CR")),
        "{out}"
    );

    let again = r.call(&t, "plan_spec", json!({ "spec": s })).unwrap();
    assert_eq!(
        again["empty"], true,
        "re-planning an applied spec is empty: {again}"
    );
    let stale = r
        .call(
            &t,
            "apply_plan",
            json!({ "planId": plan_id, "onEvent": "__CHANNEL__:3" }),
        )
        .expect_err("an applied plan is forgotten");
    assert_eq!(stale["code"], "not_found");

    // The live trunk comes back as the same spec ("open in wizard").
    let inv =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    let trunk = inv
        .trunks
        .iter()
        .find(|x| x.friendly_name == "Acme Wizard")
        .expect("new trunk listed");
    assert_eq!(trunk.number_sids.len(), 2);
    assert_eq!(trunk.origination_urls.len(), 2);
    let acl = inv
        .ip_acls
        .iter()
        .find(|a| a.friendly_name == "Acme Wizard SBC")
        .unwrap();
    let mut addresses = acl.addresses.clone();
    addresses.sort();
    assert_eq!(addresses, vec!["52.1.2.10", "52.1.3.0/30"]);
    assert_eq!(acl.used_by, vec![trunk.sid.clone()]);
    let cl = inv
        .credential_lists
        .iter()
        .find(|c| c.friendly_name == "Acme Wizard users")
        .unwrap();
    assert_eq!(cl.usernames, vec!["pbx-main"]);
    let opened = r
        .call(&t, "spec_from_trunk", json!({ "trunkSid": trunk.sid }))
        .expect("open in wizard");
    assert_eq!(opened["kind"], "elastic_trunk");
    assert_eq!(
        opened["recording"],
        json!({ "mode": "record-from-answer", "trim": "trim-silence" })
    );
    assert_eq!(opened["transfer_mode"], "enable-all");
    let replanned = r.call(&t, "plan_spec", json!({ "spec": opened })).unwrap();
    assert_eq!(
        replanned["empty"], true,
        "the opened spec matches the account: {replanned}"
    );
    let e = r
        .call(&t, "spec_from_trunk", json!({ "trunkSid": "TK12" }))
        .expect_err("bad sid");
    assert_eq!(
        (e["code"].clone(), e["field"].clone()),
        (json!("invalid_input"), json!("trunk_sid"))
    );

    // Done sheet, exports, saved files.
    let sheet = r.call(&t, "done_sheet", json!({ "spec": s })).unwrap();
    let text = sheet.to_string();
    for want in [
        "acme-wizard.pstn.twilio.com",
        "acme-wizard.pstn.ashburn.twilio.com",
        "168.86.128.0/18",
        "pbx-main",
        "+12125552368",
    ] {
        assert!(text.contains(want), "{want} on the Done sheet");
    }
    assert!(!sheet["checklist"].as_array().unwrap().is_empty());
    let toml = r
        .call(&t, "export_spec", json!({ "spec": s, "format": "toml" }))
        .unwrap();
    assert!(
        toml.as_str()
            .unwrap()
            .contains("acme-wizard.pstn.twilio.com")
    );
    let tf = r
        .call(
            &t,
            "export_spec",
            json!({ "spec": s, "format": "terraform" }),
        )
        .unwrap();
    assert!(tf.as_str().unwrap().contains("twilio_"), "{tf}");
    for format in ["html", "pdf", "toml", "json"] {
        let saved = r
            .call(&t, "save_sheet", json!({ "spec": s, "format": format }))
            .unwrap();
        let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
        assert!(
            path.starts_with(t.dirs.path().join("exports/switchboard")),
            "{path:?}"
        );
        assert!(
            std::fs::metadata(&path).unwrap().len() > 100,
            "{path:?} has content"
        );
    }
    let html = r
        .call(&t, "save_sheet", json!({ "spec": s, "format": "html" }))
        .unwrap();
    assert!(
        html["path"]
            .as_str()
            .unwrap()
            .ends_with("acme-wizard-done-2.html"),
        "never overwrites: {html}"
    );

    // The password reached Twilio (the sandbox holds it) and nothing else.
    let leaks = r.containing(PASSWORD);
    assert!(
        leaks.is_empty(),
        "the password came back in a response: {leaks:?}"
    );
    let files = files_containing(t.dirs.path(), PASSWORD);
    assert!(
        files.is_empty(),
        "the password is in a file under the app dirs: {files:?}"
    );
    assert!(
        t.dirs.path().join("data/runs").exists(),
        "the run journal is in the app data dir"
    );
}
