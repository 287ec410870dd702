//! How a run ends when it cannot succeed, and the rollback: reverts exactly what a run did, in
//! reverse order, looking up first what a step may have done without its result being recorded.

use std::collections::HashSet;

use switchboard_twilio::Client;

use super::events::Event;
use super::journal::{Journal, Phase, StepState};
use super::revert::revert_with;
use super::run::{ApplyError, ApplyOptions, Sink, outputs};
use super::secrets::forget_kept;

/// `pending_unsent`: the steps `j` shows as pending were certainly never sent (the run that
/// wrote them is this process and did not resume an earlier one, or the journal is from a run
/// whose check had not passed: it sends nothing it has not recorded as started).
pub(super) async fn rollback_run(
    j: &mut Journal,
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
    reason: String,
    pending_unsent: bool,
) -> Result<(), ApplyError> {
    j.phase = Phase::RollingBack;
    j.save(&opts.state_dir)?;
    events(&Event::RollbackStarted { reason });
    // A step without a recorded result may still have happened (an unknown outcome, or a
    // journal write lost in a crash): look before deciding. Updates that cannot be looked up are
    // reverted anyway, since putting the previous values back is harmless.
    for id in 0..j.steps.len() {
        let Some(op) = j.plan.steps[id].op.clone() else {
            continue;
        };
        let unrecorded = match j.steps[id] {
            StepState::Started | StepState::Failed { .. } => true,
            StepState::Pending => !pending_unsent,
            _ => false,
        };
        let deps_done = j.plan.steps[id]
            .depends_on
            .iter()
            .all(|d| matches!(j.steps[*d], StepState::Done { .. }));
        if !unrecorded || !deps_done {
            continue;
        }
        let out = outputs(j);
        match super::find::find(client, &op, &out).await {
            Ok(Some(sid)) => j.mark_done(id, Some(sid)),
            Ok(None) if !op.creates() && op.is_update() => j.mark_done(id, None),
            Ok(None) => j.steps[id] = StepState::Pending,
            // What the step would have made hangs off something that is gone (deleted outside
            // this run, which is how the stale-plan check can refuse a run): nothing to undo.
            Err(e) if e.is_not_found() => j.steps[id] = StepState::Pending,
            Err(e) => {
                j.steps[id] = StepState::RevertFailed {
                    error: e.to_string(),
                    sid: None,
                    seq: u64::MAX,
                }
            }
        }
    }
    let mut todo: Vec<(u64, usize, Option<String>)> = j
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| j.plan.steps[*i].op.is_some())
        .filter_map(|(i, s)| match s {
            StepState::Done { sid, seq } => Some((*seq, i, sid.clone())),
            StepState::RevertFailed { sid, seq, .. } => Some((*seq, i, sid.clone())),
            _ => None,
        })
        .collect();
    todo.sort_by_key(|t| std::cmp::Reverse(t.0));
    // What this run deleted for good: undoing a removal that needs one of them is impossible.
    let destroyed: HashSet<String> = todo
        .iter()
        .filter_map(|(_, id, _)| j.plan.steps[*id].op.as_ref())
        .filter_map(|op| op.destroys().map(str::to_string))
        .collect();
    let mut failed = 0;
    for (seq, id, sid) in todo {
        let out = outputs(j);
        let op = j.plan.steps[id].op.clone().expect("filtered above");
        let lost = op.needs().into_iter().find(|s| destroyed.contains(*s));
        let cannot = match (op.irreversible(), lost) {
            (Some(why), _) => Some(why.to_string()),
            (None, Some(gone)) => Some(format!(
                "not restored: {gone} was deleted by this run, so this cannot be undone"
            )),
            (None, None) => None,
        };
        if let Some(reason) = cannot {
            events(&Event::StepSkipped {
                id,
                reason: reason.clone(),
            });
            j.steps[id] = StepState::NotRestored { reason };
            j.save(&opts.state_dir)?;
            continue;
        }
        match revert_with(client, &op, sid.as_deref(), &out, opts.secrets.as_ref()).await {
            Ok(note) => {
                j.steps[id] = StepState::Reverted;
                // A step undone only in part (a voice URL back without its password) says so.
                events(&Event::StepReverted {
                    id,
                    description: note.unwrap_or_else(|| j.plan.steps[id].description.clone()),
                });
            }
            Err(e) => {
                failed += 1;
                events(&Event::RevertFailed {
                    id,
                    error: e.to_string(),
                });
                j.steps[id] = StepState::RevertFailed {
                    error: e.to_string(),
                    sid,
                    seq,
                };
            }
        }
        j.save(&opts.state_dir)?;
    }
    j.phase = if failed == 0 {
        Phase::RolledBack
    } else {
        Phase::RollbackFailed
    };
    j.save(&opts.state_dir)?;
    if failed == 0 {
        // What the run kept aside for its rollback is no longer needed (an incomplete
        // rollback keeps it for the next attempt). A copy that cannot be removed is
        // replaced by the next run that attaches the number.
        let _ = forget_kept(opts.secrets.as_ref(), &j.plan);
    }
    events(&Event::Finished {
        ok: false,
        rolled_back: failed == 0,
    });
    if failed == 0 {
        Ok(())
    } else {
        Err(ApplyError::RollbackIncomplete(failed))
    }
}

/// How a run that sent what it could ends: a refused check or a failed step rolls back what
/// the run did (a refusal before anything was sent just ends it), a cancellation rolls back
/// what is done, and otherwise the run has succeeded.
pub(super) async fn end_run(
    j: &mut Journal,
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
    resuming: bool,
    refusal: Option<ApplyError>,
    failure: Option<(usize, String)>,
) -> Result<(), ApplyError> {
    let done = |s: &StepState| matches!(s, StepState::Done { .. });
    if let Some(refusal) = refusal {
        if j.steps
            .iter()
            .enumerate()
            .all(|(i, s)| j.plan.steps[i].op.is_none() || matches!(s, StepState::Pending))
        {
            // Nothing was sent: the run simply ends.
            j.phase = Phase::RolledBack;
            j.save(&opts.state_dir)?;
            events(&Event::Finished {
                ok: false,
                rolled_back: true,
            });
            return Err(refusal);
        }
        // Plain words for the person watching the run (the error itself keeps the fingerprints).
        let reason = match &refusal {
            ApplyError::Stale { .. } => "the account changed since this plan was made, so the \
                steps already sent are undone; make a new plan to see what changed"
                .to_string(),
            other => other.to_string(),
        };
        rollback_run(j, client, opts, events, reason, !resuming).await?;
        return Err(refusal);
    }
    if let Some((id, error)) = failure {
        let description = j.plan.steps[id].description.clone();
        let ok = rollback_run(
            j,
            client,
            opts,
            events,
            format!("step {id} failed: {error}"),
            !resuming,
        )
        .await
        .is_ok();
        return Err(ApplyError::Failed {
            id,
            description,
            error,
            rolled_back: ok,
        });
    }
    if opts.cancel.is_cancelled() && !j.steps.iter().all(done) {
        let ok = rollback_run(j, client, opts, events, "cancelled".into(), !resuming)
            .await
            .is_ok();
        return Err(ApplyError::Cancelled { rolled_back: ok });
    }
    if j.phase != Phase::Succeeded {
        // Nothing was left to send (every step satisfied or already done).
        j.phase = Phase::Succeeded;
        j.save(&opts.state_dir)?;
    }
    // The run is over: what it kept aside for a rollback (a voice URL with its password) goes.
    let _ = forget_kept(opts.secrets.as_ref(), &j.plan);
    events(&Event::Finished {
        ok: true,
        rolled_back: false,
    });
    Ok(())
}
