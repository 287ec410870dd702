//! (b) A sandbox that fails a late step (attaching a number): the failure and the rollback are on
//! screen, and the account is left exactly as it was.

use fantoccini::Locator;
use switchboard_sandbox::{FaultRule, Faults, Sandbox, SandboxConfig};

use crate::PRIMARY;
use crate::cli::{comparable, run_cli};
use crate::ui::*;
use crate::webdriver::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn a_late_failure_is_rolled_back_on_screen_and_the_account_is_unchanged() {
    const SID: &str = "AC00000000000000000000000000e2e0b2";
    const TOKEN: &str = "e2e-rollback-token-7a1c0e9d2b5f48";
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: SID.into(),
        auth_token: TOKEN.into(),
        friendly_name: "Rollback Corp".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;

    account_to_start(&c, SID, TOKEN, "Rollback Corp").await;
    click(&c, "#flow-elastic").await;

    fill(&c, "#trunk-name", "Doomed Trunk").await;
    wait_for(
        &c,
        "#termination-availability",
        "the address is free",
        |t| t.contains("is free"),
    )
    .await;
    next_to(&c, "trunk", "auth").await;
    click(&c, "#use-acl").await;
    fill(&c, "#acl-addresses-input", "93.184.216.35").await;
    click(&c, "#acl-addresses-add").await;
    wait_count(&c, "#acl-addresses .chip", 1).await;
    next_to(&c, "auth", "origination").await;
    fill(&c, "#orig-0-url", PRIMARY).await;
    next_to(&c, "origination", "numbers").await;
    wait_for(&c, "#numbers-shown", "the numbers", |t| t.contains(" of ")).await;
    let chosen = free_numbers(&c, 1).await;
    click(
        &c,
        &format!("#numbers-pick .pick[data-e164='{}'] input", chosen[0]),
    )
    .await;
    next_to(&c, "numbers", "options").await;
    next_to(&c, "options", "review").await;
    wait_for(&c, "#plan-title", "the plan", |t| {
        t.contains("Doomed Trunk")
    })
    .await;

    // The account before, and a fault on the last kind of step: attaching a number.
    let before = comparable(sandbox.state_json());
    sandbox.set_faults(Faults {
        rules: vec![FaultRule {
            method: "POST".into(),
            path_contains: "/PhoneNumbers".into(),
            nth: 0,
            status: 400,
        }],
        ..Faults::default()
    });
    shot(&c, "elastic-rb-01-review").await;
    next_to(&c, "review", "apply").await;

    wait_for(&c, "#apply-result", "the rolled-back result", |t| {
        t.contains("Nothing was changed")
    })
    .await;
    let result = c
        .find(Locator::Css("#apply-result"))
        .await
        .unwrap()
        .attr("data-result")
        .await
        .unwrap();
    assert_eq!(result.as_deref(), Some("rolled_back"));
    wait_for(&c, "#apply-rollback", "the rollback notice", |t| {
        t.contains("undoing what this run created")
    })
    .await;
    assert_eq!(count(&c, ".run-step[data-state=failed]").await, 1);
    assert!(
        count(&c, ".run-step[data-state=reverted]").await >= 1,
        "what was created (at least the trunk) is undone, step by step"
    );
    let reason = wait_for(&c, "#next-reason", "why Next is disabled", |_| true).await;
    assert!(reason.contains("Nothing was changed"), "{reason}");
    shot(&c, "elastic-rb-02-rolled-back").await;

    sandbox.set_faults(Faults::default());
    let after = comparable(sandbox.state_json());
    assert_eq!(
        before, after,
        "the account is exactly as it was before the apply"
    );
    let trunks = run_cli(&sandbox, &["trunks", "list"]);
    assert!(
        trunks.iter().all(|t| t["friendly_name"] != "Doomed Trunk"),
        "{trunks:?}"
    );
    c.close().await.unwrap();
    sandbox.shutdown().await;
}
