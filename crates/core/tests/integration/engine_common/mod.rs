//! Shared helpers for the engine tests: a sandbox, a client with quick retries, a state dir,
//! and account snapshots without timestamps.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use switchboard_core::engine::{
    ApplyError, ApplyOptions, Event, GeneratedPasswords, Plan, StateDir, StepId, apply,
};
use switchboard_core::router::ByocInbound;
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Faults, Sandbox, SandboxConfig};
use switchboard_twilio::{
    Client, Credentials, Endpoints, HttpMethod, NumberFilter, NumberUpdate, RetryPolicy, Secret,
};

pub async fn sandbox(seed: bool) -> (Sandbox, Client) {
    let sb = Sandbox::start(SandboxConfig {
        seed,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts");
    let creds =
        Credentials::auth_token(sb.account_sid(), Secret::new(sb.auth_token())).expect("sid");
    let client = Client::builder(creds)
        .endpoints(Endpoints::single(&sb.base_url()))
        .retry(RetryPolicy {
            max_retries: 10,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(100),
        })
        .build()
        .expect("client");
    (sb, client)
}

pub fn options(dir: &tempfile::TempDir) -> ApplyOptions {
    ApplyOptions::new(
        StateDir(dir.path().to_path_buf()),
        Arc::new(GeneratedPasswords(|_: &str, _: &str, _: &Secret| {})),
    )
}

/// The account without timestamps and sequence numbers.
pub fn snapshot(sb: &Sandbox) -> serde_json::Value {
    let mut v = sb.state_json();
    strip(&mut v);
    v
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

/// A trunk with two ACLs, a credential list, two origination URLs, one free number and one
/// number that must move off the demo trunk.
pub fn trunk_spec() -> Spec {
    Spec::from_toml_str(
        r#"
version = 1
kind = "elastic_trunk"
name = "Acme Genesys"
termination_domain = "acme-genesys.pstn.twilio.com"
secure = true
recording = { mode = "record-from-answer", trim = "trim-silence" }
numbers = ["+12125552368", "+14155552671"]

[[ip_acls]]
name = "Genesys EU"
addresses = ["52.215.127.10", "52.215.127.11"]

[[ip_acls]]
name = "Genesys US"
addresses = ["54.172.60.0/30"]

[[credential_lists]]
name = "Acme PBX users"
usernames = ["alice", "bob"]

[[origination_urls]]
name = "primary"
sip_url = "sip:pbx1.acme-corp.com:5060"

[[origination_urls]]
name = "backup"
sip_url = "sip:pbx2.acme-corp.com:5060"
priority = 20
"#,
    )
    .expect("test spec parses")
}

/// How many resources in the snapshot's `table` have `field == value`.
pub fn count(snap: &serde_json::Value, table: &str, field: &str, value: &str) -> usize {
    snap[table]
        .as_array()
        .map(|a| a.iter().filter(|r| r[field] == value).count())
        .unwrap_or(0)
}

/// Applies `plan` with the sandbox failing the request `rule` describes, and checks that the
/// run failed and rolled back (the faults are cleared afterwards). Returns the error.
pub async fn expect_rolled_back(
    sb: &Sandbox,
    client: &Client,
    dir: &tempfile::TempDir,
    plan: Plan,
    rule: FaultRule,
) -> ApplyError {
    let what = format!("{} {} #{}", rule.method, rule.path_contains, rule.nth);
    sb.set_faults(Faults {
        rules: vec![rule],
        ..Faults::default()
    });
    let result = apply(plan, client, &options(dir), &mut |_: &Event| {}).await;
    sb.set_faults(Faults::default());
    let err = result.expect_err(&format!("the run fails at {what}"));
    assert!(
        matches!(
            err,
            ApplyError::Failed {
                rolled_back: true,
                ..
            }
        ),
        "{what}: {err}"
    );
    err
}

/// Like [`expect_rolled_back`], with step `then` made to wait for step `first`, so the failure
/// comes after `first` succeeded and the rollback has it to undo.
pub async fn expect_rolled_back_after(
    sb: &Sandbox,
    client: &Client,
    dir: &tempfile::TempDir,
    mut plan: Plan,
    (first, then): (StepId, StepId),
    rule: FaultRule,
) -> ApplyError {
    plan.steps[then].depends_on.push(first);
    expect_rolled_back(sb, client, dir, plan, rule).await
}

/// A spec from `examples/`.
pub fn example(name: &str) -> Spec {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    Spec::from_path(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The inbound SIP domain of [`byoc_inbound_spec`].
pub const INBOUND_DOMAIN: &str = "carrier-y-in.sip.twilio.com";

/// `examples/byoc-router.toml` receiving the carrier's calls from `carrier_ips` through
/// [`INBOUND_DOMAIN`].
pub fn byoc_inbound_spec(carrier_ips: &[&str]) -> Spec {
    let mut spec = example("byoc-router.toml");
    if let Spec::Byoc(b) = &mut spec {
        b.inbound = Some(ByocInbound {
            sip_domain: INBOUND_DOMAIN.into(),
            carrier_ips: carrier_ips.iter().map(|s| s.to_string()).collect(),
        });
    }
    spec
}

/// A seeded number that rings alice's phone through the router of [`phones_spec`].
pub const ALICE_NUMBER: &str = "+13125557412";
/// A seeded number that rings bob's phone through the router of [`phones_spec`].
pub const BOB_NUMBER: &str = "+12125552368";

/// A SIP domain whose router sends each number in `rows` (of [`ALICE_NUMBER`], [`BOB_NUMBER`])
/// to its phone on the domain.
pub fn phones_spec(rows: &[&str]) -> Spec {
    let mut toml = String::from(
        r#"
version = 1
kind = "sip_domain"
domain = "office.sip.twilio.com"
registration = true

[[credential_lists]]
name = "Office phones"
usernames = ["alice", "bob"]
registrations = true

[router]
service_name = "office-router"
default = { kind = "phone", number = "+14155552671" }
"#,
    );
    for (number, user) in [(ALICE_NUMBER, "alice"), (BOB_NUMBER, "bob")] {
        if rows.contains(&number) {
            toml.push_str(&format!(
                "\n[[router.rows]]\nnumber = \"{number}\"\ndestination = {{ kind = \"sip\", uri = \"sip:{user}@office.sip.twilio.com\" }}\n"
            ));
        }
    }
    Spec::from_toml_str(&toml).expect("test spec parses")
}

/// One number's record in the sandbox.
pub fn number_state(sb: &Sandbox, number: &str) -> serde_json::Value {
    sb.state_json()["phone_numbers"]
        .as_array()
        .expect("numbers")
        .iter()
        .find(|n| n["phone_number"] == number)
        .unwrap_or_else(|| panic!("{number} on the account"))
        .clone()
}

/// Sets a number's voice URL and method, as someone would in the Console.
pub async fn set_voice(client: &Client, number: &str, url: &str, method: HttpMethod) {
    let n: Vec<_> = client
        .list_incoming_phone_numbers(&NumberFilter {
            phone_number: Some(number.into()),
            ..NumberFilter::default()
        })
        .try_collect()
        .await
        .expect("numbers");
    client
        .update_incoming_phone_number(
            &n[0].sid,
            &NumberUpdate {
                voice_url: Some(url.into()),
                voice_method: Some(method),
                ..NumberUpdate::default()
            },
        )
        .await
        .expect("the number is updated");
}
