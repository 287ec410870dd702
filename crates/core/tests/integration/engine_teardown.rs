//! Removing a trunk ("remove" in the Inventory): numbers are detached, never released; lists
//! another trunk or a SIP domain uses are kept; the irreversible steps come last, so a failure
//! before them rolls everything back, and after them the rollback says what it cannot restore.

use crate::engine_common;

use engine_common::{count, expect_rolled_back, options, sandbox, snapshot, trunk_spec};
use futures::TryStreamExt;
use switchboard_core::engine::{Event, StepKind, apply, plan, rollback, teardown};
use switchboard_sandbox::FaultRule;
use switchboard_twilio::{
    Client, DomainMapping, IpAccessControlListSid, SipDomainParams, TrunkParams, TrunkSid,
};

async fn acl_named(client: &Client, name: &str) -> IpAccessControlListSid {
    let all: Vec<_> = client.list_ip_acls().try_collect().await.unwrap();
    all.into_iter()
        .find(|a| a.friendly_name.as_deref() == Some(name))
        .unwrap()
        .sid
}

/// The test trunk applied, with 'Genesys US' also used by another trunk and 'Genesys EU' by a
/// SIP domain's calls.
async fn setup(client: &Client, dir: &tempfile::TempDir) -> TrunkSid {
    let p = plan(&trunk_spec(), client).await.unwrap();
    apply(p, client, &options(dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let p = plan(&trunk_spec(), client).await.unwrap();
    let trunk = TrunkSid::parse(p.known.parent.as_deref().unwrap()).unwrap();
    let other = client
        .create_trunk(&TrunkParams {
            friendly_name: Some("Other trunk".into()),
            ..TrunkParams::default()
        })
        .await
        .unwrap();
    let us = acl_named(client, "Genesys US").await;
    client.add_trunk_ip_acl(&other.sid, &us).await.unwrap();
    let domain = client
        .create_sip_domain(&SipDomainParams {
            domain_name: Some("acme-phones.sip.twilio.com".into()),
            ..SipDomainParams::default()
        })
        .await
        .unwrap();
    let eu = acl_named(client, "Genesys EU").await;
    client
        .add_domain_mapping(&domain.sid, DomainMapping::CallsIpAcl, eu.as_str())
        .await
        .unwrap();
    trunk
}

#[tokio::test]
async fn teardown_detaches_numbers_keeps_shared_lists_and_deletes_the_rest() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let trunk = setup(&client, &dir).await;
    let before = snapshot(&sb);
    let numbers_before = before["phone_numbers"].as_array().unwrap().len();

    let p = teardown(&client, trunk.as_str()).await.unwrap();
    assert!(p.title.contains("Acme Genesys"), "{}", p.title);
    let by_kind = |k: StepKind| p.steps.iter().filter(|s| s.kind == k).collect::<Vec<_>>();
    assert_eq!(by_kind(StepKind::Detach).len(), 2 + 3, "2 numbers, 3 lists");
    let kept = by_kind(StepKind::Satisfied);
    assert_eq!(kept.len(), 2, "both shared lists are kept: {kept:#?}");
    assert!(
        kept.iter()
            .any(|s| s.description.contains("trunk 'Other trunk'"))
    );
    assert!(kept.iter().any(|s| {
        s.description
            .contains("SIP domain 'acme-phones.sip.twilio.com'")
    }));
    let delete_trunk = p
        .steps
        .iter()
        .find(|s| s.description.starts_with("Delete trunk"))
        .unwrap();
    assert!(delete_trunk.description.contains("cannot bring it back"));
    let undoable: Vec<usize> = p
        .changes()
        .filter(|s| s.kind == StepKind::Detach || s.description.contains("origination URL"))
        .map(|s| s.id)
        .collect();
    assert!(
        undoable
            .iter()
            .all(|id| delete_trunk.depends_on.contains(id)),
        "the trunk goes after everything a rollback can undo"
    );
    let delete_list = p
        .steps
        .iter()
        .find(|s| {
            s.description
                .starts_with("Delete credential list 'Acme PBX users'")
        })
        .unwrap();
    assert_eq!(delete_list.kind, StepKind::Delete);
    assert!(delete_list.depends_on.contains(&delete_trunk.id));

    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .expect("teardown applies");
    let after = snapshot(&sb);
    assert_eq!(
        after["phone_numbers"].as_array().unwrap().len(),
        numbers_before,
        "numbers are detached, never released"
    );
    for n in ["+12125552368", "+14155552671"] {
        let on = after["phone_numbers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["phone_number"] == n)
            .expect("the number is still on the account");
        assert!(
            on["trunk_sid"].is_null() || on["trunk_sid"] == "",
            "{n} is detached: {on}"
        );
    }
    assert_eq!(count(&after, "trunks", "friendly_name", "Acme Genesys"), 0);
    assert_eq!(count(&after, "trunks", "friendly_name", "Other trunk"), 1);
    assert_eq!(
        count(&after, "origination_urls", "friendly_name", "primary"),
        0
    );
    for kept in ["Genesys US", "Genesys EU"] {
        assert_eq!(
            count(&after, "ip_access_control_lists", "friendly_name", kept),
            1,
            "a list shared with another trunk or a domain is kept: {kept}"
        );
    }
    assert_eq!(
        count(
            &after,
            "credential_lists",
            "friendly_name",
            "Acme PBX users"
        ),
        0,
        "a list only this trunk used is deleted"
    );
    assert_eq!(count(&after, "credentials", "username", "alice"), 0);
    let again = teardown(&client, trunk.as_str()).await.unwrap_err();
    assert!(again.to_string().contains("trunk_sid"), "{again}");
}

#[tokio::test]
async fn a_failure_before_the_trunk_is_deleted_rolls_back_everything() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let trunk = setup(&client, &dir).await;
    let p = teardown(&client, trunk.as_str()).await.unwrap();
    // Fail the trunk's own DELETE. Every step a rollback can undo is a DELETE of a sub-resource
    // and they all run before it, so it is the (number of undoable steps + 1)-th DELETE.
    let undoable = p
        .changes()
        .filter(|s| !s.description.starts_with("Delete"))
        .count() as u64;
    let rule = FaultRule {
        method: "DELETE".into(),
        path_contains: String::new(),
        nth: undoable + 1,
        status: 400,
    };
    expect_rolled_back(&sb, &client, &dir, p, rule).await;
    assert!(
        plan(&trunk_spec(), &client).await.unwrap().is_empty(),
        "the trunk is whole again: numbers, URLs and lists are back"
    );
}

#[tokio::test]
async fn after_the_trunk_is_deleted_a_rollback_says_what_it_cannot_restore() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let trunk = setup(&client, &dir).await;
    let p = teardown(&client, trunk.as_str()).await.unwrap();
    let changes = p.changes().count();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let mut skipped = vec![];
    let mut reverted = 0;
    rollback(&client, &options(&dir), &mut |e: &Event| match e {
        Event::StepSkipped { reason, .. } => skipped.push(reason.clone()),
        Event::StepReverted { .. } => reverted += 1,
        _ => {}
    })
    .await
    .expect("the rollback finishes");
    assert_eq!(reverted, 0, "nothing of a deleted trunk can be restored");
    assert_eq!(skipped.len(), changes, "{skipped:#?}");
    assert!(
        skipped
            .iter()
            .any(|r| r.contains("trunk cannot be brought back"))
    );
    assert!(
        skipped
            .iter()
            .any(|r| r.contains("was deleted by this run"))
    );
    let snap = snapshot(&sb);
    assert_eq!(count(&snap, "trunks", "friendly_name", "Acme Genesys"), 0);
}
