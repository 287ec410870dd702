//! The DID router deployed through the plan against the sandbox: the Serverless service,
//! environment, Function, version, build and deployment are made, the BYOC trunk's / SIP
//! domain's voice URL points at the Function, an inbound call to each number in the table gets
//! that row's TwiML (the sandbox runs the deployed code with Node.js, posting what Twilio
//! posts), re-applying an unchanged table is an empty plan, editing it redeploys, and a failed
//! run is rolled back. For a SIP domain the account numbers in the table get the router as
//! their voice URL too, so a call from the phone network to one rings its phone; a rollback
//! gives them back their old voice URL.

use crate::engine_common;

use engine_common::{
    ALICE_NUMBER, BOB_NUMBER, expect_rolled_back, number_state, options, sandbox, set_voice,
    snapshot,
};
use serde_json::{Value, json};
use switchboard_core::engine::{Event, Op, PlanError, RouterOp, apply, plan, rollback};
use switchboard_core::router::{Destination, ROUTER_PATH, twiml_for};
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Faults, Sandbox};
use switchboard_twilio::HttpMethod;

fn example() -> Spec {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/byoc-router.toml");
    Spec::from_path(&path).unwrap()
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

#[tokio::test]
async fn byoc_router_deploys_answers_each_number_and_updates() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let mut spec = example();
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        router_ops(&p),
        [
            "service",
            "environment",
            "function",
            "upload",
            "build",
            "deploy",
            "voice_url"
        ]
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();

    let state = sb.state_json();
    let env = &state["environments"][0];
    let domain = env["domain_name"].as_str().unwrap();
    assert!(
        domain.starts_with("carrier-y-router-") && domain.ends_with(".twil.io"),
        "{domain}"
    );
    assert!(env["build_sid"].as_str().unwrap().starts_with("ZB"));
    let trunk = state["byoc_trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Carrier Y")
        .unwrap();
    assert_eq!(
        trunk["voice_url"],
        format!("https://{domain}{ROUTER_PATH}").as_str()
    );
    let by = trunk["sid"].as_str().unwrap().to_string();
    assert_eq!(state["function_versions"][0]["visibility"], "protected");

    let again = plan(&spec, &client).await.unwrap();
    assert!(
        again.is_empty(),
        "{:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );

    let Spec::Byoc(b) = &spec else { unreachable!() };
    let router = b.router.clone().unwrap();
    if node() {
        for row in &router.rows {
            let r = inbound(&sb, &row.number, &by).await;
            assert_eq!(r["params"]["To"], row.number.as_str());
            assert_eq!(r["content_type"], "text/xml");
            assert_eq!(
                r["body"],
                twiml_for(&row.destination, sb.account_sid()).as_str(),
                "{}",
                row.number
            );
        }
        let r = inbound(&sb, "+14155550199", &by).await;
        assert_eq!(
            r["body"],
            twiml_for(&router.default, sb.account_sid()).as_str()
        );
    }

    // edit the table: a new destination for one number, one more row
    if let Spec::Byoc(b) = &mut spec {
        let r = b.router.as_mut().unwrap();
        r.rows[0].destination = Destination::Phone {
            number: "+14155559999".into(),
            caller_id: None,
        };
        r.rows.push(switchboard_core::router::RouteRow {
            number: "+14155550103".into(),
            destination: Destination::Webhook {
                url: "https://hooks.acme-corp.com/support".into(),
            },
        });
    }
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        router_ops(&p),
        ["upload", "build", "deploy"],
        "only the code changes"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(plan(&spec, &client).await.unwrap().is_empty());
    if node() {
        let r = inbound(&sb, "+14155550100", &by).await;
        assert_eq!(
            r["body"],
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Number>+14155559999</Number></Dial></Response>"#
        );
        let r = inbound(&sb, "+14155550103", &by).await;
        assert!(r["body"].as_str().unwrap().contains("/support</Redirect>"));
    }
}

#[tokio::test]
async fn sip_domain_router_routes_sip_uris() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec::from_toml_str(
        r#"
version = 1
kind = "sip_domain"
domain = "phones.sip.twilio.com"
registration = true

[[credential_lists]]
name = "Phones"
usernames = ["+14155550100"]
registrations = true

[router]
service_name = "phones-router"
rows = [{ number = "+14155550100", destination = { kind = "sip", uri = "sip:+14155550100@phones.sip.twilio.com" } }]
default = { kind = "phone", number = "+14155552671" }
"#,
    )
    .unwrap();
    sb.add_numbers(&["+14155550100".to_string()]).unwrap();
    let p = plan(&spec, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(plan(&spec, &client).await.unwrap().is_empty());
    let state = sb.state_json();
    let d = state["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain_name"] == "phones.sip.twilio.com")
        .unwrap();
    assert!(
        d["voice_url"]
            .as_str()
            .unwrap()
            .ends_with(".twil.io/switchboard-router")
    );
    if node() {
        let r = inbound(&sb, "+14155550100", "phones.sip.twilio.com").await;
        assert_eq!(r["params"]["To"], "sip:+14155550100@phones.sip.twilio.com");
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Sip>sip:+14155550100@phones.sip.twilio.com</Sip>")
        );
        let r = inbound(&sb, "1001", "phones.sip.twilio.com").await;
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Number>+14155552671</Number>")
        );
    }
}

#[tokio::test]
async fn a_router_with_a_voice_url_is_refused() {
    let (_sb, client) = sandbox(true).await;
    let mut spec = example();
    if let Spec::Byoc(b) = &mut spec {
        b.trunk.voice_url = Some("https://hooks.acme-corp.com/voice".into());
    }
    let err = plan(&spec, &client).await.unwrap_err();
    assert!(err.to_string().contains("trunk.voice_url"), "{err}");
}

#[tokio::test]
async fn failures_during_the_router_deployment_roll_back_what_the_run_made() {
    let (sb, client) = sandbox(true).await;
    let spec = example();
    for failing in ["/Deployments", "/Builds", "/ByocTrunks/"] {
        sb.reset();
        let before = snapshot(&sb);
        let dir = tempfile::tempdir().unwrap();
        let p = plan(&spec, &client).await.unwrap();
        let rule = FaultRule {
            method: "POST".into(),
            path_contains: failing.into(),
            nth: if failing == "/ByocTrunks/" { 1 } else { 0 },
            status: 400,
        };
        expect_rolled_back(&sb, &client, &dir, p, rule).await;
        assert_eq!(snapshot(&sb), before, "{failing}: the account is as before");
    }
}

#[tokio::test]
async fn a_5xx_on_each_router_create_is_retried_without_duplicates() {
    let (sb, client) = sandbox(true).await;
    let spec = example();
    for (path, nth) in [
        ("/v1/Services", 1),
        ("/Environments", 1),
        ("/Functions", 1),
        ("/Deployments", 1),
    ] {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let p = plan(&spec, &client).await.unwrap();
        sb.set_faults(Faults {
            rules: vec![FaultRule {
                method: "POST".into(),
                path_contains: path.into(),
                nth,
                status: 503,
            }],
            ..Faults::default()
        });
        apply(p, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        sb.set_faults(Faults::default());
        let state = sb.state_json();
        for key in ["services", "environments", "functions", "deployments"] {
            assert_eq!(state[key].as_array().unwrap().len(), 1, "{path}: one {key}");
        }
        assert!(plan(&spec, &client).await.unwrap().is_empty(), "{path}");
    }
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

#[tokio::test]
async fn sip_domain_router_takes_the_account_numbers_calls_and_rollback_gives_them_back() {
    let (sb, client) = sandbox(true).await;
    old_voice_url(&client).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let spec = phones_spec();
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        router_ops(&p),
        [
            "service",
            "environment",
            "function",
            "upload",
            "build",
            "deploy",
            "voice_url",
            "number",
            "number"
        ]
    );
    let words: Vec<&str> = p.changes().map(|s| s.description.as_str()).collect();
    assert!(
        words.contains(
            &"Send calls to +1 312 555 7412 to the number router (its voice URL was https://hooks.acme-corp.com/old-ivr with GET)"
        ),
        "{words:#?}"
    );
    assert!(
        words.contains(&"Send calls to +1 212 555 2368 to the number router (it had no voice URL)"),
        "{words:#?}"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();

    let state = sb.state_json();
    let domain = state["environments"][0]["domain_name"].as_str().unwrap();
    let url = format!("https://{domain}{ROUTER_PATH}");
    for n in ["+13125557412", "+12125552368"] {
        let s = number_state(&sb, n);
        assert_eq!(s["voice_url"], url.as_str(), "{n}");
        assert_eq!(s["voice_method"], "POST", "{n}");
    }
    let again = plan(&spec, &client).await.unwrap();
    assert!(
        again.is_empty(),
        "{:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );
    assert!(
        again
            .steps
            .iter()
            .any(|s| s.description == "Calls to +1 312 555 7412 already go to the number router"),
        "the number's step is satisfied"
    );

    if node() {
        let r = inbound_to_number(&sb, "+13125557412").await;
        assert_eq!(r["voice_url"], url.as_str());
        assert_eq!(r["params"]["To"], "+13125557412");
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Dial><Sip>sip:alice@office.sip.twilio.com</Sip></Dial>"),
            "{r}"
        );
        let r = inbound_to_number(&sb, "+12125552368").await;
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Sip>sip:bob@office.sip.twilio.com</Sip>"),
            "{r}"
        );
    }

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let old = number_state(&sb, "+13125557412");
    assert_eq!(old["voice_url"], "https://hooks.acme-corp.com/old-ivr");
    assert_eq!(old["voice_method"], "GET");
    assert!(number_state(&sb, "+12125552368")["voice_url"].is_null());
    assert_eq!(
        snapshot(&sb)["phone_numbers"],
        before["phone_numbers"],
        "every number as before, none released"
    );
}

#[tokio::test]
async fn a_failure_pointing_a_number_rolls_the_numbers_back() {
    let (sb, client) = sandbox(true).await;
    old_voice_url(&client).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&phones_spec(), &client).await.unwrap();
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/IncomingPhoneNumbers/".into(),
        nth: 2,
        status: 400,
    };
    expect_rolled_back(&sb, &client, &dir, p, rule).await;
    assert_eq!(snapshot(&sb), before, "the account is as before");
}

#[tokio::test]
async fn a_routed_number_the_router_cannot_answer_is_refused_by_row() {
    let (sb, client) = sandbox(true).await;
    let mut spec = phones_spec();
    if let Spec::SipDomain(d) = &mut spec {
        let rows = &mut d.router.as_mut().unwrap().rows;
        // not on the account
        rows[0].number = "+14155550100".into();
        // on the demo Elastic SIP trunk
        rows[1].number = "+14155552671".into();
    }
    let before = snapshot(&sb);
    let Err(PlanError::Invalid { issues }) = plan(&spec, &client).await else {
        panic!("the plan is refused");
    };
    let at = |path: &str| {
        issues
            .iter()
            .find(|i| i.path == path)
            .unwrap_or_else(|| panic!("an issue at {path}: {issues:#?}"))
            .message
            .clone()
    };
    let m = at("router.rows[0].number");
    assert!(
        m.contains("+14155550100 is not a number on this account"),
        "{m}"
    );
    let m = at("router.rows[1].number");
    assert!(
        m.contains("+14155552671 answers through Elastic SIP trunk TK"),
        "{m}"
    );
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert_eq!(snapshot(&sb), before, "nothing was changed");
}
