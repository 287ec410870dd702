//! The real CLI killed (SIGKILL) in the middle of `switchboard apply`, at several step
//! positions; `switchboard resume` then reaches the desired state and `switchboard rollback`
//! restores the account as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use switchboard_sandbox::{Faults, Sandbox, SandboxConfig};

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/elastic-trunk.toml"
);

fn cli(sb: &Sandbox, state: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    c.args(args)
        .env("SWITCHBOARD_STATE_DIR", state)
        .env("TWILIO_ACCOUNT_SID", sb.account_sid())
        .env("TWILIO_AUTH_TOKEN", sb.auth_token())
        .env("SWITCHBOARD_BASE_URL", sb.base_url())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn done_steps(journal: &Path) -> usize {
    let Ok(bytes) = std::fs::read(journal) else {
        return 0;
    };
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return 0;
    };
    let plan = &v["plan"]["steps"];
    v["steps"]
        .as_array()
        .map(|s| {
            s.iter()
                .enumerate()
                .filter(|(i, s)| s["state"] == "done" && !plan[*i]["op"].is_null())
                .count()
        })
        .unwrap_or(0)
}

fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(o) => {
            o.remove("meta");
            o.remove("next_seq");
            o.values_mut().for_each(strip);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn snapshot(sb: &Sandbox) -> serde_json::Value {
    let mut v = sb.state_json();
    strip(&mut v);
    v
}

fn state_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sb-kill-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_apply_then_resume_or_rollback() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    for k in [1usize, 6, 12] {
        for resume in [true, false] {
            sb.reset();
            sb.set_faults(Faults {
                latency_ms: 25,
                ..Faults::default()
            });
            let before = snapshot(&sb);
            let state = state_dir(&format!("{k}-{resume}"));
            let journal = state.join(format!("journal-{}.json", sb.account_sid()));
            let mut child = cli(&sb, &state, &["apply", SPEC, "--yes", "--concurrency", "1"])
                .spawn()
                .unwrap();
            let start = Instant::now();
            while done_steps(&journal) < k {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "k={k}: apply made no progress"
                );
                if let Some(status) = child.try_wait().unwrap() {
                    panic!("k={k}: apply ended ({status}) before it could be killed");
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            child.kill().unwrap();
            child.wait().unwrap();
            sb.set_faults(Faults::default());
            if resume {
                let st = cli(&sb, &state, &["resume"]).status().unwrap();
                assert!(st.success(), "k={k}: resume failed");
                let st = cli(&sb, &state, &["plan", SPEC, "--json"])
                    .stdout(Stdio::piped())
                    .output()
                    .unwrap();
                let plan: serde_json::Value = serde_json::from_slice(&st.stdout).unwrap();
                assert!(
                    plan["steps"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|s| s["kind"] == "satisfied"),
                    "k={k}: after resume the plan must be empty: {plan}"
                );
            } else {
                let st = cli(&sb, &state, &["rollback", "--yes"]).status().unwrap();
                assert!(st.success(), "k={k}: rollback failed");
                assert_eq!(
                    snapshot(&sb),
                    before,
                    "k={k}: rollback restores the account"
                );
            }
            let _ = std::fs::remove_dir_all(&state);
        }
    }
}
