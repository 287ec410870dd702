//! Desired state for BYOC and SIP domain specs: a connection policy target the spec does not
//! list is removed (a rollback adds it back with the same fields), and a SIP domain's auth
//! mappings the spec does not list are taken off the domain (the lists are kept; a rollback maps
//! them again). No number is ever released.

use crate::engine_common;

use engine_common::{example, expect_rolled_back_after, options, sandbox, snapshot};
use futures::TryStreamExt;
use switchboard_core::engine::{Event, Plan, StepId, StepKind, apply, plan, rollback};
use switchboard_core::spec::Spec;
use switchboard_sandbox::FaultRule;
use switchboard_twilio::{Client, ConnectionPolicySid, DomainMapping, SipDomainSid, TargetParams};

/// Applies `examples/<name>` from nothing (nothing to remove or detach there) and checks
/// that a re-run is empty.
async fn applied(client: &Client, dir: &tempfile::TempDir, name: &str) -> Spec {
    let spec = example(name);
    let p = plan(&spec, client).await.unwrap();
    assert!(
        p.steps
            .iter()
            .all(|s| s.kind != StepKind::Delete && s.kind != StepKind::Detach),
        "{name}: nothing to remove from nothing"
    );
    apply(p, client, &options(dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(
        plan(&spec, client).await.unwrap().is_empty(),
        "{name}: re-run empty"
    );
    spec
}

/// The ids of the first change of each kind in `p`, in that order.
fn first_of(p: &Plan, kinds: [StepKind; 2]) -> (StepId, StepId) {
    let id = |k: StepKind| {
        p.changes()
            .find(|s| s.kind == k)
            .unwrap_or_else(|| panic!("a {} step: {:#?}", k.as_str(), p.steps))
            .id
    };
    (id(kinds[0]), id(kinds[1]))
}

async fn policy_named(client: &Client, name: &str) -> ConnectionPolicySid {
    let all: Vec<_> = client
        .list_connection_policies()
        .try_collect()
        .await
        .unwrap();
    all.into_iter()
        .find(|p| p.friendly_name.as_deref() == Some(name))
        .unwrap()
        .sid
}

/// The policy's targets as (target, name, priority, weight, enabled), sorted: what a rollback
/// must bring back (the SID of a re-created target is new).
async fn targets(
    client: &Client,
    policy: &ConnectionPolicySid,
) -> Vec<(String, String, u32, u32, bool)> {
    let all: Vec<_> = client.list_targets(policy).try_collect().await.unwrap();
    let mut v: Vec<_> = all
        .into_iter()
        .map(|t| {
            (
                t.target.unwrap_or_default(),
                t.friendly_name.unwrap_or_default(),
                t.priority.unwrap_or_default(),
                t.weight.unwrap_or_default(),
                t.enabled.unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

async fn add_old_target(client: &Client, policy: &ConnectionPolicySid) {
    client
        .create_target(
            policy,
            &TargetParams {
                target: Some("sip:old-sbc.carrier-x.net:5060".into()),
                friendly_name: Some("Carrier X old SBC".into()),
                priority: Some(30),
                weight: Some(5),
                enabled: Some(false),
            },
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_target_the_byoc_spec_does_not_list_is_removed_and_rollback_adds_it_back() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = applied(&client, &dir, "byoc.toml").await;
    let policy = policy_named(&client, "Carrier X").await;
    add_old_target(&client, &policy).await;
    let with_extra = targets(&client, &policy).await;
    assert_eq!(with_extra.len(), 3);
    let numbers = snapshot(&sb)["phone_numbers"].clone();

    let p = plan(&spec, &client).await.unwrap();
    let changes: Vec<_> = p.changes().collect();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let step = changes[0];
    assert_eq!(step.kind, StepKind::Delete);
    assert!(
        step.description.contains("sip:old-sbc.carrier-x.net:5060")
            && step.description.contains("'Carrier X'")
            && step.description.contains("rollback adds it back"),
        "{}",
        step.description
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let after = targets(&client, &policy).await;
    assert_eq!(after.len(), 2);
    assert!(after.iter().all(|t| !t.0.contains("old-sbc")));
    assert!(
        plan(&spec, &client).await.unwrap().is_empty(),
        "desired state"
    );

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(
        targets(&client, &policy).await,
        with_extra,
        "the target is back with the same name, priority, weight and enabled flag"
    );
    assert_eq!(snapshot(&sb)["phone_numbers"], numbers, "no number touched");
}

#[tokio::test]
async fn a_failed_byoc_run_puts_a_removed_target_back() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = applied(&client, &dir, "byoc.toml").await;
    let policy = policy_named(&client, "Carrier X").await;
    add_old_target(&client, &policy).await;
    let before = targets(&client, &policy).await;
    // A second change that fails after the removal: the trunk's voice URL.
    let mut spec = spec;
    if let Spec::Byoc(b) = &mut spec {
        b.trunk.voice_url = Some("https://hooks.acme-corp.com/voice-v2".into());
    }
    let p = plan(&spec, &client).await.unwrap();
    let order = first_of(&p, [StepKind::Delete, StepKind::Update]);
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/ByocTrunks/".into(),
        nth: 1,
        status: 400,
    };
    expect_rolled_back_after(&sb, &client, &dir, p, order, rule).await;
    assert_eq!(targets(&client, &policy).await, before);
}

async fn mapped(client: &Client, domain: &SipDomainSid, kind: DomainMapping) -> Vec<String> {
    let all: Vec<_> = client
        .list_domain_mappings(domain, kind)
        .try_collect()
        .await
        .unwrap();
    let mut v: Vec<String> = all.into_iter().map(|m| m.sid).collect();
    v.sort();
    v
}

async fn all_mappings(client: &Client, domain: &SipDomainSid) -> Vec<Vec<String>> {
    let mut out = vec![];
    for k in [
        DomainMapping::CallsCredentialList,
        DomainMapping::CallsIpAcl,
        DomainMapping::RegistrationsCredentialList,
    ] {
        out.push(mapped(client, domain, k).await);
    }
    out
}

async fn domain_named(client: &Client, name: &str) -> SipDomainSid {
    let all: Vec<_> = client.list_sip_domains().try_collect().await.unwrap();
    all.into_iter()
        .find(|d| d.domain_name.as_deref() == Some(name))
        .unwrap()
        .sid
}

#[tokio::test]
async fn auth_mappings_the_domain_spec_does_not_list_are_detached_and_the_lists_kept() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = applied(&client, &dir, "sip-domain.toml").await;
    let domain = domain_named(&client, "acme.sip.twilio.com").await;
    let old_phones = client.create_credential_list("Old phones").await.unwrap();
    let old_office = client.create_ip_acl("Old office").await.unwrap();
    for kind in [
        DomainMapping::CallsCredentialList,
        DomainMapping::RegistrationsCredentialList,
    ] {
        client
            .add_domain_mapping(&domain, kind, old_phones.sid.as_str())
            .await
            .unwrap();
    }
    client
        .add_domain_mapping(&domain, DomainMapping::CallsIpAcl, old_office.sid.as_str())
        .await
        .unwrap();
    let with_extras = all_mappings(&client, &domain).await;
    let numbers = snapshot(&sb)["phone_numbers"].clone();

    let p = plan(&spec, &client).await.unwrap();
    let changes: Vec<_> = p.changes().collect();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    assert!(changes.iter().all(|s| s.kind == StepKind::Detach));
    for needle in [
        "credential list 'Old phones' on acme.sip.twilio.com to authenticate calls",
        "credential list 'Old phones' on acme.sip.twilio.com to authenticate registrations",
        "IP access control list 'Old office' on acme.sip.twilio.com to authenticate calls by source IP",
    ] {
        let s = changes
            .iter()
            .find(|s| s.description.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {changes:#?}"));
        assert!(
            s.description.contains("the list itself is kept"),
            "{}",
            s.description
        );
    }
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(
        plan(&spec, &client).await.unwrap().is_empty(),
        "desired state"
    );
    let after = all_mappings(&client, &domain).await;
    assert!(
        after
            .iter()
            .flatten()
            .all(|s| s != old_phones.sid.as_str() && s != old_office.sid.as_str())
    );
    let snap = snapshot(&sb);
    assert!(
        snap["credential_lists"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["friendly_name"] == "Old phones"),
        "the list is kept"
    );
    assert!(
        snap["ip_access_control_lists"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["friendly_name"] == "Old office"),
        "the list is kept"
    );
    assert_eq!(snap["phone_numbers"], numbers, "no number touched");

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(all_mappings(&client, &domain).await, with_extras);
}

#[tokio::test]
async fn a_spec_list_no_longer_wanted_for_calls_is_unmapped_from_calls_only() {
    let (_sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let mut spec = applied(&client, &dir, "sip-domain.toml").await;
    if let Spec::SipDomain(d) = &mut spec {
        d.credential_lists[0].calls = false;
    }
    let p = plan(&spec, &client).await.unwrap();
    let changes: Vec<_> = p.changes().collect();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, StepKind::Detach);
    assert!(
        changes[0].description.contains(
            "credential list 'Acme phones' on acme.sip.twilio.com to authenticate calls:"
        ),
        "{}",
        changes[0].description
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let domain = domain_named(&client, "acme.sip.twilio.com").await;
    let m = all_mappings(&client, &domain).await;
    assert!(m[0].is_empty(), "no longer used for calls");
    assert_eq!(m[2].len(), 1, "still used for registrations");
    assert!(plan(&spec, &client).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failed_domain_run_maps_the_detached_lists_again() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = applied(&client, &dir, "sip-domain.toml").await;
    let domain = domain_named(&client, "acme.sip.twilio.com").await;
    let old_office = client.create_ip_acl("Old office").await.unwrap();
    client
        .add_domain_mapping(&domain, DomainMapping::CallsIpAcl, old_office.sid.as_str())
        .await
        .unwrap();
    let before = all_mappings(&client, &domain).await;
    let mut spec = spec;
    if let Spec::SipDomain(d) = &mut spec {
        d.voice_url = Some("https://hooks.acme-corp.com/sip-v2".into());
    }
    let p = plan(&spec, &client).await.unwrap();
    let order = first_of(&p, [StepKind::Detach, StepKind::Update]);
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/SIP/Domains/".into(),
        nth: 1,
        status: 400,
    };
    expect_rolled_back_after(&sb, &client, &dir, p, order, rule).await;
    assert_eq!(all_mappings(&client, &domain).await, before);
}
