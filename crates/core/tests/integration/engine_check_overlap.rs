//! A run sends its first steps (creates, number attachments) while the stale-plan check is
//! still reading; everything else waits for the check. A stale plan is still refused, and what
//! it sent is rolled back, so the account is left exactly as it was; a run stopped before its
//! check finished is undone and started again by `resume`.

use crate::engine_common;

use engine_common::{options, sandbox, snapshot, trunk_spec};
use switchboard_core::engine::{ApplyError, Event, Phase, Plan, StepKind, apply, plan, resume};

/// The ids of the steps a run may send before its check has finished.
fn may_go_first(p: &Plan) -> Vec<usize> {
    p.steps
        .iter()
        .filter(|s| s.op.is_some() && s.depends_on.is_empty())
        .filter(|s| {
            s.kind == StepKind::Create
                || (s.kind == StepKind::Associate && s.description.starts_with("Attach"))
        })
        .map(|s| s.id)
        .collect()
}

#[tokio::test]
async fn a_stale_plan_is_refused_and_its_first_steps_are_rolled_back() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&trunk_spec(), &client).await.unwrap();
    let first = may_go_first(&p);
    assert!(
        !first.is_empty(),
        "the trunk and the lists are created first"
    );
    // Someone else makes one of the plan's lists in the meantime.
    client.create_ip_acl("Genesys EU").await.unwrap();
    let before = snapshot(&sb);
    let mut started = vec![];
    let mut reverted = vec![];
    let mut rollback_reason = None;
    let err = apply(p, &client, &options(&dir), &mut |e: &Event| match e {
        Event::StepStarted { id, .. } => started.push(*id),
        Event::StepReverted { id, .. } => reverted.push(*id),
        Event::RollbackStarted { reason } => rollback_reason = Some(reason.clone()),
        _ => {}
    })
    .await
    .unwrap_err();
    assert!(matches!(err, ApplyError::Stale { .. }), "{err}");
    assert_eq!(snapshot(&sb), before, "the account is exactly as it was");
    assert!(
        !started.is_empty(),
        "the first steps went out with the check"
    );
    assert!(
        started.iter().all(|id| first.contains(id)),
        "only steps a rollback undoes exactly went before the check: {started:?} ⊄ {first:?}"
    );
    started.sort();
    reverted.sort();
    assert_eq!(reverted, started, "each step sent was reverted");
    assert!(
        rollback_reason.is_some_and(|r| r.contains("changed since this plan was made")),
        "the rollback says why"
    );
    let j = options(&dir)
        .state_dir
        .load(client.account_sid().as_str())
        .unwrap()
        .unwrap();
    assert_eq!(j.phase, Phase::RolledBack);
    assert!(!j.checked);
}

#[tokio::test]
async fn a_fresh_plan_passes_the_check_although_its_own_first_steps_show_in_what_it_reads() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    // Every read the check makes is slow enough that the first creates land before it.
    let p = plan(&trunk_spec(), &client).await.unwrap();
    sb.set_faults(switchboard_sandbox::Faults {
        latency_ms: 40,
        ..Default::default()
    });
    let j = apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .expect("a fresh plan applies");
    sb.set_faults(Default::default());
    assert!(j.checked);
    assert_eq!(j.phase, Phase::Succeeded);
    assert!(plan(&trunk_spec(), &client).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_run_stopped_before_its_check_is_undone_and_started_again_by_resume() {
    let (sb, client) = sandbox(true).await;
    let account = client.account_sid().to_string();
    for stale in [false, true] {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let mut opts = options(&dir);
        let p = plan(&trunk_spec(), &client).await.unwrap();
        if stale {
            client.create_ip_acl("Genesys EU").await.unwrap();
        }
        let before = snapshot(&sb);
        // One step at a time, stopped as the first one finishes: the check cannot have been
        // compared yet (it waits for the steps in flight).
        opts.concurrency = 1;
        opts.stop_after = Some(1);
        let err = apply(p, &client, &opts, &mut |_: &Event| {})
            .await
            .unwrap_err();
        assert!(matches!(err, ApplyError::Stopped(1)), "{err}");
        let j = opts.state_dir.load(&account).unwrap().unwrap();
        assert!(!j.checked, "stale={stale}: stopped before the check");
        assert_ne!(
            snapshot(&sb),
            before,
            "stale={stale}: the first step was sent"
        );
        opts.stop_after = None;
        opts.concurrency = 8;
        let mut left = vec![];
        let resumed = resume(&client, &opts, &mut |e: &Event| {
            if let Event::StepSkipped { id, reason } = e
                && reason.starts_with("left in place")
            {
                left.push(*id);
            }
        })
        .await;
        if stale {
            // The trunk the first step made cannot be told apart from one someone else made
            // (the account changed too), so it is left in place and said so; nothing else
            // changes, and the other person's list is never touched.
            let err = resumed.unwrap_err();
            assert!(matches!(err, ApplyError::Stale { .. }), "{err}");
            assert!(
                left.contains(&0),
                "the trunk is named as left in place: {left:?}"
            );
            let mut after = snapshot(&sb);
            let mut expected = before.clone();
            after["trunks"]
                .as_array_mut()
                .unwrap()
                .retain(|t| t["friendly_name"] != "Acme Genesys");
            expected["trunks"]
                .as_array_mut()
                .unwrap()
                .retain(|t| t["friendly_name"] != "Acme Genesys");
            assert_eq!(after, expected, "nothing else changed");
            assert_eq!(
                engine_common::count(
                    &snapshot(&sb),
                    "ip_access_control_lists",
                    "friendly_name",
                    "Genesys EU"
                ),
                1,
                "the other person's list is still there"
            );
        } else {
            assert!(
                left.is_empty(),
                "a fresh plan's first steps are proven this run's"
            );
            let j = resumed.expect("resume starts the run again and finishes it");
            assert_eq!(j.phase, Phase::Succeeded);
            assert!(j.checked);
            assert!(plan(&trunk_spec(), &client).await.unwrap().is_empty());
        }
    }
}

#[test]
fn a_journal_written_before_the_check_overlapped_the_steps_reads_as_checked() {
    let p = Plan {
        account_sid: "AC00000000000000000000000000000000".into(),
        title: "t".into(),
        fingerprint: "f".into(),
        spec: serde_json::Value::Null,
        steps: vec![],
        known: Default::default(),
        teardown: None,
    };
    let mut v = serde_json::to_value(switchboard_core::engine::Journal::new(p)).unwrap();
    assert_eq!(v["checked"], false, "a new run starts unchecked");
    v.as_object_mut().unwrap().remove("checked");
    let old: switchboard_core::engine::Journal = serde_json::from_value(v).unwrap();
    assert!(old.checked, "older journals were always checked first");
}
