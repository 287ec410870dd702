//! Plan and apply an Elastic SIP trunk against the sandbox: from nothing, re-run, adopt, drift,
//! stale plans and the account lock.

use crate::engine_common;

use engine_common::{count, options, sandbox, snapshot, trunk_spec};
use switchboard_core::engine::{ApplyError, Event, StepKind, apply, plan};
use switchboard_core::spec::Spec;

#[tokio::test]
async fn from_nothing_then_rerun_is_empty() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = trunk_spec();
    let p = plan(&spec, &client).await.expect("plan");
    assert!(!p.is_empty());
    assert!(
        p.steps.iter().any(|s| s.description == "Create IP access control list 'Genesys EU' with 2 addresses"),
        "{:#?}",
        p.steps.iter().map(|s| &s.description).collect::<Vec<_>>()
    );
    assert!(p.steps.iter().any(|s| {
        s.description
            .contains("Move +14155552671 from trunk 'Office PBX'")
    }));
    assert!(
        p.steps
            .iter()
            .filter(|s| s.params.contains_key("Password"))
            .all(|s| s.params["Password"] == "••••••")
    );
    assert_eq!(
        p.depth(),
        2,
        "creates (and the detach) first, then everything that needs their SIDs"
    );
    let mut events = vec![];
    let j = apply(p, &client, &options(&dir), &mut |e: &Event| {
        events.push(e.clone())
    })
    .await
    .expect("apply");
    assert!(matches!(
        events.last(),
        Some(Event::Finished { ok: true, .. })
    ));
    assert_eq!(j.phase, switchboard_core::engine::Phase::Succeeded);
    let again = plan(&spec, &client).await.expect("re-plan");
    assert!(
        again.is_empty(),
        "a re-run must be empty: {:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );
    let snap = snapshot(&sb);
    assert_eq!(count(&snap, "trunks", "friendly_name", "Acme Genesys"), 1);
    assert_eq!(
        count(
            &snap,
            "ip_access_control_lists",
            "friendly_name",
            "Genesys EU"
        ),
        1
    );
    assert_eq!(count(&snap, "credentials", "username", "alice"), 1);
    let n = snap["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == "+14155552671")
        .unwrap();
    let tk = snap["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Acme Genesys")
        .unwrap();
    assert_eq!(
        n["trunk_sid"], tk["sid"],
        "the number moved to the new trunk"
    );
    assert_eq!(tk["recording_mode"], "record-from-answer");
}

#[tokio::test]
async fn adopts_existing_resources_instead_of_duplicating() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec::from_toml_str(
        r#"
version = 1
kind = "elastic_trunk"
name = "Office PBX"
termination_domain = "demo-office.pstn.twilio.com"
numbers = ["+14155552671", "+14155552672"]
[[ip_acls]]
name = "Office PBX signalling"
addresses = ["52.215.127.10"]
[[credential_lists]]
name = "Office PBX users"
usernames = ["office-pbx"]
[[origination_urls]]
name = "Office PBX primary"
sip_url = "sip:pbx.demo-office.example.com:5060"
"#,
    )
    .unwrap();
    let p = plan(&spec, &client).await.expect("plan");
    let changes: Vec<_> = p.changes().map(|s| s.description.clone()).collect();
    assert_eq!(
        changes,
        vec![
            "Add 52.215.127.10 to 'Office PBX signalling'".to_string(),
            // The demo list holds documentation addresses the spec cannot list (the validator
            // refuses them); the spec lists every address the list should have.
            "Remove 198.51.100.0/28 from 'Office PBX signalling': the spec does not list it (a rollback adds it back)".to_string(),
            "Remove 203.0.113.10 from 'Office PBX signalling': the spec does not list it (a rollback adds it back)".to_string(),
            "Remove 203.0.113.11 from 'Office PBX signalling': the spec does not list it (a rollback adds it back)".to_string(),
            "Use credential list 'Office PBX users' to authenticate calls to trunk 'Office PBX'"
                .to_string(),
        ],
        "only the missing address, the missing link and the addresses the spec does not list"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .expect("apply");
    let snap = snapshot(&sb);
    assert_eq!(snap["trunks"].as_array().unwrap().len(), 1);
    assert_eq!(snap["ip_access_control_lists"].as_array().unwrap().len(), 1);
    assert!(plan(&spec, &client).await.unwrap().is_empty());
}

#[tokio::test]
async fn drift_shows_as_an_update_with_old_and_new_values() {
    let (_sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = trunk_spec();
    let p = plan(&spec, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let trunk = {
        use futures::TryStreamExt;
        let all: Vec<_> = client.list_trunks().try_collect().await.unwrap();
        all.into_iter()
            .find(|t| t.friendly_name.as_deref() == Some("Acme Genesys"))
            .unwrap()
    };
    client
        .update_trunk(
            &trunk.sid,
            &switchboard_twilio::TrunkParams {
                secure: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let p = plan(&spec, &client).await.unwrap();
    let changes: Vec<_> = p.changes().collect();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, StepKind::Update);
    assert_eq!(
        changes[0].description,
        "Update trunk 'Acme Genesys': secure false → true"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(plan(&spec, &client).await.unwrap().is_empty());
}

#[tokio::test]
async fn numbers_not_on_the_account_are_a_plan_error() {
    let (_sb, client) = sandbox(true).await;
    let mut spec = trunk_spec();
    if let Spec::ElasticTrunk(t) = &mut spec {
        t.numbers.push("+442071838750".into());
    }
    match plan(&spec, &client).await {
        Err(switchboard_core::engine::PlanError::Invalid { issues }) => {
            assert_eq!(issues[0].path, "numbers[2]");
            assert!(issues[0].message.contains("never buys"));
        }
        other => panic!("expected a plan error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stale_plan_is_refused_and_changes_nothing() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&trunk_spec(), &client).await.unwrap();
    client.create_ip_acl("Genesys EU").await.unwrap();
    let before = snapshot(&sb);
    let err = apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap_err();
    assert!(matches!(err, ApplyError::Stale { .. }), "{err}");
    assert_eq!(snapshot(&sb), before);
}

#[tokio::test]
async fn a_concurrent_apply_is_refused() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let opts = options(&dir);
    let p = plan(&trunk_spec(), &client).await.unwrap();
    let held = opts
        .state_dir
        .lock(client.account_sid().as_str())
        .expect("first lock");
    let before = snapshot(&sb);
    let err = apply(p.clone(), &client, &opts, &mut |_: &Event| {})
        .await
        .unwrap_err();
    assert!(matches!(err, ApplyError::Locked(_)), "{err}");
    assert_eq!(snapshot(&sb), before);
    drop(held);
    apply(p, &client, &opts, &mut |_: &Event| {})
        .await
        .expect("runs once the lock is free");
}
