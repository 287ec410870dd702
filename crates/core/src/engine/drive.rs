//! The DAG scheduler of a run: steps start as their dependencies finish, within the
//! concurrency bound; before the stale-plan check has passed only speculative steps go out;
//! finished steps are recorded by the journal's group commit before they are reported; a
//! failure, a refusal or a cancellation ends in the rollback.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use futures::FutureExt;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use switchboard_twilio::{Client, Error};

use super::check::{Observed, ThisRun, speculative};
use super::events::Event;
use super::exec::{self, Outputs};
use super::journal::{Journal, JournalWriter, Phase, StepState};
use super::run::{ApplyError, ApplyOptions, Sink, outputs};
use super::step::Op;
use super::undo::end_run;

/// What woke the scheduler up.
enum Wake {
    Finished(Vec<(usize, Result<Option<String>, Error>)>),
    Durable(std::io::Result<u64>),
    Read(Result<Observed, ApplyError>),
}

/// The stale-plan check's read of the account, which a run's non-[`speculative`] steps wait for.
pub(super) type Gate<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Observed, ApplyError>> + Send + 'a>>;

/// Where a run's stale-plan check is.
enum Check<'a> {
    /// Reading the account; only speculative steps may start.
    Reading(Gate<'a>),
    /// Read; compared once no step is in flight (so every SID this run made is known).
    Comparing(Observed),
    Passed,
    Refused(ApplyError),
}

async fn read_result(check: &mut Check<'_>) -> Result<Observed, ApplyError> {
    match check {
        Check::Reading(g) => g.await,
        _ => std::future::pending().await,
    }
}

/// Marks step `id` started, reports it, and returns the future that sends it.
fn launch(
    j: &mut Journal,
    id: usize,
    client: &Client,
    out: &Arc<Outputs>,
    opts: &ApplyOptions,
    recovering: &HashSet<usize>,
    events: Sink<'_>,
) -> impl std::future::Future<Output = (usize, Result<Option<String>, Error>)> + use<> {
    j.steps[id] = StepState::Started;
    let step = &j.plan.steps[id];
    events(&Event::StepStarted {
        id,
        description: step.description.clone(),
    });
    let op = step
        .op
        .clone()
        .expect("satisfied steps are done before scheduling");
    let (client, out, secrets) = (client.clone(), out.clone(), opts.secrets.clone());
    let rec = recovering.contains(&id);
    async move {
        (
            id,
            exec::run(&client, &op, &out, secrets.as_ref(), rec).await,
        )
    }
}

/// Runs the plan's pending steps. When `resuming`, any step without a recorded result may have
/// been carried out before the interruption, so it is looked up before it is sent.
///
/// Each step starts the moment its own dependencies have finished (and a slot within the
/// concurrency bound is free). Finished steps are recorded by the journal's group commit
/// ([`JournalWriter`]); a step is reported as succeeded only once the journal that records it
/// is on disk.
pub(super) async fn drive(
    j: &mut Journal,
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
    resuming: bool,
    gate: Option<(Gate<'_>, HashSet<usize>)>,
) -> Result<(), ApplyError> {
    let (mut check, first_wave) = match gate {
        Some((g, first)) => (Check::Reading(g), first),
        None => {
            j.checked = true;
            (Check::Passed, HashSet::new())
        }
    };
    // The journal version that records the passed check: the steps held for the check go out
    // once it is on disk.
    let mut release_at: Option<u64> = None;
    events(&Event::RunStarted {
        run_id: j.run_id.clone(),
        steps: j.plan.steps.len(),
    });
    let recovering: HashSet<usize> = j
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| resuming && !matches!(s, StepState::Done { .. }))
        .map(|(i, _)| i)
        .collect();
    for id in &recovering {
        j.steps[*id] = StepState::Pending;
    }
    for step in j.plan.steps.clone() {
        if step.op.is_none() && !matches!(j.steps[step.id], StepState::Done { .. }) {
            j.mark_done(step.id, step.sid.clone());
            events(&Event::StepSkipped {
                id: step.id,
                reason: step.description.clone(),
            });
        }
    }
    let done = |s: &StepState| matches!(s, StepState::Done { .. });
    // How many unfinished dependencies each step waits for, and who waits for each step.
    let n = j.plan.steps.len();
    let mut waiting = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![vec![]; n];
    for s in &j.plan.steps {
        for d in &s.depends_on {
            if !done(&j.steps[*d]) {
                waiting[s.id] += 1;
                dependents[*d].push(s.id);
            }
        }
    }
    let mut ready: VecDeque<usize> = (0..n)
        .filter(|i| waiting[*i] == 0 && matches!(j.steps[*i], StepState::Pending))
        .collect();
    let mut out = outputs(j);
    let mut in_flight = FuturesUnordered::new();
    // Succeeded steps waiting for the journal write that records them: (version, id, sid).
    let mut unreported: VecDeque<(u64, usize, Option<String>)> = VecDeque::new();
    let mut failure: Option<(usize, String)> = None;
    let mut journal_error: Option<std::io::Error> = None;
    let mut finished_here = 0usize;
    let mut stopped = false;
    // Ready steps that wait for the stale-plan check to pass (and be on disk).
    let mut held: Vec<usize> = vec![];
    // Speculative steps waiting for a slot and for the journal version that records them as
    // started, and the newest version on disk.
    let mut staged: VecDeque<(u64, usize)> = VecDeque::new();
    let mut durable_v = 0u64;
    // The outputs as the steps in flight see them (shared, renewed when a step adds a SID).
    let mut shared_out = Arc::new(out.clone());
    let concurrency = opts.concurrency.max(1);
    let mut writer = JournalWriter::start(j, opts.state_dir.clone());
    loop {
        // The comparison needs the SID of everything this run made, so it waits for the creates
        // in flight; a number attachment in flight is counted as made (the read may or may not
        // show it; if Twilio refuses it, the step fails and the run rolls back anyway).
        let attaching = |i: usize| {
            matches!(j.steps[i], StepState::Started)
                && matches!(j.plan.steps[i].op, Some(Op::AttachNumber { .. }))
        };
        let comparable = matches!(check, Check::Comparing(_))
            && !stopped
            && (in_flight.is_empty()
                || (0..j.steps.len())
                    .filter(|i| matches!(j.steps[*i], StepState::Started))
                    .all(attaching));
        if comparable {
            let Check::Comparing(observed) = std::mem::replace(&mut check, Check::Passed) else {
                unreachable!("matched above")
            };
            let this_run = ThisRun::of(&j.plan.steps, |i| done(&j.steps[i]) || attaching(i), &out);
            let now = this_run.fingerprint_without(observed);
            if now == j.plan.fingerprint {
                j.checked = true;
                if failure.is_none() && j.steps.iter().all(done) {
                    j.phase = Phase::Succeeded;
                }
                release_at = Some(writer.submit(j));
            } else {
                check = Check::Refused(ApplyError::Stale {
                    planned: j.plan.fingerprint.clone(),
                    live: now,
                });
            }
        }
        let launching = failure.is_none()
            && matches!(check, Check::Reading(_) | Check::Passed)
            && journal_error.is_none()
            && !opts.cancel.is_cancelled()
            && !stopped;
        // Staged steps whose record is on disk go out as slots free up.
        while launching
            && in_flight.len() < concurrency
            && staged.front().is_some_and(|s| s.0 <= durable_v)
        {
            let (_, id) = staged.pop_front().expect("checked");
            in_flight.push(launch(
                j,
                id,
                client,
                &shared_out,
                opts,
                &recovering,
                events,
            ));
        }
        let open = matches!(check, Check::Passed) && release_at.is_none();
        let mut newly_staged = false;
        while launching && let Some(&id) = ready.front() {
            let attach = matches!(j.plan.steps[id].op, Some(Op::AttachNumber { .. }));
            if open || first_wave.contains(&id) || (attach && speculative(&j.plan.steps[id])) {
                // A number attachment needs no record before it is sent: after a crash, a
                // rollback looks every one up (see `settle_unchecked`).
                if in_flight.len() >= concurrency || !staged.is_empty() {
                    break;
                }
                ready.pop_front();
                in_flight.push(launch(
                    j,
                    id,
                    client,
                    &shared_out,
                    opts,
                    &recovering,
                    events,
                ));
            } else if speculative(&j.plan.steps[id]) {
                // Before the check has passed (and that is on disk), a create is sent only once
                // the journal on disk records it as started (staged as a slot frees up, so the
                // time it is recorded and not yet sent is one write).
                if in_flight.len() + staged.len() >= concurrency {
                    break;
                }
                ready.pop_front();
                j.steps[id] = StepState::Started;
                staged.push_back((u64::MAX, id));
                newly_staged = true;
            } else {
                ready.pop_front();
                held.push(id);
            }
        }
        if newly_staged {
            let v = writer.submit(j);
            for s in staged.iter_mut().filter(|s| s.0 == u64::MAX) {
                s.0 = v;
            }
        }
        let awaiting_disk = (!unreported.is_empty()
            || release_at.is_some()
            || staged.iter().any(|s| s.0 > durable_v))
            && !stopped
            && journal_error.is_none();
        let wake = tokio::select! {
            Some(first) = in_flight.next(), if !in_flight.is_empty() => {
                let mut batch = vec![first];
                while let Some(Some(more)) = in_flight.next().now_or_never() {
                    batch.push(more);
                }
                Wake::Finished(batch)
            }
            r = writer.changed(), if awaiting_disk => Wake::Durable(r),
            r = read_result(&mut check), if matches!(check, Check::Reading(_)) && !stopped => {
                Wake::Read(r)
            }
            else => break,
        };
        match wake {
            // As if the process had been killed: whatever finishes now is never recorded.
            Wake::Finished(_) if stopped => {}
            Wake::Finished(batch) => {
                let mut succeeded = vec![];
                let mut renew = false;
                for (id, result) in batch {
                    match result {
                        Ok(sid) => {
                            let sid = sid.filter(|s| !s.is_empty());
                            if let Some(s) = &sid {
                                out.insert(id, s.clone());
                                renew = true;
                            }
                            j.mark_done(id, sid.clone());
                            for d in std::mem::take(&mut dependents[id]) {
                                waiting[d] -= 1;
                                if waiting[d] == 0 && matches!(j.steps[d], StepState::Pending) {
                                    ready.push_back(d);
                                }
                            }
                            succeeded.push((id, sid));
                            finished_here += 1;
                            if opts.stop_after.is_some_and(|k| finished_here >= k) {
                                stopped = true;
                            }
                        }
                        Err(e) => {
                            let error = e.to_string();
                            j.steps[id] = StepState::Failed {
                                error: error.clone(),
                            };
                            events(&Event::StepFailed {
                                id,
                                error: error.clone(),
                            });
                            failure.get_or_insert((id, error));
                        }
                    }
                }
                if renew {
                    shared_out = Arc::new(out.clone());
                }
                if !stopped {
                    if failure.is_none()
                        && matches!(check, Check::Passed)
                        && j.steps.iter().all(done)
                    {
                        // The last record and the end of the run are one write.
                        j.phase = Phase::Succeeded;
                    }
                    let v = writer.submit(j);
                    unreported.extend(succeeded.into_iter().map(|(id, sid)| (v, id, sid)));
                }
            }
            Wake::Durable(Ok(v)) => {
                durable_v = v;
                if release_at.is_some_and(|r| r <= v) {
                    release_at = None;
                    for id in held.drain(..).rev() {
                        ready.push_front(id);
                    }
                }
                while unreported.front().is_some_and(|u| u.0 <= v) {
                    let (_, id, sid) = unreported.pop_front().expect("checked");
                    events(&Event::StepSucceeded { id, sid });
                }
            }
            Wake::Durable(Err(e)) => journal_error = Some(e),
            Wake::Read(Ok(observed)) => check = Check::Comparing(observed),
            Wake::Read(Err(e)) => check = Check::Refused(e),
        }
    }
    for (_, id) in staged.drain(..) {
        // Recorded as started on disk, but never sent.
        j.steps[id] = StepState::Pending;
    }
    if stopped {
        writer.finish().await?;
        return Err(ApplyError::Stopped(finished_here));
    }
    if let Some(e) = journal_error {
        let e = writer.finish().await.err().unwrap_or(e);
        return Err(ApplyError::Journal(e));
    }
    writer.finish().await?;
    for (_, id, sid) in unreported {
        events(&Event::StepSucceeded { id, sid });
    }
    let refusal = match check {
        Check::Refused(r) => Some(r),
        _ => None,
    };
    end_run(j, client, opts, events, resuming, refusal, failure).await
}
