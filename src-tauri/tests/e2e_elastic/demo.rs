//! (a) The demo, from the start page through every step to Done, then the demo account's saved
//! state checked through the CLI and against a plan of exactly what was entered.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;
use switchboard_sandbox::{DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Sandbox, SandboxConfig};

use crate::cli::{find_file, run_cli};
use crate::ui::*;
use crate::webdriver::*;
use crate::{BACKUP, DOMAIN, PRIMARY, TRUNK};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn elastic_trunk_from_the_start_page_to_done_on_the_demo() {
    let dirs = Dirs::new();
    // The demo runs inside the app; SWITCHBOARD_BASE_URL only matters for real profiles.
    let (driver, port) = start_driver(&dirs, "http://127.0.0.1:9");
    let c = session(port).await;
    demo_to_start(&c).await;

    // Trunk: the name suggests the address, which is checked against the account.
    click(&c, "#flow-elastic").await;
    wait_for(&c, "#rail-title", "the flow's rail", |t| {
        t == "Elastic SIP Trunk"
    })
    .await;
    fill(&c, "#trunk-name", TRUNK).await;
    wait_for(
        &c,
        "#termination-availability",
        "the address is free",
        |t| t.contains(&format!("{DOMAIN} is free")),
    )
    .await;
    click(&c, "#trunk-cnam").await;
    shot(&c, "elastic-03-trunk").await;
    next_to(&c, "trunk", "auth").await;

    // Termination auth: two addresses, one of them a block, and a username with a generated
    // password.
    click(&c, "#use-acl").await;
    fill(&c, "#acl-addresses-input", "93.184.216.34, 81.2.69.160/30").await;
    click(&c, "#acl-addresses-add").await;
    wait_count(&c, "#acl-addresses .chip", 2).await;
    click(&c, "#use-credentials").await;
    fill(&c, "#cred-usernames-input", "e2epbx").await;
    click(&c, "#cred-usernames-add").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#pw-e2epbx-value"))
        .await
        .expect("the generated password");
    let password = c
        .find(Locator::Css("#pw-e2epbx-value"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .expect("the password field's value");
    assert!(password.len() >= 12, "a generated password: {password:?}");
    shot(&c, "elastic-04-auth").await;
    next_to(&c, "auth", "origination").await;

    // Origination: a primary and a backup at a later priority.
    fill(&c, "#orig-0-url", PRIMARY).await;
    click(&c, "#orig-add").await;
    fill(&c, "#orig-1-url", BACKUP).await;
    fill(&c, "#orig-1-priority", "20").await;
    wait_count(&c, "#orig-failover .tier", 2).await;
    let picture = wait_for(&c, "#orig-failover", "the failover order", |t| {
        t.contains("Tried first")
    })
    .await;
    assert!(
        picture.find(PRIMARY) < picture.find(BACKUP),
        "primary first: {picture}"
    );
    shot(&c, "elastic-05-origination").await;
    next_to(&c, "origination", "numbers").await;

    // Numbers: two numbers on no trunk, and the voice-URL warning.
    wait_for(&c, "#numbers-shown", "the account's numbers", |t| {
        t.starts_with("25 of 25")
    })
    .await;
    let chosen = free_numbers(&c, 2).await;
    for n in &chosen {
        click(&c, &format!("#numbers-pick .pick[data-e164='{n}'] input")).await;
    }
    wait_for(&c, "#numbers-chosen", "two numbers chosen", |t| {
        t.contains("2 numbers chosen")
    })
    .await;
    wait_for(&c, "#voice-url-warning", "the voice URL warning", |t| {
        t.contains("stops using its own voice URL")
    })
    .await;
    shot(&c, "elastic-06-numbers").await;
    next_to(&c, "numbers", "options").await;

    // Options: dual-channel recording from answer, silence trimmed; the warning says it is
    // every call.
    choose(&c, "#recording-mode", "record-from-answer-dual").await;
    wait_for(&c, "#recording-warning", "the recording warning", |t| {
        t.contains("records every call")
    })
    .await;
    choose(&c, "#recording-trim", "trim-silence").await;
    shot(&c, "elastic-07-options").await;
    next_to(&c, "options", "review").await;

    // Review: the plan from Rust.
    let title = wait_for(&c, "#plan-title", "the plan", |t| !t.is_empty()).await;
    assert!(title.contains(TRUNK), "{title}");
    assert!(
        count(&c, ".plan-group[data-kind=create] .plan-step").await >= 4,
        "trunk, ACL, credential list and origination URLs are created"
    );
    shot(&c, "elastic-08-review").await;
    next_to(&c, "review", "apply").await;

    // Apply: every step with its SID, then Done.
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("#apply-run[data-finished=true]"))
        .await
        .expect("the apply finished");
    let result = wait_for(&c, "#apply-result", "the apply result", |_| true).await;
    assert!(result.starts_with("All done"), "{result}");
    assert!(
        count(&c, ".run-step[data-state=done] .sid").await >= 4,
        "created steps show their SIDs"
    );
    shot(&c, "elastic-09-apply").await;
    next_to(&c, "apply", "done").await;

    // Done: the sheet for the SBC, saved as HTML.
    wait_for(&c, "#done-sheet", "the sheet", |t| t.contains(DOMAIN)).await;
    let sheet = wait_for(&c, "#done-sheet", "the usernames", |t| t.contains("e2epbx")).await;
    assert!(
        !sheet.contains(&password),
        "the sheet never shows the password"
    );
    // Everything the SBC needs: the URI per edge, the ranges to allow, who may call, the numbers.
    for needle in [
        "e2e-trunk.pstn.ashburn.twilio.com",
        "e2e-trunk.pstn.dublin.twilio.com",
        "Allow Twilio on your SBC and firewall",
        "Media (RTP)",
        "93.184.216.34, 81.2.69.160/30",
        PRIMARY,
        BACKUP,
        chosen[0].as_str(),
        chosen[1].as_str(),
    ] {
        assert!(sheet.contains(needle), "the Done sheet lacks {needle:?}");
    }
    assert!(
        count(&c, "#done-sheet-checklist li").await >= 2,
        "a checklist of what to do on the SBC"
    );
    assert!(count(&c, "#done-sheet .copy-btn").await > 0, "copy buttons");
    shot(&c, "elastic-10-done").await;
    click(&c, "#done-sheet-save-html").await;
    let saved = wait_for(&c, ".saved[data-format=html]", "the saved sheet", |t| {
        t.contains(".html")
    })
    .await;
    let path = saved.split(" to ").nth(1).unwrap().trim().to_string();
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(html.contains(DOMAIN) && !html.contains(&password), "{path}");
    shot(&c, "elastic-11-saved").await;
    click(&c, "#next").await; // Finish → the start page.
    wait_for(&c, "#flow-elastic", "back on the start page", |_| true).await;
    c.close().await.unwrap();
    drop(driver);

    // The password is in no file the app wrote (drafts, journal, logs, demo state).
    for dir in [&dirs.config, &dirs.data, &dirs.cache, &dirs.state] {
        let hits = files_containing(dir, &password);
        assert!(hits.is_empty(), "the SIP password leaked into {hits:?}");
    }

    // The demo account as the app left it, checked through the CLI.
    let state = find_file(&dirs.data, "demo-sandbox.json").expect("the demo's saved state");
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("demo.json");
    std::fs::copy(&state, &copied).unwrap();
    let demo = Sandbox::start(SandboxConfig {
        account_sid: DEMO_ACCOUNT_SID.into(),
        auth_token: DEMO_AUTH_TOKEN.into(),
        state_file: Some(copied),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();

    let trunks = run_cli(&demo, &["trunks", "list"]);
    let trunk = trunks
        .iter()
        .find(|t| t["friendly_name"] == TRUNK)
        .unwrap_or_else(|| panic!("{TRUNK} is on the account: {trunks:?}"));
    assert_eq!(trunk["domain_name"], DOMAIN);
    let trunk_sid = trunk["sid"].as_str().unwrap().to_string();
    let numbers = run_cli(&demo, &["numbers", "list"]);
    for n in &chosen {
        let row = numbers
            .iter()
            .find(|r| r["phone_number"] == n.as_str())
            .unwrap();
        assert_eq!(
            row["trunk_sid"],
            trunk_sid.as_str(),
            "{n} routes to the trunk"
        );
    }

    // A plan of exactly what was entered finds nothing to change.
    let spec = format!(
        r#"version = 1
kind = "elastic_trunk"
name = "{TRUNK}"
termination_domain = "{DOMAIN}"
cnam_lookup = true
numbers = ["{n0}", "{n1}"]
recording = {{ mode = "record-from-answer-dual", trim = "trim-silence" }}

[[ip_acls]]
name = "{TRUNK} addresses"
addresses = ["93.184.216.34", "81.2.69.160/30"]

[[credential_lists]]
name = "{TRUNK} users"
usernames = ["e2epbx"]

[[origination_urls]]
name = "Primary"
sip_url = "{PRIMARY}"
priority = 10
weight = 10

[[origination_urls]]
name = "Secondary"
sip_url = "{BACKUP}"
priority = 20
weight = 10
"#,
        n0 = chosen[0],
        n1 = chosen[1],
    );
    let spec_path = copy.path().join("expected.toml");
    std::fs::write(&spec_path, spec).unwrap();
    let plan = run_cli(&demo, &["plan", spec_path.to_str().unwrap()]);
    let steps = plan[0]["steps"].as_array().unwrap();
    let changes: Vec<&Value> = steps.iter().filter(|s| s["kind"] != "satisfied").collect();
    assert!(
        changes.is_empty(),
        "the account differs from what was entered: {changes:?}"
    );

    // And the exact values, as the sandbox holds them.
    let db = demo.state_json();
    let t = db["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["sid"] == trunk_sid.as_str())
        .unwrap();
    assert_eq!(t["recording_mode"], "record-from-answer-dual");
    assert_eq!(t["recording_trim"], "trim-silence");
    assert_eq!(t["cnam_lookup_enabled"], true);
    let mut urls: Vec<(String, u64, u64)> = db["origination_urls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["trunk_sid"] == trunk_sid.as_str())
        .map(|o| {
            (
                o["sip_url"].as_str().unwrap().to_string(),
                o["priority"].as_u64().unwrap(),
                o["weight"].as_u64().unwrap(),
            )
        })
        .collect();
    urls.sort();
    assert_eq!(
        urls,
        vec![(BACKUP.to_string(), 20, 10), (PRIMARY.to_string(), 10, 10)]
    );
    let mut entries: Vec<String> = db["ip_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{}/{}",
                a["ip_address"].as_str().unwrap(),
                a["cidr_prefix_length"]
            )
        })
        .filter(|a| a.starts_with("93.184.216.34/") || a.starts_with("81.2.69.160/"))
        .collect();
    entries.sort();
    assert_eq!(entries, vec!["81.2.69.160/30", "93.184.216.34/32"]);
    assert!(
        db["credentials"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["username"] == "e2epbx"),
        "the username is on the account"
    );
    demo.shutdown().await;
}
