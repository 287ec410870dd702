//! The Genesys and Bolna presets from the example answers to applied state in the demo
//! sandbox, through the engine, with the generated password as the credential's password.

use crate::engine_common;
use crate::preset_common;

use std::sync::Arc;

use engine_common::{count, sandbox, snapshot};
use preset_common::build_example;
use switchboard_core::engine::{ApplyOptions, Event, Phase, StateDir, apply, plan};
use switchboard_core::preset::PresetSecrets;

async fn apply_example(preset: &str, file: &str) -> serde_json::Value {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let built = build_example(preset, file);
    let opts = ApplyOptions::new(
        StateDir(dir.path().to_path_buf()),
        Arc::new(PresetSecrets(built.secrets.clone())),
    );
    let p = plan(&built.spec, &client).await.expect("plan");
    let j = apply(p, &client, &opts, &mut |_: &Event| {})
        .await
        .expect("apply");
    assert_eq!(j.phase, Phase::Succeeded);
    let again = plan(&built.spec, &client).await.expect("re-plan");
    assert!(again.is_empty(), "re-running the preset changes nothing");
    snapshot(&sb)
}

fn trunk_of(snap: &serde_json::Value, number: &str) -> serde_json::Value {
    let n = snap["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == number)
        .unwrap();
    snap["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["sid"] == n["trunk_sid"])
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn genesys_example_applies_to_the_demo_sandbox() {
    let snap = apply_example("genesys-byoc", "genesys.toml").await;
    let t = trunk_of(&snap, "+13125557412");
    assert_eq!(t["friendly_name"], "Genesys acme-twilio");
    assert_eq!(t["domain_name"], "acme-genesys.pstn.twilio.com");
    assert_eq!(trunk_of(&snap, "+12125552368")["sid"], t["sid"]);
    assert_eq!(
        count(
            &snap,
            "ip_access_control_lists",
            "friendly_name",
            "Genesys acme-twilio - Genesys signalling"
        ),
        1
    );
    assert_eq!(
        count(&snap, "credentials", "username", "genesys-acme-twilio"),
        1
    );
    assert_eq!(
        count(
            &snap,
            "origination_urls",
            "sip_url",
            "sip:acme-twilio.byoc.mypurecloud.ie"
        ),
        1
    );
}

#[tokio::test]
async fn bolna_example_applies_to_the_demo_sandbox() {
    let snap = apply_example("bolna", "bolna.toml").await;
    let t = trunk_of(&snap, "+16175553049");
    assert_eq!(t["friendly_name"], "Bolna acme-bolna");
    assert_eq!(
        count(
            &snap,
            "origination_urls",
            "sip_url",
            "sip:13.200.45.61:5060"
        ),
        1
    );
    assert_eq!(
        count(&snap, "ip_addresses", "ip_address", "13.200.45.61"),
        1
    );
}
