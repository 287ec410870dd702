//! Exports of specs: TOML / JSON round trips, Terraform HCL parsed back with hcl-rs, the
//! twilio-cli script run against a recording stand-in for `twilio`, and golden files for each.
//! Regenerate goldens with `UPDATE_GOLDEN=1 cargo test -p switchboard-core --test integration -- export_formats`.
//!
//! This file holds what the tests share: the specs every format is exported from, the Terraform
//! parsed into resources, and the script run against the stand-in. `spec_and_sheet.rs` has the
//! round trips, the script's and the far-side sheet's golden files and the sheet as PDF,
//! `terraform.rs` the HCL (and the labels of both formats), `twilio_cli.rs` the script's quoting,
//! `router_inbound.rs` the router and BYOC inbound in both.

mod router_inbound;
mod spec_and_sheet;
mod terraform;
mod twilio_cli;

use crate::preset_common;

use std::collections::BTreeMap;

use preset_common::{build_example, repo_root};
use switchboard_core::spec::Spec;

fn specs() -> Vec<(&'static str, Spec)> {
    let ex =
        |f: &str| Spec::from_path(&repo_root().join("examples").join(f)).expect("example spec");
    vec![
        (
            "genesys",
            build_example("genesys-byoc", "genesys.toml").spec,
        ),
        ("bolna", build_example("bolna", "bolna.toml").spec),
        ("elastic", ex("elastic-trunk.toml")),
        ("byoc", ex("byoc.toml")),
        ("sip-domain", ex("sip-domain.toml")),
        ("byoc-router", ex("byoc-router.toml")),
        ("byoc-inbound", byoc_inbound()),
        ("sip-router", sip_router()),
    ]
}

fn example_text(f: &str) -> String {
    std::fs::read_to_string(repo_root().join("examples").join(f)).expect("example spec")
}

/// examples/byoc.toml, and the carrier's calls come in by its source addresses.
fn byoc_inbound() -> Spec {
    Spec::from_toml_str(&format!("{}{INBOUND}", example_text("byoc.toml"))).unwrap()
}

const INBOUND: &str = r#"
[inbound]
sip_domain = "carrier-x.sip.twilio.com"
carrier_ips = ["52.215.127.30", "54.172.60.0/30"]
"#;

/// examples/sip-domain.toml with a number router instead of one voice URL.
fn sip_router() -> Spec {
    let text = example_text("sip-domain.toml")
        .replace("voice_url = \"https://hooks.acme-corp.com/sip\"\n", "");
    Spec::from_toml_str(&format!(
        r#"{text}
[router]
service_name = "acme-phones-router"

[[router.rows]]
number = "+14155550100"
destination = {{ kind = "sip", uri = "sip:desk-101@acme.sip.twilio.com" }}

[[router.rows]]
number = "+14155550101"
destination = {{ kind = "webhook", url = "https://hooks.acme-corp.com/sales" }}

[router.default]
kind = "webhook"
url = "https://hooks.acme-corp.com/sip"
"#
    ))
    .unwrap()
}

/// resource type → label → attribute → expression text.
type Resources = BTreeMap<(String, String), BTreeMap<String, String>>;

fn parse_hcl(text: &str) -> Resources {
    let body: hcl::Body = hcl::from_str(text).expect("the Terraform export parses as HCL");
    let mut out = Resources::new();
    for b in body.blocks().filter(|b| b.identifier() == "resource") {
        let labels: Vec<String> = b.labels().iter().map(|l| l.as_str().to_string()).collect();
        assert_eq!(labels.len(), 2, "a resource has a type and a name");
        let attrs = b
            .body()
            .attributes()
            .map(|a| (a.key().to_string(), a.expr().to_string()))
            .collect();
        let key = (labels[0].clone(), labels[1].clone());
        assert!(
            out.insert(key.clone(), attrs).is_none(),
            "{key:?} is declared twice"
        );
    }
    out
}

/// Runs a twilio-cli export against a stand-in for `twilio` that logs each call's arguments and
/// prints a fake SID; returns the run and the calls, one argument list each. The script sees
/// `env` and none of the test's own `ROUTER_VOICE_URL` or `SIP_PASSWORD_*` variables.
fn run_script(script: &str, env: &[(&str, &str)]) -> (std::process::Output, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("calls.log");
    let fake = dir.path().join("twilio");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{0}'; done\necho '--' >> '{0}'\necho SIDFAKE\n",
            log.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fake)
        .status()
        .unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .env("PATH", &path)
        .env_remove("ROUTER_VOICE_URL");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("SIP_PASSWORD_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let calls = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .split("--\n")
        .filter(|c| !c.is_empty())
        .map(|c| c.lines().map(str::to_string).collect())
        .collect();
    (out, calls)
}

fn flag(call: &[String], name: &str) -> String {
    let at = call
        .iter()
        .position(|a| a == name)
        .unwrap_or_else(|| panic!("{name} missing in {call:?}"));
    call[at + 1].clone()
}

fn calls_of<'a>(calls: &'a [Vec<String>], cmd: &str) -> Vec<&'a Vec<String>> {
    calls.iter().filter(|c| c[0] == cmd).collect()
}
