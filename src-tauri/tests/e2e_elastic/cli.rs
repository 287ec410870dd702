//! The account as seen from outside the app: the `switchboard` CLI run against a sandbox, a file
//! the app saved, and the sandbox's state ready to compare.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use switchboard_sandbox::Sandbox;

use crate::webdriver::repo;

/// The `switchboard` binary, built when missing.
pub fn cli() -> PathBuf {
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
pub fn run_cli(sandbox: &Sandbox, args: &[&str]) -> Vec<Value> {
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

pub fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
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
pub fn comparable(mut v: Value) -> Value {
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
