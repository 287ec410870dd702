//! `switchboard check` as a script sees it: JSON shape, exit codes, spec files.

use std::net::UdpSocket;
use std::process::Command;

fn switchboard(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

#[test]
fn json_results_and_exit_1_when_a_target_does_not_answer() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let uri = format!("sip:127.0.0.1:{port}");
    let (code, out) = switchboard(&["--json", "check", &uri, "--timeout", "1"]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let r = &v["results"][0];
    assert_eq!(r["uri"], uri.as_str());
    assert_eq!(r["reachable"], false);
    for field in ["status", "reason", "rtt_ms", "verdict"] {
        assert!(r.get(field).is_some(), "field {field} present: {r}");
    }
    assert!(
        r["verdict"].as_str().unwrap().contains("no answer on UDP"),
        "{r}"
    );
}

#[test]
fn every_sip_uri_in_a_spec_file_is_checked() {
    let dir = std::env::temp_dir().join(format!("sb-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.toml");
    std::fs::write(
        &spec,
        "[[origination_urls]]\nsip_url = \"sip:no-such-a.invalid:5060\"\n[[origination_urls]]\nsip_url = \"sip:no-such-b.invalid:5060;transport=tcp\"\n",
    )
    .unwrap();
    let (code, out) = switchboard(&["--json", "check", spec.to_str().unwrap(), "--timeout", "1"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let uris: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        [
            "sip:no-such-a.invalid:5060",
            "sip:no-such-b.invalid:5060;transport=tcp"
        ]
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let (code, _) = switchboard(&["check", "/nonexistent/spec.toml"]);
    assert_eq!(code, 2);
}
