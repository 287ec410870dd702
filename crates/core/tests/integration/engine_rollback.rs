//! A failure injected at every step position is followed by an exact rollback; a run stopped
//! after every step position (as if killed) is resumed or rolled back to the right state; under
//! random faults every apply converges with no duplicates.

use crate::engine_common;

use engine_common::{count, options, sandbox, snapshot, trunk_spec};
use switchboard_core::engine::{ApplyError, Event, Phase, apply, plan, resume, rollback};
use switchboard_sandbox::{FaultRule, Faults};

#[tokio::test]
async fn a_failure_at_every_step_is_rolled_back_exactly() {
    let (sb, client) = sandbox(true).await;
    let spec = trunk_spec();
    let changes = plan(&spec, &client).await.unwrap().changes().count();
    // Every change is one POST, except the detach (a DELETE): fail each POST in turn.
    let posts = changes - 1;
    assert!(
        posts >= 10,
        "the test spec should exercise many positions, has {posts}"
    );
    for k in 1..=posts as u64 {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let before = snapshot(&sb);
        let p = plan(&spec, &client).await.unwrap();
        sb.set_faults(Faults {
            rules: vec![FaultRule {
                method: "POST".into(),
                path_contains: String::new(),
                nth: k,
                status: 400,
            }],
            ..Faults::default()
        });
        let mut events = vec![];
        let err = apply(p, &client, &options(&dir), &mut |e: &Event| {
            events.push(e.clone())
        })
        .await
        .unwrap_err();
        sb.set_faults(Faults::default());
        assert!(
            matches!(
                err,
                ApplyError::Failed {
                    rolled_back: true,
                    ..
                }
            ),
            "POST #{k}: {err}"
        );
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::RollbackStarted { .. }))
        );
        assert_eq!(
            snapshot(&sb),
            before,
            "POST #{k}: the account after the rollback must equal the account before"
        );
    }
}

#[tokio::test]
async fn a_run_killed_at_every_step_can_be_resumed_or_rolled_back() {
    let (sb, client) = sandbox(true).await;
    let spec = trunk_spec();
    let changes = plan(&spec, &client).await.unwrap().changes().count();
    for k in 1..changes {
        for finish_with_resume in [true, false] {
            sb.reset();
            let dir = tempfile::tempdir().unwrap();
            let before = snapshot(&sb);
            let mut opts = options(&dir);
            opts.concurrency = 3;
            opts.stop_after = Some(k);
            let p = plan(&spec, &client).await.unwrap();
            let err = apply(p.clone(), &client, &opts, &mut |_: &Event| {})
                .await
                .unwrap_err();
            assert!(matches!(err, ApplyError::Stopped(_)), "k={k}: {err}");
            let account = client.account_sid().as_str();
            let j = opts
                .state_dir
                .load(account)
                .unwrap()
                .expect("journal written");
            assert_eq!(
                j.phase,
                Phase::Applying,
                "an interrupted run is found unfinished"
            );
            let refused = apply(p, &client, &options(&dir), &mut |_: &Event| {})
                .await
                .unwrap_err();
            assert!(
                matches!(
                    refused,
                    ApplyError::Unfinished { .. } | ApplyError::Stale { .. }
                ),
                "{refused}"
            );
            opts.stop_after = None;
            if finish_with_resume {
                let j = resume(&client, &opts, &mut |_: &Event| {})
                    .await
                    .expect("resume");
                assert_eq!(j.phase, Phase::Succeeded);
                assert!(
                    plan(&spec, &client).await.unwrap().is_empty(),
                    "k={k}: resume reaches the desired state"
                );
                let snap = snapshot(&sb);
                assert_eq!(
                    count(&snap, "trunks", "friendly_name", "Acme Genesys"),
                    1,
                    "no duplicates"
                );
                assert_eq!(
                    count(
                        &snap,
                        "ip_access_control_lists",
                        "friendly_name",
                        "Genesys EU"
                    ),
                    1
                );
            } else {
                let j = rollback(&client, &opts, &mut |_: &Event| {})
                    .await
                    .expect("rollback");
                assert_eq!(j.phase, Phase::RolledBack);
                assert_eq!(
                    snapshot(&sb),
                    before,
                    "k={k}: rollback restores the account"
                );
            }
        }
    }
}

#[tokio::test]
async fn cancelling_rolls_back() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let before = snapshot(&sb);
    let mut opts = options(&dir);
    // One step at a time, cancelled while the third is in flight.
    opts.concurrency = 1;
    let cancel = opts.cancel.clone();
    let p = plan(&trunk_spec(), &client).await.unwrap();
    let mut seen = 0;
    let err = apply(p, &client, &opts, &mut |e: &Event| {
        if matches!(e, Event::StepStarted { .. }) {
            seen += 1;
            if seen == 3 {
                cancel.cancel();
            }
        }
    })
    .await
    .unwrap_err();
    assert!(
        matches!(err, ApplyError::Cancelled { rolled_back: true }),
        "{err}"
    );
    assert_eq!(snapshot(&sb), before);
}

#[tokio::test]
async fn under_random_faults_every_apply_converges_without_duplicates() {
    let (sb, client) = sandbox(true).await;
    let spec = trunk_spec();
    for round in 0..3 {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        sb.set_faults(Faults {
            error_rate: 0.10,
            rate_limit_rate: 0.05,
            drop_rate: 0.05,
            ..Faults::default()
        });
        let mut attempts = 0;
        loop {
            attempts += 1;
            let result = async {
                let p = plan(&spec, &client).await.map_err(|e| e.to_string())?;
                apply(p, &client, &options(&dir), &mut |_: &Event| {})
                    .await
                    .map_err(|e| e.to_string())
            }
            .await;
            match result {
                Ok(_) => break,
                Err(e) => {
                    assert!(
                        attempts < 10,
                        "round {round}: no convergence after {attempts} attempts: {e}"
                    );
                    let _ = rollback(&client, &options(&dir), &mut |_: &Event| {}).await;
                }
            }
        }
        sb.set_faults(Faults::default());
        assert!(
            plan(&spec, &client).await.unwrap().is_empty(),
            "round {round}: desired state reached"
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
        assert_eq!(
            count(
                &snap,
                "ip_access_control_lists",
                "friendly_name",
                "Genesys US"
            ),
            1
        );
        assert_eq!(
            count(&snap, "credential_lists", "friendly_name", "Acme PBX users"),
            1
        );
        assert_eq!(count(&snap, "credentials", "username", "alice"), 1);
        assert_eq!(
            count(&snap, "origination_urls", "friendly_name", "primary"),
            1
        );
        assert_eq!(
            count(&snap, "ip_addresses", "ip_address", "52.215.127.10"),
            1
        );
    }
}

#[tokio::test]
async fn steps_whose_record_was_lost_in_a_crash_are_found_not_repeated() {
    use switchboard_core::engine::StepState;
    let (sb, client) = sandbox(true).await;
    let spec = trunk_spec();
    for finish_with_resume in [true, false] {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let before = snapshot(&sb);
        let mut opts = options(&dir);
        opts.stop_after = Some(8);
        let p = plan(&spec, &client).await.unwrap();
        apply(p, &client, &opts, &mut |_: &Event| {})
            .await
            .unwrap_err();
        // Forget every result: as if the process died before any journal write landed.
        let account = client.account_sid().as_str();
        let mut j = opts.state_dir.load(account).unwrap().unwrap();
        for s in j.steps.iter_mut() {
            *s = StepState::Pending;
        }
        j.save(&opts.state_dir).unwrap();
        opts.stop_after = None;
        if finish_with_resume {
            resume(&client, &opts, &mut |_: &Event| {})
                .await
                .expect("resume");
            assert!(plan(&spec, &client).await.unwrap().is_empty());
            let snap = snapshot(&sb);
            assert_eq!(count(&snap, "trunks", "friendly_name", "Acme Genesys"), 1);
            assert_eq!(
                count(&snap, "ip_addresses", "ip_address", "52.215.127.10"),
                1
            );
            assert_eq!(count(&snap, "credentials", "username", "alice"), 1);
        } else {
            // Steps are ordered after their dependencies, so one pass finds every level.
            rollback(&client, &opts, &mut |_: &Event| {})
                .await
                .expect("rollback");
            assert_eq!(snapshot(&sb), before, "rollback restores the account");
        }
    }
}
