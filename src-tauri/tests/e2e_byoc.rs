//! The BYOC wizard in the real app, over WebDriver, against a sandbox playing a customer's
//! account: carrier connection → its SBCs → BYOC trunk → routing by number → review → apply →
//! done, then the outbound test call over the new trunk, its status shown live until
//! `completed`. The sandbox's state is checked afterwards: the connection policy and its target,
//! the BYOC trunk with its settings, and the call placed with `Byoc`.
//!
//! Needs a display, a D-Bus session with a keychain, tauri-driver and the app built with the
//! embedded UI; `scripts/ci/app.sh` sets all that up and runs this with `--ignored`.

mod flows7_e2e;
mod webdriver;

use fantoccini::Locator;
use flows7_e2e::*;
use switchboard_sandbox::{Sandbox, SandboxConfig};
use webdriver::*;

const ACME_SID: &str = "AC00000000000000000000000000b0c0a1";
const TOKEN: &str = "e2e-byoc-token-5b2e9d7c31f04a68";
const CARRIER_NUMBER: &str = "+14155550123";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn byoc_flow_end_to_end_with_a_test_call() {
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: TOKEN.into(),
        friendly_name: "Acme Carrier Customer".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    sandbox
        .add_numbers(&[CARRIER_NUMBER.to_string()])
        .expect("a number on the account");
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;
    connect_and_start(&c, ACME_SID, TOKEN, "Acme Carrier Customer").await;

    // 1. The carrier connection.
    wait_for(&c, "#flow-byoc", "the start page", |t| t.contains("BYOC")).await;
    click(&c, "#flow-byoc").await;
    on_step(&c, "policy").await;
    fill(&c, "#policy-name", "Acme Telecom").await;
    shot(&c, "byoc-01-policy").await;
    next_to(&c, "policy", "targets").await;

    // 2. The SBCs: a bad address first (the message sits under the field), then a good one.
    fill(&c, "#target-0-url", "sbc1.carrier.example.com").await;
    let msg = wait_for(&c, "#target-0-url-issues", "the SIP URI message", |t| {
        t.contains("sbc1.carrier.example.com")
    })
    .await;
    assert!(!msg.is_empty());
    fill(&c, "#target-0-url", "sip:sbc1.carrier.example.com:5060").await;
    wait_for(&c, "#target-failover", "the failover picture", |t| {
        t.contains("sbc1.carrier.example.com")
    })
    .await;
    shot(&c, "byoc-02-targets").await;
    next_to(&c, "targets", "trunk").await;

    // 3. The BYOC trunk.
    fill(&c, "#byoc-voice-url", "https://example.com/voice").await;
    fill(&c, "#byoc-status-url", "https://example.com/status").await;
    click(&c, "#byoc-cnam").await;
    shot(&c, "byoc-03-trunk").await;
    next_to(&c, "trunk", "routing").await;

    // 4. Routing by number: left off (the trunk's voice URL takes every call).
    wait_for(&c, "#router-off-hint", "routing off by default", |t| {
        t.contains("voice URL")
    })
    .await;
    next_to(&c, "routing", "review").await;

    // 5. Review → apply → done.
    shot(&c, "byoc-05-review").await;
    next_to(&c, "review", "apply").await;
    next_to(&c, "apply", "done").await;
    shot(&c, "byoc-07-done").await;
    wait_for(
        &c,
        "#done-invite-none",
        "where the carrier sends calls",
        |t| t.contains("no Twilio address"),
    )
    .await;

    let state = sandbox.state_json();
    let policy = find(
        &state["connection_policies"],
        "friendly_name",
        "Acme Telecom",
    );
    let target = find(
        &state["targets"],
        "target",
        "sip:sbc1.carrier.example.com:5060",
    );
    assert_eq!(target["policy_sid"], policy["sid"]);
    assert_eq!(target["priority"], 10);
    assert_eq!(target["weight"], 10);
    let trunk = find(&state["byoc_trunks"], "friendly_name", "Acme Telecom");
    assert_eq!(trunk["voice_url"], "https://example.com/voice");
    assert_eq!(trunk["status_callback_url"], "https://example.com/status");
    assert_eq!(trunk["cnam_lookup_enabled"], true);
    assert_eq!(trunk["connection_policy_sid"], policy["sid"]);
    let trunk_sid = trunk["sid"].as_str().unwrap().to_string();

    // 6. The test call: a bad To first (message next to it), then a real one to `completed`.
    wait_for(&c, "#test-trunk", "the trunk filled in", |_| true).await;
    let filled = value(&c, "#test-trunk").await;
    assert_eq!(filled, trunk_sid, "the test call uses the trunk just made");
    fill(&c, "#test-from", CARRIER_NUMBER).await;
    fill(&c, "#test-to", "4155550199").await;
    let msg = wait_for(&c, "#test-to-issue", "the To message", |t| !t.is_empty()).await;
    assert!(
        msg.contains("E.164") || msg.contains("country code"),
        "says how to write the number: {msg}"
    );
    let start = c.find(Locator::Css("#test-call-start")).await.unwrap();
    assert!(
        start.attr("disabled").await.unwrap().is_some(),
        "no call with a number Twilio would refuse"
    );
    fill(&c, "#test-to", "+14155550199").await;
    wait_for(&c, "#test-to-issue", "the To message gone", |t| {
        t.is_empty()
    })
    .await;
    click(&c, "#test-call-start").await;
    wait_for(&c, "#test-call-statuses", "a live status", |t| {
        t.contains("Queued") || t.contains("Ringing")
    })
    .await;
    let last = wait_for(
        &c,
        "#test-call-status[data-final=true]",
        "the final status",
        |t| !t.is_empty(),
    )
    .await;
    assert!(last.starts_with("Completed"), "{last}");
    shot(&c, "byoc-08-test-call").await;
    let statuses = c
        .find(Locator::Css("#test-call-statuses"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        statuses.contains("Ringing") && statuses.contains("Completed"),
        "each status is shown as it happens: {statuses}"
    );

    let state = sandbox.state_json();
    let call = state["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["to"] == "+14155550199")
        .unwrap_or_else(|| panic!("the test call in {}", state["calls"]));
    assert_eq!(call["from"], CARRIER_NUMBER);
    assert_eq!(
        call["byoc_sid"],
        trunk_sid.as_str(),
        "placed over the BYOC trunk"
    );

    // 7. The same carrier again, now routing by number: the plan adopts what exists, deploys the
    //    router and points the trunk at it; the router answers each number as the table says.
    next_enabled(&c, "done").await;
    click(&c, "#next").await;
    wait_for(&c, "#flow-byoc", "the start page again", |t| {
        t.contains("BYOC")
    })
    .await;
    click(&c, "#flow-byoc").await;
    on_step(&c, "policy").await;
    fill(&c, "#policy-name", "Acme Telecom").await;
    next_to(&c, "policy", "targets").await;
    fill(&c, "#target-0-url", "sip:sbc1.carrier.example.com:5060").await;
    next_to(&c, "targets", "trunk").await;
    fill(&c, "#byoc-voice-url", "https://example.com/voice").await;
    fill(&c, "#byoc-status-url", "https://example.com/status").await;
    click(&c, "#byoc-cnam").await;
    next_to(&c, "trunk", "routing").await;
    click(&c, "#router-on").await;
    assert_eq!(
        value(&c, "#route-value-default").await,
        "https://example.com/voice",
        "the trunk's voice URL becomes the default row"
    );
    click(&c, "#route-add").await;
    fill(&c, "#route-number-0", CARRIER_NUMBER).await;
    choose(&c, "#route-kind-0", "webhook").await;
    fill(&c, "#route-value-0", "https://example.com/sales").await;
    shot(&c, "byoc-09-routing").await;
    next_to(&c, "routing", "review").await;
    next_to(&c, "review", "apply").await;
    next_to(&c, "apply", "done").await;
    shot(&c, "byoc-10-done-routed").await;

    let state = sandbox.state_json();
    let trunks: Vec<_> = state["byoc_trunks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["friendly_name"] == "Acme Telecom")
        .collect();
    assert_eq!(trunks.len(), 1, "the trunk is adopted, not duplicated");
    let voice = trunks[0]["voice_url"].as_str().unwrap_or_default();
    assert!(
        voice.ends_with("/switchboard-router"),
        "the trunk now points at the router: {voice}"
    );
    let sales = sandbox_inbound(&sandbox, CARRIER_NUMBER, &trunk_sid);
    let twiml = sales["body"].as_str().unwrap();
    assert!(twiml.contains("https://example.com/sales"), "{twiml}");
    let other = sandbox_inbound(&sandbox, "+14155550999", &trunk_sid);
    let twiml = other["body"].as_str().unwrap();
    assert!(twiml.contains("https://example.com/voice"), "{twiml}");
    c.close().await.unwrap();
}
