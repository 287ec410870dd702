//! Runs that do not finish, each rolled back to the account as it was: a step Twilio refuses, an
//! app killed mid-run (found on the next start), a cancel between steps, and a plan made stale by
//! a change elsewhere (what it had sent is undone, the other change stays).

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use switchboard_core::engine::{self, Event, StateDir};
use switchboard_desktop::wizard::secrets::KeychainPasswords;
use switchboard_sandbox::{FaultRule, Faults};

use crate::support::*;
use crate::{PASSWORD, apply_collecting, spec, wizard, wizard_app};

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
