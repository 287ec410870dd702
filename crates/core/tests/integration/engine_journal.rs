//! The journal records every step before the run reports it, and a step that reached Twilio
//! but whose record never landed (the process died in between) is found by resume and rollback
//! instead of being repeated or left behind.

use crate::engine_common;

use engine_common::{count, options, sandbox, snapshot, trunk_spec};
use switchboard_core::engine::{
    ApplyError, Event, Phase, StepState, apply, plan, resume, rollback,
};

#[tokio::test]
async fn every_step_reported_as_succeeded_is_already_in_the_journal_on_disk() {
    let (_sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let opts = options(&dir);
    let p = plan(&trunk_spec(), &client).await.unwrap();
    let account = client.account_sid().to_string();
    let state = opts.state_dir.clone();
    let mut checked = 0;
    let mut unrecorded = vec![];
    let planned = p.clone();
    apply(p, &client, &opts, &mut |e: &Event| {
        if let Event::StepSucceeded { id, .. } = e {
            checked += 1;
            let j = state.load(&account).unwrap().expect("journal on disk");
            if !matches!(j.steps[*id], StepState::Done { .. }) {
                unrecorded.push(*id);
            }
        }
    })
    .await
    .expect("apply");
    assert!(checked >= 10, "only {checked} successes seen");
    assert!(
        unrecorded.is_empty(),
        "reported before the journal recorded them: {unrecorded:?}"
    );
    let j = state.load(&account).unwrap().unwrap();
    assert_eq!(j.phase, Phase::Succeeded);
    assert_eq!(j.plan, planned, "the journal holds the whole plan");
    assert!(j.steps.iter().all(|s| matches!(s, StepState::Done { .. })));
}

#[tokio::test]
async fn a_step_sent_but_not_recorded_is_found_by_resume_and_rollback() {
    let (sb, client) = sandbox(true).await;
    let spec = trunk_spec();
    let account = client.account_sid().to_string();
    let changes = plan(&spec, &client).await.unwrap().changes().count();
    for k in [1, 2, 5, changes - 1] {
        for finish_with_resume in [true, false] {
            sb.reset();
            let dir = tempfile::tempdir().unwrap();
            let before = snapshot(&sb);
            let mut opts = options(&dir);
            // One step at a time, so the k-th step started is the one in the window.
            opts.concurrency = 1;
            opts.stop_after = Some(k);
            let p = plan(&spec, &client).await.unwrap();
            let mut started = vec![];
            let err = apply(p, &client, &opts, &mut |e: &Event| {
                if let Event::StepStarted { id, .. } = e {
                    started.push(*id);
                }
            })
            .await
            .unwrap_err();
            assert!(matches!(err, ApplyError::Stopped(_)), "k={k}: {err}");
            assert_eq!(started.len(), k, "k={k}: nothing starts after the kill");
            let last = *started.last().unwrap();
            let j = opts.state_dir.load(&account).unwrap().unwrap();
            assert_eq!(j.phase, Phase::Applying);
            assert!(
                !matches!(j.steps[last], StepState::Done { .. }),
                "k={k}: step {last} reached Twilio but must not be recorded"
            );
            for id in &started[..k - 1] {
                assert!(
                    matches!(j.steps[*id], StepState::Done { .. }),
                    "k={k}: step {id} finished before the kill and is recorded"
                );
            }
            assert_ne!(
                snapshot(&sb),
                before,
                "k={k}: the unrecorded step changed the account"
            );
            opts.stop_after = None;
            opts.concurrency = 8;
            if finish_with_resume {
                resume(&client, &opts, &mut |_: &Event| {})
                    .await
                    .expect("resume");
                assert!(plan(&spec, &client).await.unwrap().is_empty(), "k={k}");
                let snap = snapshot(&sb);
                assert_eq!(count(&snap, "trunks", "friendly_name", "Acme Genesys"), 1);
                for (table, field, value) in [
                    ("ip_access_control_lists", "friendly_name", "Genesys EU"),
                    ("ip_access_control_lists", "friendly_name", "Genesys US"),
                    ("credential_lists", "friendly_name", "Acme PBX users"),
                    ("credentials", "username", "alice"),
                    ("origination_urls", "friendly_name", "primary"),
                    ("ip_addresses", "ip_address", "52.215.127.10"),
                ] {
                    assert_eq!(count(&snap, table, field, value), 1, "k={k}: {value}");
                }
            } else {
                rollback(&client, &opts, &mut |_: &Event| {})
                    .await
                    .expect("rollback");
                assert_eq!(
                    snapshot(&sb),
                    before,
                    "k={k}: rollback restores the account"
                );
            }
        }
    }
}
