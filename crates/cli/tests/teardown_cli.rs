//! `switchboard teardown TRUNK` against the demo sandbox: refused without confirmation, a trunk
//! named by its name or by its SID is removed with the plan table (text) or one event per line
//! (`--json`), its numbers stay on the account, and an unknown trunk is a usage error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use switchboard_sandbox::{Sandbox, SandboxConfig};

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/elastic-trunk.toml"
);

fn cli(sb: &Sandbox, state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .env("SWITCHBOARD_STATE_DIR", state)
        .env("TWILIO_ACCOUNT_SID", sb.account_sid())
        .env("TWILIO_AUTH_TOKEN", sb.auth_token())
        .env("SWITCHBOARD_BASE_URL", sb.base_url())
        .stdin(Stdio::null())
        .output()
        .expect("the CLI runs")
}

fn state_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sb-teardown-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn trunks_named(sb: &Sandbox, name: &str) -> Vec<serde_json::Value> {
    sb.state_json()["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["friendly_name"] == name)
        .cloned()
        .collect()
}

/// The account's numbers as (number, trunk SID) pairs.
fn numbers(sb: &Sandbox) -> Vec<(String, serde_json::Value)> {
    sb.state_json()["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["phone_number"].as_str().unwrap().to_string(),
                n["trunk_sid"].clone(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn teardown_by_name_with_json_events_keeps_every_number() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let state = state_dir("name");
    let out = cli(&sb, &state, &["apply", SPEC, "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trunk = trunks_named(&sb, "Acme Contact Centre");
    assert_eq!(trunk.len(), 1);
    let trunk_sid = trunk[0]["sid"].clone();
    let before = numbers(&sb);
    let routed: Vec<&String> = before
        .iter()
        .filter(|(_, t)| *t == trunk_sid)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(routed.len(), 2, "the example routes two numbers");

    // Without --yes and without a terminal, nothing is changed.
    let refused = cli(&sb, &state, &["teardown", "Acme Contact Centre"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("pass --yes"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(
        stdout.contains("Plan for"),
        "the plan table first: {stdout}"
    );
    assert!(stdout.contains("never released"), "{stdout}");
    assert_eq!(trunks_named(&sb, "Acme Contact Centre").len(), 1);

    let out = cli(
        &sb,
        &state,
        &["teardown", "Acme Contact Centre", "--yes", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert!(events.len() > 2, "{events:#?}");
    let last = events.last().unwrap();
    assert_eq!(last["ok"], true, "{last}");
    assert_eq!(last["rolled_back"], false, "{last}");

    assert!(
        trunks_named(&sb, "Acme Contact Centre").is_empty(),
        "trunk gone"
    );
    let after = numbers(&sb);
    assert_eq!(after.len(), before.len(), "no number released");
    for n in &routed {
        let (_, t) = after.iter().find(|(x, _)| x == *n).unwrap();
        assert!(t.is_null(), "{n} is detached: {t}");
    }
    assert_eq!(
        trunks_named(&sb, "Office PBX").len(),
        1,
        "the other trunk is untouched"
    );
    let _ = std::fs::remove_dir_all(&state);
}

#[tokio::test(flavor = "multi_thread")]
async fn teardown_by_sid_prints_the_plan_and_progress() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let state = state_dir("sid");
    let office = trunks_named(&sb, "Office PBX");
    let sid = office[0]["sid"].as_str().unwrap().to_string();
    let before = numbers(&sb).len();
    let out = cli(&sb, &state, &["teardown", &sid, "--yes"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("Plan for") && stdout.contains("Office PBX"),
        "{stdout}"
    );
    assert!(stdout.contains("detach"), "{stdout}");
    assert!(stderr.contains("Done: run"), "{stderr}");
    assert!(trunks_named(&sb, "Office PBX").is_empty());
    assert_eq!(numbers(&sb).len(), before, "no number released");
    let _ = std::fs::remove_dir_all(&state);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_trunk_is_a_usage_error_naming_it() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let state = state_dir("unknown");
    let before = sb.state_json()["trunks"].clone();
    let out = cli(&sb, &state, &["teardown", "No such trunk", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("trunk: 'No such trunk' is neither the name nor the SID"),
        "{stderr}"
    );
    let out = cli(
        &sb,
        &state,
        &["teardown", "No such trunk", "--yes", "--json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["issues"][0]["path"], "trunk", "{v}");
    // A well-formed SID that is not on the account.
    let out = cli(
        &sb,
        &state,
        &["teardown", "TK00000000000000000000000000000000", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a trunk on this account"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sb.state_json()["trunks"], before, "nothing removed");
    let _ = std::fs::remove_dir_all(&state);
}
