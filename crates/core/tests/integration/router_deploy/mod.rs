//! The DID router deployed through the plan against the sandbox: the Serverless service,
//! environment, Function, version, build and deployment are made, the BYOC trunk's / SIP
//! domain's voice URL points at the Function, an inbound call to each number in the table gets
//! that row's TwiML (the sandbox runs the deployed code with Node.js, posting what Twilio
//! posts), re-applying an unchanged table is an empty plan, editing it redeploys, and a failed
//! run is rolled back. For a SIP domain the account numbers in the table get the router as
//! their voice URL too, so a call from the phone network to one rings its phone; a rollback
//! gives them back their old voice URL.
//!
//! This file holds what the tests share (the example spec, inbound calls through the sandbox, the
//! plan's router steps by name); `deploy.rs` deploys, answers and redeploys, `numbers.rs` points a
//! SIP domain's account numbers at the router and back, `failures.rs` rolls back or retries.

mod deploy;
mod failures;
mod numbers;

use crate::engine_common;

use engine_common::{ALICE_NUMBER, BOB_NUMBER, set_voice};
use serde_json::{Value, json};
use switchboard_core::engine::{Op, RouterOp};
use switchboard_core::spec::Spec;
use switchboard_sandbox::Sandbox;
use switchboard_twilio::HttpMethod;

/// `examples/byoc-router.toml`: a BYOC trunk whose number router has a row of each kind.
fn example() -> Spec {
    engine_common::example("byoc-router.toml")
}

fn node() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok()
}

async fn inbound(sb: &Sandbox, to: &str, via: &str) -> Value {
    inbound_body(sb, json!({"to": to, "from": "+12125550000", "via": via})).await
}

/// A call from the phone network to the account number `to` (no `via`: the number's own
/// voice URL answers).
async fn inbound_to_number(sb: &Sandbox, to: &str) -> Value {
    inbound_body(sb, json!({"to": to, "from": "+12125550000"})).await
}

async fn inbound_body(sb: &Sandbox, body: Value) -> Value {
    let r = reqwest::Client::new()
        .post(format!("{}/__sandbox/inbound", sb.base_url()))
        .basic_auth(sb.account_sid(), Some(sb.auth_token()))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{v}");
    v
}

fn router_ops(p: &switchboard_core::engine::Plan) -> Vec<&'static str> {
    p.changes()
        .filter_map(|s| match &s.op {
            Some(Op::Router(r)) => Some(match r {
                RouterOp::CreateService { .. } => "service",
                RouterOp::CreateEnvironment { .. } => "environment",
                RouterOp::CreateFunction { .. } => "function",
                RouterOp::UploadVersion { .. } => "upload",
                RouterOp::Build { .. } => "build",
                RouterOp::Deploy { .. } => "deploy",
                RouterOp::PointVoiceUrl { .. } => "voice_url",
                RouterOp::PointNumber { .. } => "number",
                _ => "inbound",
            }),
            _ => None,
        })
        .collect()
}

/// Two seeded numbers (one with a GET voice URL, one without) ring two phones on the domain.
fn phones_spec() -> Spec {
    engine_common::phones_spec(&[ALICE_NUMBER, BOB_NUMBER])
}

/// Gives +13125557412 a GET voice URL, so restoring the method is checked too.
async fn old_voice_url(client: &switchboard_twilio::Client) {
    set_voice(
        client,
        ALICE_NUMBER,
        "https://hooks.acme-corp.com/old-ivr",
        HttpMethod::Get,
    )
    .await;
}
