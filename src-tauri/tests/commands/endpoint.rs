//! A profile's advanced endpoint (region, edge or base URL): checked against the account at the
//! new address before it is saved, and the live session moves with it.

use serde_json::{Value, json};

use crate::support::*;

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
