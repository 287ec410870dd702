//! A saved profile, with the Auth Token or with a dedicated API key made for this computer: kept in
//! the keychain, switched to, and forgotten (the key deleted at Twilio when asked).

use serde_json::{Value, json};
use switchboard_twilio::{ApiKeySid, Client, Credentials, Endpoints, Secret};

use crate::support::*;

#[test]
fn token_profile_is_saved_switchable_and_forgotten() {
    let t = test_app();
    let sandbox = acme_sandbox();
    let s = t
        .invoke(
            "connect_account",
            connect_request(&sandbox, ACME_TOKEN, false),
        )
        .expect("connects");
    assert_eq!(s["demo"], false);
    assert_eq!(s["account"]["friendlyName"], "Acme Corp");
    let profile = s["profile"].clone();
    assert_eq!(
        profile["name"], "Acme Corp",
        "empty name falls back to the account's name"
    );
    assert_eq!(profile["credential"], json!({ "kind": "authToken" }));
    let id = profile["id"].as_str().unwrap().to_string();
    assert_eq!(t.keychain.keys(), vec![id.clone()]);
    assert!(
        !s.to_string().contains(ACME_TOKEN),
        "no response carries the secret"
    );
    assert!(
        files_containing(t.dirs.path(), ACME_TOKEN).is_empty(),
        "the token is in no file"
    );

    let list = t.invoke("list_profiles", json!({})).unwrap();
    assert_eq!(list["profiles"][0]["accountSid"], ACME_SID);
    assert_eq!(list["lastUsedId"], id.as_str());

    t.invoke("disconnect", json!({})).unwrap();
    let again = t
        .invoke("switch_profile", json!({ "request": { "id": id } }))
        .expect("profile reopens from the keychain");
    assert_eq!(again["account"]["sid"], ACME_SID);

    let out = t
        .invoke("forget_profile", json!({ "request": { "id": id } }))
        .unwrap();
    assert_eq!(out["secretRemoved"], true);
    assert!(t.keychain.keys().is_empty());
    assert_eq!(
        t.invoke("list_profiles", json!({})).unwrap()["profiles"],
        json!([])
    );
    assert_eq!(
        t.invoke("current_session", json!({})).unwrap(),
        Value::Null,
        "forgetting the active profile disconnects"
    );
    let err = t
        .invoke("switch_profile", json!({ "request": { "id": id } }))
        .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn dedicated_api_key_replaces_the_token_and_is_deleted_on_forget() {
    let t = test_app();
    let sandbox = acme_sandbox();
    let s = t
        .invoke(
            "connect_account",
            connect_request(&sandbox, ACME_TOKEN, true),
        )
        .expect("connects with a new key");
    let cred = &s["profile"]["credential"];
    assert_eq!(cred["kind"], "apiKey");
    assert_eq!(cred["createdByApp"], true);
    let key_sid = cred["keySid"].as_str().unwrap().to_string();
    let id = s["profile"]["id"].as_str().unwrap().to_string();
    let stored = t.state().keychain.get(&id).unwrap().unwrap();
    assert_ne!(
        stored.expose(),
        ACME_TOKEN,
        "only the key's secret is stored, never the Auth Token"
    );

    let token_client = Client::new(
        Credentials::auth_token(ACME_SID, Secret::new(ACME_TOKEN)).unwrap(),
        Endpoints::single(&sandbox.base_url()),
    )
    .unwrap();
    let sid = ApiKeySid::parse(&key_sid).unwrap();
    let key =
        tauri::async_runtime::block_on(token_client.fetch_key(&sid)).expect("key exists at Twilio");
    assert!(
        key.friendly_name.unwrap().starts_with("Switchboard on "),
        "named for this computer"
    );

    t.invoke("disconnect", json!({})).unwrap();
    t.invoke("switch_profile", json!({ "request": { "id": id } }))
        .expect("the key signs in");

    let out = t
        .invoke(
            "forget_profile",
            json!({ "request": { "id": id, "deleteApiKey": true } }),
        )
        .expect("forget deletes the key");
    assert_eq!(out["deletedApiKey"], key_sid.as_str());
    let err = tauri::async_runtime::block_on(token_client.fetch_key(&sid)).unwrap_err();
    assert!(err.is_not_found(), "key revoked at Twilio: {err:?}");
    assert!(t.keychain.keys().is_empty());
}
