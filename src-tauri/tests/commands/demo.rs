//! The demo: it connects, lists its numbers page by page and resets; its state is kept between
//! launches until it is reset.

use serde_json::{Value, json};
use switchboard_desktop::ipc::NumbersEvent;
use switchboard_twilio::{Client, Credentials, Endpoints, Secret};

use crate::support::*;

#[test]
fn demo_connects_lists_numbers_page_by_page_and_resets() {
    let t = test_app();
    let session = t.invoke("connect_demo", json!({})).expect("demo connects");
    assert_eq!(session["demo"], true);
    assert_eq!(session["account"]["friendlyName"], "Switchboard Demo");
    assert!(
        session.get("profile").is_none(),
        "the demo has no saved profile"
    );

    let events = std::sync::Mutex::new(Vec::new());
    let summary =
        tauri::async_runtime::block_on(t.state().load_numbers(|e| events.lock().unwrap().push(e)))
            .unwrap();
    let events = events.into_inner().unwrap();
    assert!(matches!(events.first(), Some(NumbersEvent::Started)));
    assert!(
        matches!(events.last(), Some(NumbersEvent::Finished { total }) if *total == summary.total)
    );
    let pages: Vec<_> = events
        .iter()
        .filter(|e| matches!(e, NumbersEvent::Page { .. }))
        .collect();
    assert_eq!(pages.len() as u32, summary.pages);
    assert!(
        summary.pages >= 2,
        "the demo's numbers span several pages so progress is visible: {summary:?}"
    );
    assert!(summary.total > 0);

    let via_ipc = t
        .invoke("load_numbers", json!({ "onEvent": "__CHANNEL__:7" }))
        .expect("load_numbers over IPC");
    assert_eq!(via_ipc["total"], summary.total);

    let reset = t.invoke("reset_demo", json!({})).expect("reset");
    assert_eq!(reset["demo"], true);
    assert!(
        t.dirs.path().join("data/demo-sandbox.json").exists(),
        "demo state is saved in the data dir"
    );
}

#[test]
fn demo_state_is_kept_between_launches_until_reset() {
    let dirs = tempfile::tempdir().unwrap();
    let root = dirs.path().to_path_buf();
    let t = test_app_in(dirs, true);
    let s = t
        .invoke("current_session", json!({}))
        .expect("--demo connects on first ask");
    assert_eq!(s["demo"], true);
    let base = s["apiBaseUrl"].as_str().unwrap().to_string();
    let client = Client::new(
        Credentials::auth_token(
            switchboard_sandbox::DEMO_ACCOUNT_SID,
            Secret::new(switchboard_sandbox::DEMO_AUTH_TOKEN),
        )
        .unwrap(),
        Endpoints::single(&base),
    )
    .unwrap();
    let key = tauri::async_runtime::block_on(client.create_key("prepared for tomorrow")).unwrap();
    tauri::async_runtime::block_on(t.state().demo.shutdown());
    let dirs = t.dirs;
    drop(t.app);

    let again = test_app_in(dirs, false);
    assert_eq!(
        again.invoke("current_session", json!({})).unwrap(),
        Value::Null,
        "no autostart without --demo"
    );
    let s = again.invoke("connect_demo", json!({})).unwrap();
    let client = Client::new(
        Credentials::auth_token(
            switchboard_sandbox::DEMO_ACCOUNT_SID,
            Secret::new(switchboard_sandbox::DEMO_AUTH_TOKEN),
        )
        .unwrap(),
        Endpoints::single(s["apiBaseUrl"].as_str().unwrap()),
    )
    .unwrap();
    tauri::async_runtime::block_on(client.fetch_key(&key.sid))
        .expect("the key made before the restart is still there");
    again.invoke("reset_demo", json!({})).unwrap();
    let err = tauri::async_runtime::block_on(client.fetch_key(&key.sid)).unwrap_err();
    assert!(err.is_not_found(), "reset removes what was added: {err:?}");
    assert!(root.join("data/demo-sandbox.json").exists());
}
