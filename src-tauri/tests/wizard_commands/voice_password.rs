//! A number whose voice URL carries a password, attached by the wizard: the password is in no
//! IPC response and no file; the run keeps the full URL in the keychain while it may need it
//! for a rollback, the rollback puts it back as it was, and the keychain entry is gone after.

use std::sync::Arc;

use serde_json::json;
use switchboard_core::engine::{SecretSource, voice_url_key};
use switchboard_desktop::keychain::SecretStore;
use switchboard_desktop::wizard::secrets::KeychainPasswords;
use switchboard_sandbox::{FaultRule, Faults};
use switchboard_twilio::{Client, NumberFilter, NumberUpdate, Secret};

use crate::support::*;
use crate::{PASSWORD, Responses, apply_collecting, spec, wizard_app};

const NUMBER: &str = "+16175553049";
const URL: &str = "https://bob:s3cret@hooks.acme.example/voice";
const URL_PASSWORD: &str = "s3cret";

/// Gives [`NUMBER`] the voice URL [`URL`], as someone would in the Console; returns its SID.
fn set_url(client: &Client) -> String {
    tauri::async_runtime::block_on(async {
        use futures::TryStreamExt;
        let found: Vec<_> = client
            .list_incoming_phone_numbers(&NumberFilter {
                phone_number: Some(NUMBER.into()),
                ..NumberFilter::default()
            })
            .try_collect()
            .await
            .expect("numbers");
        client
            .update_incoming_phone_number(
                &found[0].sid,
                &NumberUpdate {
                    voice_url: Some(URL.into()),
                    ..NumberUpdate::default()
                },
            )
            .await
            .expect("the number is updated");
        found[0].sid.to_string()
    })
}

fn voice_url(client: &Client, sid: &str) -> Option<String> {
    let sid = switchboard_twilio::PhoneNumberSid::parse(sid).expect("sid");
    tauri::async_runtime::block_on(client.fetch_incoming_phone_number(&sid))
        .expect("the number")
        .voice_url
}

#[test]
fn the_keychain_keeps_recalls_and_forgets_what_a_run_sets_aside() {
    let store = Arc::new(switchboard_desktop::keychain::MemoryKeychain::default());
    let source = KeychainPasswords {
        store: store.clone(),
        account: ACME_SID.into(),
    };
    let key = voice_url_key(ACME_SID, "PN0000000000000000000000000000abcd");
    source
        .keep(&key, &Secret::new(URL))
        .expect("the keychain keeps it");
    assert_eq!(
        store.get(&key).unwrap().map(|s| s.expose().to_string()),
        Some(URL.to_string())
    );
    assert_eq!(
        source.recall(&key).unwrap().map(|s| s.expose().to_string()),
        Some(URL.to_string())
    );
    source.forget(&key).unwrap();
    assert!(store.get(&key).unwrap().is_none());
    assert!(source.recall(&key).unwrap().is_none());
}

#[test]
fn a_number_with_a_password_in_its_voice_url_is_attached_and_the_password_never_leaks() {
    let (t, _sandbox) = wizard_app();
    let client = tauri::async_runtime::block_on(t.state().client()).unwrap();
    let sid = set_url(&client);
    let r = Responses::new();
    let plan = r
        .call(
            &t,
            "plan_spec",
            json!({ "spec": spec("Acme Hooks", "acme-hooks", &[NUMBER]) }),
        )
        .unwrap();
    assert!(
        plan.to_string()
            .contains("https://bob:•••@hooks.acme.example/voice"),
        "the review shows the URL with its password masked: {plan}"
    );
    r.call(
        &t,
        "set_sip_password",
        json!({ "list": "Acme Hooks users", "username": "pbx-main", "password": PASSWORD }),
    )
    .unwrap();
    let (out, events) = apply_collecting(&t, plan["plan_id"].as_str().unwrap());
    assert_eq!(out["ok"], json!(true), "{out} {events:?}");
    assert_eq!(voice_url(&client, &sid), None, "attaching clears the URL");
    assert!(r.containing(URL_PASSWORD).is_empty());
    assert!(
        !format!("{out} {events:?}").contains(URL_PASSWORD),
        "the password is in the outcome or an event"
    );
    let files = files_containing(t.dirs.path(), URL_PASSWORD);
    assert!(files.is_empty(), "the password is in a file: {files:?}");
}

#[test]
fn a_rollback_puts_the_voice_url_back_with_its_password_and_the_keychain_forgets_it() {
    let (t, sandbox) = wizard_app();
    let client = tauri::async_runtime::block_on(t.state().client()).unwrap();
    let sid = set_url(&client);
    let plan = t
        .invoke(
            "plan_spec",
            json!({ "spec": spec("Acme Hooks", "acme-hooks", &[NUMBER]) }),
        )
        .unwrap();
    t.invoke(
        "set_sip_password",
        json!({ "list": "Acme Hooks users", "username": "pbx-main", "password": PASSWORD }),
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
    assert_eq!(out["rolled_back"], json!(true), "{out} {events:?}");
    assert_eq!(voice_url(&client, &sid).as_deref(), Some(URL));
    let key = voice_url_key(ACME_SID, &sid);
    assert!(
        t.keychain.get(&key).unwrap().is_none(),
        "the keychain entry is removed once the run is over"
    );
    let files = files_containing(t.dirs.path(), URL_PASSWORD);
    assert!(files.is_empty(), "the password is in a file: {files:?}");
}
