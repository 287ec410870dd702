//! "Register on Bolna" against the Bolna stand-in: ip-based and userpass, idempotent re-runs,
//! the generated password sent and never echoed, and a wrong API key refused.

use crate::preset_common;

use preset_common::{answers, build_example};
use switchboard_core::preset::bolna::{BolnaError, register};
use switchboard_core::preset::{Catalog, build};
use switchboard_sandbox::bolna::BolnaStandIn;
use switchboard_twilio::Secret;

#[tokio::test]
async fn registers_ip_based_trunk_and_numbers_then_reruns_cleanly() {
    let bolna = BolnaStandIn::start("bn-test-key").await.unwrap();
    let built = build_example("bolna", "bolna.toml");
    let key = Secret::new("bn-test-key");
    let r = register(&bolna.base_url(), &key, &built)
        .await
        .expect("register");
    assert!(!r.reused_trunk);
    assert_eq!(r.added_numbers, ["+16175553049", "+13105559032"]);
    let st = bolna.state();
    let t = &st["trunks"][0];
    assert_eq!(t["name"], "Bolna acme-bolna");
    assert_eq!(t["auth_type"], "ip-based");
    assert_eq!(
        t["gateways"][0]["gateway_address"],
        "acme-bolna.pstn.twilio.com"
    );
    assert_eq!(t["numbers"].as_array().unwrap().len(), 2);

    let again = register(&bolna.base_url(), &key, &built)
        .await
        .expect("re-run");
    assert!(again.reused_trunk);
    assert!(again.added_numbers.is_empty());
    assert_eq!(again.existing_numbers.len(), 2);
    assert_eq!(bolna.state()["trunks"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn userpass_sends_the_generated_password() {
    let bolna = BolnaStandIn::start("k").await.unwrap();
    let a = answers(
        "auth_type = \"userpass\"\ntermination_label = \"acme-bolna\"\nnumbers = \"+16175553049\"",
    );
    let built = build(Catalog::builtin().get("bolna").unwrap(), &a).unwrap();
    register(&bolna.base_url(), &Secret::new("k"), &built)
        .await
        .expect("register");
    let pw = built.secrets[0].password.expose();
    assert!(bolna.password_matches("Bolna acme-bolna", pw));
    let st = bolna.state().to_string();
    assert!(
        !st.contains(pw.as_str()),
        "Bolna never returns the password"
    );
    assert!(st.contains("bolna-acme-bolna"));
}

#[tokio::test]
async fn a_wrong_key_is_refused_and_not_echoed() {
    let bolna = BolnaStandIn::start("right").await.unwrap();
    let built = build_example("bolna", "bolna.toml");
    let e = register(&bolna.base_url(), &Secret::new("wrong-key-123"), &built)
        .await
        .unwrap_err();
    assert!(matches!(e, BolnaError::Refused { status: 401, .. }), "{e}");
    assert!(!e.to_string().contains("wrong-key-123"));
    assert!(!format!("{e:?}").contains("wrong-key-123"));
}

#[tokio::test]
async fn a_preset_without_bolna_sections_is_refused() {
    let built = build_example("genesys-byoc", "genesys.toml");
    let e = register("http://127.0.0.1:9", &Secret::new("k"), &built)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("bolna-trunk-body"), "{e}");
}

#[tokio::test]
async fn the_stand_in_validates_like_bolna() {
    let bolna = BolnaStandIn::start("k").await.unwrap();
    let http = reqwest::Client::new();
    let post = |path: &str, body: serde_json::Value| {
        http.post(format!("{}{path}", bolna.base_url()))
            .bearer_auth("k")
            .json(&body)
            .send()
    };
    let gw = serde_json::json!([{"gateway_address": "x.pstn.twilio.com", "port": 5060}]);
    for (body, want) in [
        (
            serde_json::json!({"name": "a", "provider": "twilio", "auth_type": "ip-based", "gateways": gw}),
            "ip_identifiers",
        ),
        (
            serde_json::json!({"name": "a", "provider": "twilio", "auth_type": "userpass", "auth_username": "u", "gateways": gw}),
            "auth_password",
        ),
        (
            serde_json::json!({"name": "a", "provider": "acme", "auth_type": "userpass", "gateways": gw}),
            "provider",
        ),
        (
            serde_json::json!({"name": "a", "provider": "twilio", "auth_type": "ip-based", "ip_identifiers": [{"ip_address": "1.2.3.4"}], "gateways": gw, "media_encryption": "sdes"}),
            "transport-tls",
        ),
        (
            serde_json::json!({"name": "a", "provider": "twilio", "auth_type": "ip-based", "ip_identifiers": [{"ip_address": "1.2.3.400"}], "gateways": gw}),
            "1.2.3.400",
        ),
    ] {
        let r = post("/sip-trunks/trunks", body).await.unwrap();
        assert_eq!(r.status(), 422);
        let m: serde_json::Value = r.json().await.unwrap();
        assert!(m["message"].as_str().unwrap().contains(want), "{m}");
    }
    let ok = serde_json::json!({"name": "a", "provider": "twilio", "auth_type": "ip-based", "ip_identifiers": [{"ip_address": "54.172.60.0/30"}], "gateways": gw});
    assert_eq!(
        post("/sip-trunks/trunks", ok.clone())
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(post("/sip-trunks/trunks", ok).await.unwrap().status(), 409);
    let r = post(
        "/sip-trunks/trunks/trunk-0001/numbers",
        serde_json::json!({"phone_number": "0123", "e164_check_enabled": true}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let r = post(
        "/sip-trunks/trunks/nope/numbers",
        serde_json::json!({"phone_number": "+14155552671"}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
}
