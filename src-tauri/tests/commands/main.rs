//! The commands through Tauri's mock runtime, against real sandboxes: the demo, a customer
//! account reached through a profile's base URL, wrong tokens, suspended accounts, dedicated API
//! keys and forgetting. Secrets go to an in-memory keychain here; the OS keychain is exercised by
//! the end-to-end test.

#[path = "../support/mod.rs"]
mod support;

use serde_json::{Value, json};
use support::*;
use switchboard_desktop::ipc::NumbersEvent;
use switchboard_twilio::{ApiKeySid, Client, Credentials, Endpoints, Secret};

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

/// The same customer account behind another address (another region, a proxy): same SID and
/// token, its own friendly name so a test can tell which one answered.
fn acme_elsewhere(friendly_name: &str, token: &str) -> switchboard_sandbox::Sandbox {
    switchboard_sandbox::Sandbox::start_blocking(switchboard_sandbox::SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: token.into(),
        friendly_name: friendly_name.into(),
        ..switchboard_sandbox::SandboxConfig::default()
    })
    .expect("sandbox starts")
}

fn edit_endpoint(id: &str, endpoint: Value) -> Value {
    json!({ "request": { "id": id, "endpoint": endpoint } })
}

#[test]
fn advanced_endpoint_is_reverified_before_it_is_saved() {
    let t = test_app();
    let sandbox = acme_sandbox();
    let s = t
        .invoke(
            "connect_account",
            connect_request(&sandbox, ACME_TOKEN, false),
        )
        .expect("connects");
    let id = s["profile"]["id"].as_str().unwrap().to_string();
    let saved_endpoint =
        || t.invoke("list_profiles", json!({})).unwrap()["profiles"][0]["endpoint"].clone();
    let original = json!({ "baseUrl": sandbox.base_url() });
    assert_eq!(saved_endpoint(), original);

    // Malformed settings: the field is named, as at creation; nothing changes.
    for (endpoint, field) in [
        (json!({ "region": "ireland", "edge": "dublin" }), "region"),
        (json!({ "region": "ie1" }), "edge"),
        (json!({ "baseUrl": "ftp://example.com" }), "base_url"),
        (
            json!({ "region": "ie1", "edge": "dublin", "baseUrl": "http://x" }),
            "base_url",
        ),
    ] {
        let err = t
            .invoke(
                "update_profile_endpoint",
                edit_endpoint(&id, endpoint.clone()),
            )
            .unwrap_err();
        assert_eq!(
            (err["code"].as_str(), err["field"].as_str()),
            (Some("invalid_input"), Some(field)),
            "{endpoint} → {err}"
        );
        assert_eq!(saved_endpoint(), original, "{endpoint} was not saved");
    }

    // Nobody listening there: unreachable, said with the address; nothing changes.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let err = t
        .invoke(
            "update_profile_endpoint",
            edit_endpoint(&id, json!({ "baseUrl": dead })),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unreachable", "{err}");
    let msg = err["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("Checked at {dead}"))
            && msg.contains("still uses its previous settings"),
        "{msg}"
    );
    assert_eq!(saved_endpoint(), original);

    // Reachable, but the stored token is not accepted there: 401; nothing changes.
    let other_token = acme_elsewhere("Acme Corp (other token)", "some-other-token-0000");
    let err = t
        .invoke(
            "update_profile_endpoint",
            edit_endpoint(&id, json!({ "baseUrl": other_token.base_url() })),
        )
        .unwrap_err();
    assert_eq!(err["code"], "wrong_credentials", "{err}");
    assert_eq!(saved_endpoint(), original);

    // The account behind a new address: verified there, saved, and the live session moves.
    let dublin = acme_elsewhere("Acme Corp (Dublin)", ACME_TOKEN);
    let out = t
        .invoke(
            "update_profile_endpoint",
            edit_endpoint(
                &id,
                json!({ "baseUrl": format!(" {}/ ", dublin.base_url()) }),
            ),
        )
        .expect("the new endpoint accepts the stored token");
    assert_eq!(out["account"]["friendlyName"], "Acme Corp (Dublin)");
    assert_eq!(out["apiBaseUrl"], dublin.base_url().as_str());
    assert_eq!(
        out["profile"]["endpoint"],
        json!({ "baseUrl": dublin.base_url() }),
        "trimmed, without the trailing slash"
    );
    assert_eq!(saved_endpoint(), out["profile"]["endpoint"]);
    assert_eq!(
        out["session"]["account"]["friendlyName"], "Acme Corp (Dublin)",
        "the connected profile's session now goes to the new endpoint"
    );
    let current = t.invoke("current_session", json!({})).unwrap();
    assert_eq!(current["apiBaseUrl"], dublin.base_url().as_str());
    assert!(
        !out.to_string().contains(ACME_TOKEN),
        "no secret in the response"
    );

    // A profile that is not connected is checked and saved, and no session appears.
    t.invoke("disconnect", json!({})).unwrap();
    let out = t
        .invoke(
            "update_profile_endpoint",
            edit_endpoint(&id, json!({ "baseUrl": sandbox.base_url() })),
        )
        .unwrap();
    assert!(out.get("session").is_none(), "{out}");
    assert_eq!(out["account"]["friendlyName"], "Acme Corp");
    assert_eq!(t.invoke("current_session", json!({})).unwrap(), Value::Null);
    let again = t
        .invoke("switch_profile", json!({ "request": { "id": id } }))
        .unwrap();
    assert_eq!(again["apiBaseUrl"], sandbox.base_url().as_str());

    let err = t
        .invoke(
            "update_profile_endpoint",
            edit_endpoint("no-such-profile", json!({})),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
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

#[test]
fn the_capability_allows_our_commands_and_nothing_else() {
    let t = test_app();
    assert!(t.invoke("list_profiles", json!({})).is_ok());
    for cmd in [
        "plugin:clipboard-manager|read_text",
        "plugin:clipboard-manager|write_text",
        "plugin:event|emit",
    ] {
        let err = t.invoke(cmd, json!({})).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "{cmd} must be refused by the capability: {err}"
        );
    }
}
