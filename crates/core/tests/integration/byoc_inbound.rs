//! A BYOC carrier's calls by source address (`inbound` in a BYOC spec) planned and applied
//! against the sandbox: the SIP domain handing calls to the BYOC trunk, one IP record per
//! carrier address and its source IP mapping; a call from a carrier address reaches the
//! trunk's router; re-planning is empty; an existing domain and mapping are taken over and a
//! rollback gives them back; a failure mid-run is rolled back.

use crate::engine_common;

use engine_common::{
    INBOUND_DOMAIN, byoc_inbound_spec, expect_rolled_back, options, sandbox, snapshot,
};
use serde_json::{Value, json};
use switchboard_core::engine::{Event, Op, PlanError, RouterOp, apply, plan, rollback};
use switchboard_core::router::{ByocInbound, twiml_for};
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Sandbox};
use switchboard_twilio::{NewIpRecord, SipDomainParams};

const DOMAIN: &str = INBOUND_DOMAIN;

fn spec() -> Spec {
    byoc_inbound_spec(&["52.215.127.10", "54.172.60.0/28"])
}

fn node() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok()
}

fn inbound_ops(p: &switchboard_core::engine::Plan) -> Vec<&'static str> {
    p.changes()
        .filter_map(|s| match &s.op {
            Some(Op::Router(r)) => match r {
                RouterOp::CreateInboundDomain { .. } => Some("domain"),
                RouterOp::SetDomainByocTrunk { .. } => Some("domain_trunk"),
                RouterOp::CreateIpRecord { .. } => Some("ip_record"),
                RouterOp::CreateSourceIpMapping { .. } => Some("mapping"),
                RouterOp::MoveSourceIpMapping { .. } => Some("move_mapping"),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

async fn call_from(sb: &Sandbox, source: &str, to: &str) -> Value {
    let r = reqwest::Client::new()
        .post(format!("{}/__sandbox/inbound", sb.base_url()))
        .basic_auth(sb.account_sid(), Some(sb.auth_token()))
        .json(&json!({"to": to, "from": "+12125550000", "via": source}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{v}");
    v
}

fn domain_state(sb: &Sandbox, name: &str) -> Value {
    sb.state_json()["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain_name"] == name)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn the_carriers_addresses_reach_the_byoc_trunk_through_a_new_domain() {
    let (sb, client) = sandbox(true).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let spec = spec();
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        inbound_ops(&p),
        ["domain", "ip_record", "mapping", "ip_record", "mapping"]
    );
    let words: Vec<&str> = p.changes().map(|s| s.description.as_str()).collect();
    assert!(
        words.contains(&"Record the carrier's address 54.172.60.0/28 (IP record)"),
        "{words:#?}"
    );
    assert!(
        words.contains(&"Map calls from 52.215.127.10/32 to SIP domain carrier-y-in.sip.twilio.com (source IP mapping)"),
        "{words:#?}"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();

    let state = sb.state_json();
    let trunk = state["byoc_trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Carrier Y")
        .unwrap()
        .clone();
    let d = domain_state(&sb, DOMAIN);
    assert_eq!(d["byoc_trunk_sid"], trunk["sid"]);
    let records = state["ip_records"].as_array().unwrap();
    let mut held: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{}/{}",
                r["ip_address"].as_str().unwrap(),
                r["cidr_prefix_length"]
            )
        })
        .collect();
    held.sort();
    assert_eq!(held, ["52.215.127.10/32", "54.172.60.0/28"]);
    assert!(
        records
            .iter()
            .all(|r| r["friendly_name"] == "Carrier Y carrier")
    );
    let mappings = state["source_ip_mappings"].as_array().unwrap();
    assert_eq!(mappings.len(), 2);
    assert!(mappings.iter().all(|m| m["sip_domain_sid"] == d["sid"]));

    let again = plan(&spec, &client).await.unwrap();
    assert!(
        again.is_empty(),
        "{:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );

    if node() {
        let Spec::Byoc(b) = &spec else { unreachable!() };
        let router = b.router.as_ref().unwrap();
        let r = call_from(&sb, "54.172.60.5", "+14155550102").await;
        assert_eq!(r["voice_url"], trunk["voice_url"]);
        assert_eq!(
            r["body"],
            twiml_for(&router.rows[2].destination, sb.account_sid()).as_str()
        );
        let r = call_from(&sb, "52.215.127.10", "+14155550199").await;
        assert_eq!(
            r["body"],
            twiml_for(&router.default, sb.account_sid()).as_str()
        );
    }

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(snapshot(&sb), before, "the account is as before");
}

#[tokio::test]
async fn an_existing_domain_and_mapping_are_taken_over_and_given_back() {
    let (sb, client) = sandbox(true).await;
    let other = client
        .create_sip_domain(&SipDomainParams {
            domain_name: Some("other-carrier.sip.twilio.com".into()),
            ..SipDomainParams::default()
        })
        .await
        .unwrap();
    client
        .create_sip_domain(&SipDomainParams {
            domain_name: Some(DOMAIN.into()),
            voice_url: Some("https://hooks.acme-corp.com/in".into()),
            ..SipDomainParams::default()
        })
        .await
        .unwrap();
    let il = client
        .create_ip_record(&NewIpRecord {
            ip_address: "52.215.127.10".into(),
            friendly_name: Some("made by hand".into()),
            cidr_prefix_length: None,
        })
        .await
        .unwrap();
    client
        .create_source_ip_mapping(&il.sid, &other.sid)
        .await
        .unwrap();
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let spec = spec();
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        inbound_ops(&p),
        ["domain_trunk", "move_mapping", "ip_record", "mapping"]
    );
    let words: Vec<&str> = p.steps.iter().map(|s| s.description.as_str()).collect();
    assert!(
        words.contains(&"The carrier's address 52.215.127.10/32 is recorded (IP record)"),
        "{words:#?}"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let d = domain_state(&sb, DOMAIN);
    assert!(d["byoc_trunk_sid"].as_str().unwrap().starts_with("BY"));
    assert_eq!(
        d["voice_url"], "https://hooks.acme-corp.com/in",
        "untouched"
    );
    let state = sb.state_json();
    assert_eq!(state["ip_records"].as_array().unwrap().len(), 2);
    let moved = state["source_ip_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["ip_record_sid"] == il.sid.to_string().as_str())
        .unwrap()
        .clone();
    assert_eq!(moved["sip_domain_sid"], d["sid"]);
    assert!(plan(&spec, &client).await.unwrap().is_empty());

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(
        snapshot(&sb),
        before,
        "the domain's BYOC trunk cleared, the mapping moved back, the new record gone"
    );
}

#[tokio::test]
async fn a_failure_mapping_an_address_rolls_everything_back() {
    let (sb, client) = sandbox(true).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&spec(), &client).await.unwrap();
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/SourceIpMappings".into(),
        nth: 2,
        status: 400,
    };
    expect_rolled_back(&sb, &client, &dir, p, rule).await;
    assert_eq!(snapshot(&sb), before, "the account is as before");
}

#[tokio::test]
async fn bad_carrier_addresses_are_refused_by_field() {
    let (_sb, client) = sandbox(true).await;
    let mut spec = spec();
    if let Spec::Byoc(b) = &mut spec {
        b.inbound = Some(ByocInbound {
            sip_domain: "carrier.example.com".into(),
            carrier_ips: vec!["192.168.1.10".into(), "52.215.127.10/33".into()],
        });
    }
    let Err(PlanError::Invalid { issues }) = plan(&spec, &client).await else {
        panic!("refused");
    };
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    for p in [
        "inbound.sip_domain",
        "inbound.carrier_ips[0]",
        "inbound.carrier_ips[1]",
    ] {
        assert!(paths.contains(&p), "{p}: {issues:#?}");
    }
}
