//! The wizard commands through Tauri's mock runtime against real sandboxes: validate, check,
//! plan, apply (with the keychain as password source), re-plan to empty, Done sheet, exports,
//! drafts, inventory and "open in wizard", an interrupted run found and rolled back, a failed
//! step rolled back, a stale plan refused with what it sent undone, and a SIP password that
//! appears in no response and no file.
//!
//! By subject: [`elastic`] (the whole Elastic SIP trunk journey and the password that never
//! leaks), [`byoc_and_sip`] (the other specs as the UI sends them), [`failures`] (a failed step,
//! an interrupted run, a cancel and a stale plan, each rolled back), [`inventory`] (pages and the
//! reviewed teardown) and [`drafts`] (drafts, and the commands refused before an account is
//! connected). The app, the spec and the response log they share are below.

#[path = "../support/mod.rs"]
mod support;

mod byoc_and_sip;
mod drafts;
mod elastic;
mod failures;
mod inventory;
mod voice_password;

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use support::*;
use switchboard_core::engine::Event;
use switchboard_desktop::wizard::WizardState;
use switchboard_sandbox::Sandbox;
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
