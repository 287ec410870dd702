//! The Elastic SIP trunk wizard in the real app, under Xvfb over WebDriver (tauri-driver +
//! WebKitWebDriver):
//!
//! (a) the demo, from the start page through every step to Done; then the demo account's saved
//!     state is served again and checked through the `switchboard` CLI: the trunk exists, its
//!     numbers route to it, and a plan of exactly what was entered (ACL entries, usernames,
//!     origination URLs with priority and weight, numbers, recording) finds nothing to change.
//!     The generated SIP password is in no file the app wrote.
//! (b) a sandbox that fails a late step (attaching a number): the failure and the rollback are
//!     on screen, and the account is left exactly as it was.
//!
//! Screenshots of every step go to `e2e-artifacts/elastic-*.png`. Needs a display, a D-Bus
//! session with a keychain, tauri-driver, the app built with the embedded UI and cargo (to build
//! the CLI if it is missing); `scripts/ci/app.sh` sets that up and runs this with `--ignored`.

#[path = "../webdriver/mod.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::Value;
use switchboard_sandbox::{
    DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, FaultRule, Faults, Sandbox, SandboxConfig,
};
use webdriver::*;

const TRUNK: &str = "E2E Trunk";
const DOMAIN: &str = "e2e-trunk.pstn.twilio.com";
const PRIMARY: &str = "sip:pbx.e2e.example.com:5060";
const BACKUP: &str = "sip:backup.e2e.example.com";

/// Waits until Next is enabled (the step's gate passed), failing with the reason shown.
async fn next_enabled(c: &Client, step: &str) {
    let started = Instant::now();
    loop {
        let next = c.find(Locator::Css("#next")).await.unwrap();
        if next.attr("disabled").await.unwrap().is_none() {
            return;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let reason = match c.find(Locator::Css("#next-reason")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            shot(c, &format!("elastic-zz-{step}-stuck")).await;
            panic!("Next stayed disabled on {step}: {reason:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Next, then waits for the flow step `id` to be on screen.
async fn next_to(c: &Client, from: &str, id: &str) {
    next_enabled(c, from).await;
    click(c, "#next").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-flow-step={id}]")))
        .await
        .unwrap_or_else(|e| panic!("step {id} did not show: {e}"));
}

/// Sets a `<select>` the way a person does (value + change event).
async fn choose(c: &Client, css: &str, value: &str) {
    c.execute(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];\
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
}

/// Scrolls an element to the middle of its scroll area (a click lands on its centre, which the
/// bottom bar may cover when the element sits at the very end of the step).
async fn reveal(c: &Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })",
        vec![css.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
}

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

/// Presses Tab until the element with `id` has the keyboard focus (and is visibly focused).
async fn tab_to(c: &Client, id: &str) {
    for _ in 0..60 {
        let active = c.active_element().await.unwrap();
        if active.attr("id").await.unwrap().as_deref() == Some(id) {
            let outline: String = c
                .execute(
                    "return getComputedStyle(document.activeElement).outlineStyle",
                    vec![],
                )
                .await
                .unwrap()
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert_ne!(outline, "none", "#{id} has no visible focus");
            return;
        }
        active.send_keys(TAB).await.unwrap();
    }
    panic!("Tab never reached #{id}");
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn wait_count(c: &Client, css: &str, n: usize) {
    let started = Instant::now();
    while count(c, css).await != n {
        if started.elapsed() > Duration::from_secs(20) {
            shot(c, "elastic-zz-count-timeout").await;
            let body = c
                .find(Locator::Css("main"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            panic!(
                "`{css}` never counted {n} (has {}); on screen: {body}",
                count(c, css).await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The first `n` numbers of the list on the numbers step that are on no trunk.
async fn free_numbers(c: &Client, n: usize) -> Vec<String> {
    let mut out = vec![];
    for row in c
        .find_all(Locator::Css("#numbers-pick .pick"))
        .await
        .unwrap()
    {
        if row.find(Locator::Css(".tag")).await.is_ok() {
            continue;
        }
        out.push(row.attr("data-e164").await.unwrap().unwrap());
        if out.len() == n {
            break;
        }
    }
    assert_eq!(out.len(), n, "not enough free numbers on the numbers step");
    out
}

/// Connected to the demo, on the start page.
async fn demo_to_start(c: &Client) {
    wait_for(c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    click(c, "#choose-demo").await;
    wait_for(c, "#numbers-total", "the demo's numbers", |t| {
        t.contains("numbers, loaded in")
    })
    .await;
    shot(c, "elastic-01-connected").await;
    click(c, "#next").await;
    wait_for(c, "#summary-name", "the account step", |_| true).await;
    click(c, "#next").await;
    wait_for(c, "#flow-elastic", "the start page", |t| {
        t.contains("Elastic SIP Trunk")
    })
    .await;
    shot(c, "elastic-02-start").await;
}

/// The `switchboard` binary, built when missing.
fn cli() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let bin = target.join("debug/switchboard");
    if !bin.exists() {
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "-p", "switchboard-cli", "--bin", "switchboard"])
            .current_dir(repo())
            .status()
            .expect("cargo build -p switchboard-cli");
        assert!(status.success(), "building the CLI failed");
    }
    bin
}

/// Runs the CLI against `sandbox` with `--json`; returns each JSON line of its output.
fn run_cli(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
    let out = Command::new(cli())
        .args(args)
        .arg("--json")
        .env("TWILIO_ACCOUNT_SID", sandbox.account_sid())
        .env("TWILIO_AUTH_TOKEN", sandbox.auth_token())
        .env("SWITCHBOARD_BASE_URL", sandbox.base_url())
        .env_remove("TWILIO_API_KEY")
        .env_remove("TWILIO_API_SECRET")
        .env_remove("TWILIO_REGION")
        .env_remove("TWILIO_EDGE")
        .output()
        .expect("run the switchboard CLI");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "switchboard {args:?} failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == name) {
                return Some(p);
            }
        }
    }
    None
}

/// The sandbox's state without what changes on every request (sequence numbers, timestamps).
fn comparable(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(o) => {
                o.remove("meta");
                o.remove("next_seq");
                o.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

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

    wait_for(&c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    click(&c, "#choose-account").await;
    fill(&c, "#account-sid", SID).await;
    fill(&c, "#auth-token", TOKEN).await;
    click(&c, "#create-api-key").await;
    click(&c, "#connect-account").await;
    wait_for(&c, "#badge.live", "connected", |t| {
        t.trim() == "Rollback Corp"
    })
    .await;
    wait_for(&c, "#numbers-total", "the numbers", |t| {
        t.contains("numbers")
    })
    .await;
    click(&c, "#next").await;
    click(&c, "#next").await;
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

    wait_for(&c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    click(&c, "#choose-account").await;
    fill(&c, "#account-sid", SID).await;
    fill(&c, "#auth-token", TOKEN).await;
    click(&c, "#create-api-key").await;
    click(&c, "#connect-account").await;
    wait_for(&c, "#badge.live", "connected", |t| {
        t.trim() == "Inventory Corp"
    })
    .await;
    wait_for(&c, "#numbers-total", "the numbers", |t| {
        t.contains("numbers")
    })
    .await;
    click(&c, "#next").await;
    click(&c, "#next").await;

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

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn keyboard_only_then_an_unfinished_wizard_reopens_where_it_was_after_a_restart() {
    let dirs = Dirs::new();
    let (driver, port) = start_driver(&dirs, "http://127.0.0.1:9");
    let c = session(port).await;
    demo_to_start(&c).await;
    // From the keyboard only: Tab to the task, Enter; type the name; Tab to Next, Enter.
    tab_to(&c, "flow-elastic").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    tab_to(&c, "trunk-name").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys("Draft Trunk")
        .await
        .unwrap();
    wait_for(
        &c,
        "#termination-availability",
        "the address is free",
        |t| t.contains("is free"),
    )
    .await;
    next_enabled(&c, "trunk").await;
    tab_to(&c, "next").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-flow-step=auth]"))
        .await
        .expect("Enter on Next reached the auth step");
    click(&c, "#use-acl").await;
    fill(&c, "#acl-addresses-input", "93.184.216.40").await;
    click(&c, "#acl-addresses-add").await;
    wait_count(&c, "#acl-addresses .chip", 1).await;
    next_to(&c, "auth", "origination").await;
    // The draft is saved on every step change; give the write a moment, then quit the app.
    tokio::time::sleep(Duration::from_millis(800)).await;
    c.close().await.unwrap();
    drop(driver);

    let (_driver, port) = start_driver(&dirs, "http://127.0.0.1:9");
    let c = session(port).await;
    wait_for(&c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    if c.find(Locator::Css("#flow-elastic")).await.is_err() {
        if c.find(Locator::Css("#choose-demo")).await.is_ok() {
            click(&c, "#choose-demo").await;
        }
        wait_for(&c, "#numbers-total", "the demo's numbers", |t| {
            t.contains("numbers, loaded in")
        })
        .await;
        click(&c, "#next").await;
        click(&c, "#next").await;
    }
    let text = wait_for(&c, "#draft-text", "the unfinished wizard", |t| {
        t.contains("Draft Trunk")
    })
    .await;
    assert!(text.contains("step 3 of 8"), "{text}");
    shot(&c, "elastic-draft-01-offered").await;
    click(&c, "#draft-resume").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-flow-step=origination]"))
        .await
        .expect("back on the origination step");
    assert_eq!(count(&c, ".rail li.done").await, 2);
    shot(&c, "elastic-draft-02-reopened").await;
    click(&c, "#back").await;
    wait_count(&c, "#acl-addresses .chip[data-value='93.184.216.40']", 1).await;
    click(&c, "#back").await;
    let name = c
        .find(Locator::Css("#trunk-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("Draft Trunk"));
    c.close().await.unwrap();
}
