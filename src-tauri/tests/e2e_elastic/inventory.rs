//! The inventory: everything on the account and how it links, a trunk opened in the wizard (its
//! own address is not "taken"), then removed through a reviewed teardown that detaches its
//! numbers and never releases them.

use std::time::Duration;

use fantoccini::Locator;
use switchboard_sandbox::{Sandbox, SandboxConfig};

use crate::cli::run_cli;
use crate::ui::*;
use crate::webdriver::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn inventory_opens_a_trunk_in_the_wizard_and_removes_it_keeping_its_numbers() {
    const SID: &str = "AC00000000000000000000000000e2e0c3";
    const TOKEN: &str = "e2e-inventory-token-3f6b9d2a7c1e05";
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: SID.into(),
        auth_token: TOKEN.into(),
        friendly_name: "Inventory Corp".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let numbers_before = run_cli(&sandbox, &["numbers", "list"]);
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;

    account_to_start(&c, SID, TOKEN, "Inventory Corp").await;

    // Everything on the account, and how it links.
    click(&c, "#open-inventory").await;
    wait_for(&c, "#inventory-summary", "the inventory", |t| {
        t.contains("Elastic SIP trunk")
    })
    .await;
    let mut sid = None;
    for t in c.find_all(Locator::Css("article.trunk")).await.unwrap() {
        let name = t
            .find(Locator::Css("h3"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if name == "Office PBX" {
            sid = t.attr("data-sid").await.unwrap();
        }
    }
    let sid = sid.expect("the seeded trunk “Office PBX” is listed");
    let on_trunk: Vec<String> = numbers_before
        .iter()
        .filter(|n| n["trunk_sid"] == sid.as_str())
        .map(|n| n["phone_number"].as_str().unwrap().to_string())
        .collect();
    assert!(!on_trunk.is_empty(), "the seeded trunk has numbers");
    let count_text = wait_for(&c, "#inv-numbers-count", "the number count", |_| true).await;
    assert!(
        count_text.ends_with(&format!("of {}", numbers_before.len())),
        "{count_text}"
    );
    shot(&c, "elastic-inv-01-inventory").await;
    click(&c, &format!("#inv-picture-{sid}")).await;
    wait_for(
        &c,
        &format!("#topology-{sid}"),
        "the trunk's picture",
        |t| t.contains("Twilio trunk"),
    )
    .await;
    shot(&c, "elastic-inv-02-picture").await;

    // "Open in wizard": the live trunk becomes the spec, its own address is not "taken".
    click(&c, &format!("#inv-open-{sid}")).await;
    wait_for(&c, "#termination-availability", "its own address", |t| {
        t.contains("this trunk's own address")
    })
    .await;
    let name = c
        .find(Locator::Css("#trunk-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("Office PBX"));
    next_enabled(&c, "trunk (opened from the inventory)").await;
    shot(&c, "elastic-inv-03-opened").await;
    click(&c, "#rail-home").await;
    click(&c, "#open-inventory").await;

    // "Remove": a teardown plan, reviewed, applied; numbers detached, never released.
    click(&c, &format!("#inv-remove-{sid}")).await;
    wait_for(&c, "#plan-title", "the teardown plan", |t| !t.is_empty()).await;
    wait_for(&c, "#remove-numbers-note", "the numbers note", |t| {
        t.contains("never released")
    })
    .await;
    shot(&c, "elastic-inv-04-remove-review").await;
    click(&c, "#remove-confirm").await;
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("#apply-run[data-finished=true]"))
        .await
        .expect("the removal finished");
    let ok = c
        .find(Locator::Css("#apply-run"))
        .await
        .unwrap()
        .attr("data-ok")
        .await
        .unwrap();
    assert_eq!(ok.as_deref(), Some("true"));
    shot(&c, "elastic-inv-05-removed").await;
    reveal(&c, "#remove-done").await;
    click(&c, "#remove-done").await;
    wait_for(&c, "#inventory-summary", "the inventory read again", |_| {
        true
    })
    .await;

    let trunks = run_cli(&sandbox, &["trunks", "list"]);
    assert!(
        trunks.iter().all(|t| t["sid"] != sid.as_str()),
        "the trunk is gone: {trunks:?}"
    );
    let numbers_after = run_cli(&sandbox, &["numbers", "list"]);
    assert_eq!(
        numbers_after.len(),
        numbers_before.len(),
        "no number was released"
    );
    for n in &on_trunk {
        let row = numbers_after
            .iter()
            .find(|r| r["phone_number"] == n.as_str())
            .unwrap_or_else(|| panic!("{n} is still on the account"));
        assert!(row["trunk_sid"].is_null(), "{n} is detached: {row}");
    }
    c.close().await.unwrap();
    sandbox.shutdown().await;
}
