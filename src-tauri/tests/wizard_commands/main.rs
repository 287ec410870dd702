//! The wizard commands through Tauri's mock runtime against real sandboxes: validate, check,
//! plan, apply (with the keychain as password source), re-plan to empty, Done sheet, exports,
//! drafts, inventory and "open in wizard", an interrupted run found and rolled back, a failed
//! step rolled back, a stale plan refused with what it sent undone, and a SIP password that
//! appears in no response and no file.

#[path = "../support/mod.rs"]
mod support;

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use support::*;
use switchboard_core::engine::{self, Event, StateDir};
use switchboard_core::inventory::InventoryEvent;
use switchboard_desktop::wizard::WizardState;
use switchboard_desktop::wizard::secrets::KeychainPasswords;
use switchboard_sandbox::Sandbox;
use switchboard_sandbox::{FaultRule, Faults};
use tauri::Manager;

const PASSWORD: &str = "WizSecret9xQ2r7LmZ4";

/// An app with the wizard's state, connected to a customer sandbox through a profile.
fn wizard_app() -> (TestApp, Sandbox) {
    let t = test_app();
    let root = t.dirs.path().to_path_buf();
    t.app
        .manage(WizardState::new(&root.join("data"), &root.join("exports")));
    let sandbox = acme_sandbox();
    t.invoke(
        "connect_account",
        connect_request(&sandbox, ACME_TOKEN, false),
    )
    .expect("the customer account connects");
    (t, sandbox)
}

fn spec(name: &str, label: &str, numbers: &[&str]) -> Value {
    json!({
        "kind": "elastic_trunk",
        "name": name,
        "termination_domain": format!("{label}.pstn.twilio.com"),
        "secure": false,
        "cnam_lookup": true,
        "transfer_mode": "enable-all",
        "transfer_caller_id": "from-transferee",
        "disaster_recovery_url": null,
        "disaster_recovery_method": "POST",
        "recording": { "mode": "record-from-answer", "trim": "trim-silence" },
        "ip_acls": [{ "name": format!("{name} SBC"), "addresses": ["52.1.2.10", "52.1.3.0/30"] }],
        "credential_lists": [{ "name": format!("{name} users"), "usernames": ["pbx-main"] }],
        "origination_urls": [
            { "name": "Primary", "sip_url": "sip:pbx.acme.example.com:5060", "priority": 10, "weight": 20, "enabled": true },
            { "name": "Backup", "sip_url": "sip:backup.acme.example.com:5060", "priority": 20, "weight": 10, "enabled": true }
        ],
        "numbers": numbers,
    })
}

/// Every IPC response of a test, kept to prove no secret ever comes back.
struct Responses(Mutex<Vec<String>>);

impl Responses {
    fn new() -> Self {
        Self(Mutex::new(vec![]))
    }
    fn call(&self, t: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
        let r = t.invoke(cmd, args);
        let text = match &r {
            Ok(v) | Err(v) => v.to_string(),
        };
        self.0.lock().unwrap().push(format!("{cmd}: {text}"));
        r
    }
    fn containing(&self, needle: &str) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.contains(needle))
            .cloned()
            .collect()
    }
}

fn wizard(t: &TestApp) -> tauri::State<'_, WizardState> {
    t.app.state::<WizardState>()
}

fn apply_collecting(t: &TestApp, plan_id: &str) -> (Value, Vec<Event>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let out = tauri::async_runtime::block_on(wizard(t).apply_plan(
        &t.state(),
        plan_id,
        &mut move |e: &Event| sink.lock().unwrap().push(e.clone()),
    ))
    .expect("apply runs");
    let events = events.lock().unwrap().clone();
    (serde_json::to_value(out).unwrap(), events)
}

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

#[test]
fn a_failed_step_is_rolled_back_and_reported_in_plain_words() {
    let (t, sandbox) = wizard_app();
    let s = spec("Acme Rollback", "acme-rollback", &["+16175553049"]);
    let plan = t.invoke("plan_spec", json!({ "spec": s })).unwrap();
    t.invoke(
        "set_sip_password",
        json!({ "list": "Acme Rollback users", "username": "pbx-main", "password": PASSWORD }),
    )
    .unwrap();
    sandbox.set_faults(Faults {
        rules: vec![FaultRule {
            method: "POST".into(),
            path_contains: "OriginationUrls".into(),
            nth: 2,
            status: 400,
        }],
        ..Faults::default()
    });
    let (out, events) = apply_collecting(&t, plan["plan_id"].as_str().unwrap());
    sandbox.set_faults(Faults::default());
    assert_eq!(
        (out["ok"].clone(), out["rolled_back"].clone()),
        (json!(false), json!(true)),
        "{out}"
    );
    assert!(
        out["error"].as_str().unwrap().contains("rolled back"),
        "{out}"
    );
    assert!(events.iter().any(|e| matches!(e, Event::StepFailed { .. })));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::StepReverted { .. }))
    );
    assert!(matches!(
        events.last(),
        Some(Event::Finished {
            ok: false,
            rolled_back: true
        })
    ));
    let inv =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(
        inv.trunks
            .iter()
            .all(|x| x.friendly_name != "Acme Rollback"),
        "the trunk is gone again"
    );
    assert!(
        inv.ip_acls
            .iter()
            .all(|x| x.friendly_name != "Acme Rollback SBC")
    );
    let n = inv
        .numbers
        .iter()
        .find(|n| n.phone_number == "+16175553049")
        .unwrap();
    assert_eq!(n.trunk_sid, None, "the number is detached, not released");
    assert_eq!(t.invoke("pending_run", json!({})).unwrap(), Value::Null);
}

#[test]
fn an_interrupted_run_is_found_and_rolled_back() {
    let (t, _sandbox) = wizard_app();
    let s = spec("Acme Crash", "acme-crash", &[]);
    t.invoke(
        "set_sip_password",
        json!({ "list": "Acme Crash users", "username": "pbx-main", "password": PASSWORD }),
    )
    .unwrap();
    let client = tauri::async_runtime::block_on(t.state().client()).unwrap();
    // The app is "killed" after 3 steps: the engine's test hook on the app's own journal dir.
    let spec = switchboard_desktop::wizard::decode_spec(s).unwrap();
    let plan = tauri::async_runtime::block_on(engine::plan(&spec, &client)).unwrap();
    let mut opts = engine::ApplyOptions::new(
        StateDir(t.dirs.path().join("data/runs")),
        Arc::new(KeychainPasswords {
            store: t.keychain.clone(),
            account: ACME_SID.into(),
        }),
    );
    opts.stop_after = Some(3);
    let stopped = tauri::async_runtime::block_on(engine::apply(plan, &client, &opts, &mut |_| {}));
    let Err(engine::ApplyError::Stopped(ran)) = stopped else {
        panic!("the run stops as if killed: {stopped:?}");
    };

    let pending = t.invoke("pending_run", json!({})).unwrap();
    assert_eq!(pending["title"], "Elastic SIP trunk 'Acme Crash'");
    // The journal may lag the last steps (it is written in the background, like after a real
    // kill); what it holds is never more than what ran.
    assert!(pending["done"].as_u64().unwrap() <= ran as u64, "{pending}");
    assert!(pending["total"].as_u64().unwrap() > ran as u64);

    // A new apply is refused until the interrupted run is dealt with.
    let other = t
        .invoke("plan_spec", json!({ "spec": spec_json_other() }))
        .unwrap();
    let refused = t
        .invoke(
            "apply_plan",
            json!({ "planId": other["plan_id"], "onEvent": "__CHANNEL__:1" }),
        )
        .expect_err("unfinished run first");
    assert_eq!(refused["code"], "conflict", "{refused}");

    let out = t
        .invoke("rollback_run", json!({ "onEvent": "__CHANNEL__:2" }))
        .expect("rollback");
    assert_eq!(
        (out["ok"].clone(), out["rolled_back"].clone()),
        (json!(false), json!(true)),
        "{out}"
    );
    assert_eq!(t.invoke("pending_run", json!({})).unwrap(), Value::Null);
    let e = t
        .invoke("resume_run", json!({ "onEvent": "__CHANNEL__:3" }))
        .expect_err("nothing to resume");
    assert_eq!(e["code"], "conflict");
    let inv =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(inv.trunks.iter().all(|x| x.friendly_name != "Acme Crash"));
}

fn spec_json_other() -> Value {
    json!({ "kind": "byoc",
        "connection_policy": { "name": "Acme carrier", "targets": [{ "sip_url": "sip:sbc.carrier.example.com:5060" }] },
        "trunk": { "name": "Acme carrier trunk", "voice_url": "https://example.com/voice" } })
}

#[test]
fn inventory_streams_pages_and_remove_is_a_reviewed_teardown() {
    let (t, _sandbox) = wizard_app();
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let inv = tauri::async_runtime::block_on(
        wizard(&t).load_inventory(&t.state(), &mut move |e| sink.lock().unwrap().push(e)),
    )
    .unwrap();
    let events = events.lock().unwrap().clone();
    let pages: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            InventoryEvent::NumbersPage { loaded, .. } => Some(*loaded),
            _ => None,
        })
        .collect();
    assert_eq!(pages.last().copied(), Some(inv.numbers.len() as u32));
    assert!(matches!(
        events.last(),
        Some(InventoryEvent::Finished { .. })
    ));
    let office = inv
        .trunks
        .iter()
        .find(|x| x.friendly_name == "Office PBX")
        .unwrap();
    assert_eq!(
        office.number_sids.len(),
        2,
        "the seeded trunk's two numbers are linked"
    );
    assert_eq!(office.ip_acl_sids.len(), 1);
    let via_ipc = t
        .invoke("load_inventory", json!({ "onEvent": "__CHANNEL__:4" }))
        .unwrap();
    assert_eq!(
        via_ipc["trunks"].as_array().unwrap().len(),
        inv.trunks.len()
    );

    // "Remove": a plan to review, then the same apply; numbers are detached, never released.
    let e = t
        .invoke("teardown_plan", json!({ "trunkSid": "TK1" }))
        .expect_err("bad sid");
    assert_eq!(e["field"], "trunk_sid");
    let plan = t
        .invoke("teardown_plan", json!({ "trunkSid": office.sid }))
        .expect("teardown plan");
    let kinds: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.iter().filter(|k| **k == "detach").count() >= 2,
        "both numbers are detached: {kinds:?}"
    );
    assert!(kinds.contains(&"delete"), "{kinds:?}");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:5" }),
        )
        .expect("teardown applies");
    assert_eq!(out["ok"], true, "{out}");
    let after =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(
        after.trunks.iter().all(|x| x.sid != office.sid),
        "the trunk is gone"
    );
    assert_eq!(
        after.numbers.len(),
        inv.numbers.len(),
        "no number was released"
    );
    for sid in &office.number_sids {
        let n = after.numbers.iter().find(|n| &n.sid == sid).unwrap();
        assert_eq!(n.trunk_sid, None);
    }
}

#[test]
fn drafts_survive_and_refuse_secrets() {
    let (t, _sandbox) = wizard_app();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), Value::Null);
    let draft =
        json!({ "flow": "elastic", "step": 2, "data": spec("Acme Draft", "acme-draft", &[]) });
    t.invoke("save_draft", json!({ "draft": draft })).unwrap();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), draft);
    let secret =
        json!({ "flow": "elastic", "step": 2, "data": { "passwords": { "pbx-main": PASSWORD } } });
    let e = t
        .invoke("save_draft", json!({ "draft": secret }))
        .expect_err("secret refused");
    assert_eq!(e["field"], "data.passwords");
    assert!(files_containing(t.dirs.path(), PASSWORD).is_empty());
    assert_eq!(
        t.invoke("load_draft", json!({})).unwrap(),
        draft,
        "the old draft is kept"
    );
    t.invoke("clear_draft", json!({})).unwrap();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), Value::Null);
}

#[test]
fn wizard_commands_need_a_connected_account() {
    let t = test_app();
    let root = t.dirs.path().to_path_buf();
    t.app
        .manage(WizardState::new(&root.join("data"), &root.join("exports")));
    let e = t
        .invoke("plan_spec", json!({ "spec": spec("x", "acme-x", &[]) }))
        .expect_err("not connected");
    assert_eq!(e["code"], "not_connected");
    let e = t
        .invoke(
            "set_sip_password",
            json!({ "list": "l", "username": "u", "password": PASSWORD }),
        )
        .expect_err("not connected");
    assert_eq!(e["code"], "not_connected");
}

#[test]
fn byoc_and_sip_domain_specs_as_the_ui_sends_them_plan_and_apply() {
    let (t, _sandbox) = wizard_app();
    // The UI's shape: every field present, absent optionals as null, no `version`.
    let byoc = json!({
        "kind": "byoc",
        "connection_policy": { "name": "Acme carrier", "targets": [
            { "name": null, "sip_url": "sip:sbc1.carrier.example.com:5060", "priority": 10, "weight": 10, "enabled": true },
            { "name": "backup", "sip_url": "sip:sbc2.carrier.example.com:5060", "priority": 20, "weight": 10, "enabled": true }
        ] },
        "trunk": {
            "name": "Acme carrier trunk", "voice_url": "https://example.com/voice", "voice_method": "POST",
            "fallback_url": null, "fallback_method": "POST", "status_callback_url": null,
            "status_callback_method": "POST", "cnam_lookup": false, "from_domain": null
        },
        "router": null
    });
    assert_eq!(
        t.invoke("validate_spec", json!({ "spec": byoc })).unwrap(),
        json!([])
    );
    let plan = t
        .invoke("plan_spec", json!({ "spec": byoc }))
        .expect("byoc plan");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:1" }),
        )
        .unwrap();
    assert_eq!(out["ok"], true, "{out}");
    assert!(
        out["created"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["sid"].as_str().unwrap().starts_with("BY"))
    );
    assert_eq!(
        t.invoke("plan_spec", json!({ "spec": byoc })).unwrap()["empty"],
        true
    );
    let sheet = t.invoke("done_sheet", json!({ "spec": byoc })).unwrap();
    assert!(
        sheet
            .to_string()
            .contains("sip:sbc2.carrier.example.com:5060")
    );

    let domain = json!({
        "kind": "sip_domain", "domain": "acme-phones.sip.twilio.com", "friendly_name": null,
        "voice_url": "https://example.com/phones", "voice_method": "POST", "registration": true,
        "emergency_calling": false, "secure": false,
        "credential_lists": [{ "name": "Acme phones", "usernames": ["alice", "bob"], "calls": true, "registrations": true }],
        "ip_acls": [], "router": null
    });
    let free = t
        .invoke(
            "domain_available",
            json!({ "kind": "sip_domain", "label": "acme-phones" }),
        )
        .unwrap();
    assert_eq!(free["available"], true, "{free}");
    let plan = t.invoke("plan_spec", json!({ "spec": domain })).unwrap();
    for user in ["alice", "bob"] {
        t.invoke(
            "set_sip_password",
            json!({ "list": "Acme phones", "username": user, "password": PASSWORD }),
        )
        .unwrap();
    }
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:2" }),
        )
        .unwrap();
    assert_eq!(out["ok"], true, "{out}");
    let taken = t
        .invoke(
            "domain_available",
            json!({ "kind": "sip_domain", "label": "acme-phones" }),
        )
        .unwrap();
    assert_eq!(taken["available"], false, "{taken}");
    assert!(files_containing(t.dirs.path(), PASSWORD).is_empty());
}

#[test]
fn cancel_stops_between_steps_and_rolls_back() {
    let (t, sandbox) = wizard_app();
    let s = spec("Acme Cancel", "acme-cancel", &["+13105559032"]);
    t.invoke(
        "set_sip_password",
        json!({ "list": "Acme Cancel users", "username": "pbx-main", "password": PASSWORD }),
    )
    .unwrap();
    let plan = t.invoke("plan_spec", json!({ "spec": s })).unwrap();
    let plan_id = plan["plan_id"].as_str().unwrap().to_string();
    sandbox.set_faults(Faults {
        latency_ms: 150,
        ..Faults::default()
    });
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let (wiz, app_state) = (wizard(&t).inner(), t.state().inner());
    let out = std::thread::scope(|scope| {
        let run = scope.spawn(|| {
            let started = Mutex::new(Some(started_tx));
            tauri::async_runtime::block_on(wiz.apply_plan(app_state, &plan_id, &mut |e| {
                if let (Event::StepSucceeded { .. }, Some(tx)) =
                    (e, started.lock().unwrap().as_ref())
                {
                    let _ = tx.send(());
                }
            }))
        });
        if started_rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .is_err()
        {
            panic!("no step finished: {:?}", run.join().unwrap());
        }
        let second = t
            .invoke(
                "apply_plan",
                json!({ "planId": plan_id, "onEvent": "__CHANNEL__:1" }),
            )
            .expect_err("one apply at a time");
        assert_eq!(second["code"], "conflict", "{second}");
        t.invoke("cancel_apply", json!({})).expect("cancel");
        run.join().unwrap()
    });
    sandbox.set_faults(Faults::default());
    let out = out.expect("a cancelled run is an outcome");
    assert!(!out.ok && out.rolled_back, "{out:?}");
    assert!(
        out.error.as_deref().unwrap().contains("cancelled"),
        "{out:?}"
    );
    let inv =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(inv.trunks.iter().all(|x| x.friendly_name != "Acme Cancel"));
    assert!(
        inv.credential_lists
            .iter()
            .all(|x| x.friendly_name != "Acme Cancel users")
    );
}

#[test]
fn a_plan_made_stale_by_a_change_elsewhere_is_refused_and_what_it_sent_is_undone() {
    let (t, sandbox) = wizard_app();
    let s = spec("Acme Stale", "acme-stale", &["+16175553049"]);
    let plan = t.invoke("plan_spec", json!({ "spec": s })).unwrap();
    t.invoke(
        "set_sip_password",
        json!({ "list": "Acme Stale users", "username": "pbx-main", "password": PASSWORD }),
    )
    .unwrap();
    // Someone makes one of the plan's lists in the Console after the plan was reviewed.
    let creds = switchboard_twilio::Credentials::auth_token(
        sandbox.account_sid(),
        switchboard_twilio::Secret::new(ACME_TOKEN),
    )
    .unwrap();
    let other = switchboard_twilio::Client::builder(creds)
        .endpoints(switchboard_twilio::Endpoints::single(&sandbox.base_url()))
        .build()
        .unwrap();
    tauri::async_runtime::block_on(other.create_ip_acl("Acme Stale SBC")).unwrap();
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let err = tauri::async_runtime::block_on(wizard(&t).apply_plan(
        &t.state(),
        plan["plan_id"].as_str().unwrap(),
        &mut move |e: &Event| sink.lock().unwrap().push(e.clone()),
    ))
    .expect_err("a stale plan is refused");
    let err = serde_json::to_value(err).unwrap();
    assert_eq!(err["code"], "conflict", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("changed since this plan was made"),
        "{err}"
    );
    let events = events.lock().unwrap().clone();
    let started = events
        .iter()
        .filter(|e| matches!(e, Event::StepStarted { .. }))
        .count();
    let reverted = events
        .iter()
        .filter(|e| matches!(e, Event::StepReverted { .. }))
        .count();
    assert!(started > 0, "the first creates went out with the check");
    assert_eq!(reverted, started, "each of them was undone");
    assert!(events.iter().any(|e| matches!(
        e,
        Event::RollbackStarted { reason } if reason.starts_with("the account changed since this plan was made")
            && !reason.contains("fingerprint")
    )));
    let inv =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(inv.trunks.iter().all(|x| x.friendly_name != "Acme Stale"));
    assert_eq!(
        inv.ip_acls
            .iter()
            .filter(|x| x.friendly_name == "Acme Stale SBC")
            .count(),
        1,
        "the list made elsewhere is still there, and only it"
    );
    assert!(
        inv.credential_lists
            .iter()
            .all(|x| x.friendly_name != "Acme Stale users")
    );
    assert_eq!(t.invoke("pending_run", json!({})).unwrap(), Value::Null);
}
