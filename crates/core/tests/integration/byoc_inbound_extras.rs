//! Desired state for a BYOC spec's `inbound`: a source IP mapping to the inbound SIP domain
//! whose address the spec's carrier addresses do not include is removed (its IP record is
//! kept); a rollback maps the record to the domain again.

use crate::engine_common;

use engine_common::{
    INBOUND_DOMAIN, byoc_inbound_spec, expect_rolled_back_after, options, sandbox,
};
use futures::TryStreamExt;
use switchboard_core::engine::{Event, Op, RouterOp, StepKind, apply, plan, rollback};
use switchboard_core::spec::Spec;
use switchboard_sandbox::FaultRule;
use switchboard_twilio::{Client, IpRecordSid, NewIpRecord, SipDomainSid};

const DOMAIN: &str = INBOUND_DOMAIN;

fn spec() -> Spec {
    byoc_inbound_spec(&["52.215.127.10"])
}

fn removals(p: &switchboard_core::engine::Plan) -> Vec<&switchboard_core::engine::Step> {
    p.changes()
        .filter(|s| {
            matches!(
                &s.op,
                Some(Op::Router(RouterOp::DeleteSourceIpMapping { .. }))
            )
        })
        .collect()
}

/// The IP record SIDs mapped to `domain`, sorted.
async fn mapped(client: &Client, domain: &SipDomainSid) -> Vec<String> {
    let all: Vec<_> = client
        .list_source_ip_mappings()
        .try_collect()
        .await
        .unwrap();
    let mut v: Vec<String> = all
        .into_iter()
        .filter(|m| m.sip_domain_sid.as_ref() == Some(domain))
        .filter_map(|m| m.ip_record_sid.map(|r| r.to_string()))
        .collect();
    v.sort();
    v
}

/// The spec applied, then an address the spec does not list mapped to its domain by hand.
async fn with_extra(client: &Client, dir: &tempfile::TempDir) -> (SipDomainSid, IpRecordSid) {
    let p = plan(&spec(), client).await.unwrap();
    assert!(removals(&p).is_empty(), "nothing to remove from nothing");
    apply(p, client, &options(dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(
        plan(&spec(), client).await.unwrap().is_empty(),
        "re-run empty"
    );
    let domains: Vec<_> = client.list_sip_domains().try_collect().await.unwrap();
    let domain = domains
        .into_iter()
        .find(|d| d.domain_name.as_deref() == Some(DOMAIN))
        .unwrap()
        .sid;
    let il = client
        .create_ip_record(&NewIpRecord {
            ip_address: "198.51.100.0".into(),
            friendly_name: Some("old carrier range".into()),
            cidr_prefix_length: Some(24),
        })
        .await
        .unwrap();
    client
        .create_source_ip_mapping(&il.sid, &domain)
        .await
        .unwrap();
    (domain, il.sid)
}

#[tokio::test]
async fn a_carrier_address_the_spec_does_not_list_is_unmapped_and_rollback_maps_it_again() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let (domain, il) = with_extra(&client, &dir).await;
    let before = mapped(&client, &domain).await;
    assert_eq!(before.len(), 2);

    let p = plan(&spec(), &client).await.unwrap();
    let steps = removals(&p);
    assert_eq!(p.changes().count(), 1, "{:#?}", p.steps);
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].kind, StepKind::Delete);
    assert_eq!(
        steps[0].description,
        format!(
            "Stop taking calls from 198.51.100.0/24 on SIP domain {DOMAIN}: the spec's carrier \
             addresses do not include it (its IP record is kept; a rollback maps it again)"
        )
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let after = mapped(&client, &domain).await;
    assert_eq!(after.len(), 1);
    assert!(!after.contains(&il.to_string()));
    client
        .fetch_ip_record(&il)
        .await
        .expect("the IP record is kept");
    assert!(
        plan(&spec(), &client).await.unwrap().is_empty(),
        "desired state"
    );
    let numbers = sb.state_json()["phone_numbers"].clone();

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(mapped(&client, &domain).await, before, "mapped again");
    assert_eq!(sb.state_json()["phone_numbers"], numbers);
}

#[tokio::test]
async fn a_failed_run_maps_a_removed_carrier_address_again() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let (domain, _) = with_extra(&client, &dir).await;
    let before = mapped(&client, &domain).await;
    // A second change, made to fail after the removal: the BYOC trunk's CNAM lookup.
    let mut spec = spec();
    if let Spec::Byoc(b) = &mut spec {
        b.trunk.cnam_lookup = !b.trunk.cnam_lookup;
    }
    let p = plan(&spec, &client).await.unwrap();
    let removal = removals(&p)[0].id;
    let update = p
        .changes()
        .find(|s| matches!(&s.op, Some(Op::UpdateByocTrunk { .. })))
        .expect("the trunk update")
        .id;
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/ByocTrunks/".into(),
        nth: 1,
        status: 400,
    };
    expect_rolled_back_after(&sb, &client, &dir, p, (removal, update), rule).await;
    assert_eq!(mapped(&client, &domain).await, before);
}
