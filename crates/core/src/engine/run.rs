//! Running a plan: stale-plan check, lock, journal, the DAG scheduler with its concurrency
//! bound, cancellation, and the rollback that reverts exactly what this run did, in reverse
//! order. `resume` and `rollback` pick up an interrupted run from its journal.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use futures::FutureExt;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use switchboard_twilio::{Client, Error};
use tokio_util::sync::CancellationToken;

use super::SecretSource;
use super::check::{CheckInput, Observed, ThisRun, observe, settle_unchecked, speculative};
use super::events::Event;
use super::exec::{self, Outputs};
use super::journal::{Journal, JournalWriter, LockError, Phase, StateDir, StepState};
use super::plan::Plan;
use super::revert::revert;
use super::step::Op;

/// How to run.
#[derive(Clone)]
pub struct ApplyOptions {
    pub state_dir: StateDir,
    /// Steps in flight at once (default 8).
    pub concurrency: usize,
    pub secrets: Arc<dyn SecretSource>,
    /// Cancelling stops launching steps and rolls back what this run did.
    pub cancel: CancellationToken,
    /// Test hook: behave as if the process were killed the moment this many steps of this run
    /// have finished: nothing more is started, the requests in flight reach Twilio but their
    /// results (and the result of the step that hit the count) are never recorded, and there is
    /// no rollback; the journal stays unfinished for `resume` / `rollback`.
    pub stop_after: Option<usize>,
}

impl ApplyOptions {
    pub fn new(state_dir: StateDir, secrets: Arc<dyn SecretSource>) -> Self {
        Self {
            state_dir,
            concurrency: 8,
            secrets,
            cancel: CancellationToken::new(),
            stop_after: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(
        "the account changed since this plan was made (fingerprint {planned} ≠ {live}); make a new plan"
    )]
    Stale { planned: String, live: String },
    #[error(
        "an earlier run ({run_id}) did not finish: run `switchboard resume` or `switchboard rollback` first"
    )]
    Unfinished { run_id: String },
    #[error("there is no unfinished run to {0}")]
    NothingTo(&'static str),
    #[error("the plan is for account {plan}, but the client is for {client}")]
    WrongAccount { plan: String, client: String },
    #[error("could not write the journal: {0}")]
    Journal(#[from] std::io::Error),
    #[error("the plan's spec can no longer be read: {0}")]
    Spec(String),
    #[error(transparent)]
    Twilio(#[from] Error),
    #[error("step {id} failed ({description}): {error}; {}", if *rolled_back { "everything this run did was rolled back" } else { "the rollback is incomplete: run `switchboard rollback` again" })]
    Failed {
        id: usize,
        description: String,
        error: String,
        rolled_back: bool,
    },
    #[error("cancelled; {}", if *rolled_back { "everything this run did was rolled back" } else { "the rollback is incomplete" })]
    Cancelled { rolled_back: bool },
    #[error("stopped after {0} step(s); the run is unfinished")]
    Stopped(usize),
    #[error("{0} step(s) could not be reverted; run `switchboard rollback` again")]
    RollbackIncomplete(usize),
}

type Sink<'a> = &'a mut (dyn FnMut(&Event) + Send);

/// Applies `plan` to the account behind `client`.
pub async fn apply(
    plan: Plan,
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
) -> Result<Journal, ApplyError> {
    if plan.account_sid != client.account_sid().as_str() {
        return Err(ApplyError::WrongAccount {
            plan: plan.account_sid,
            client: client.account_sid().to_string(),
        });
    }
    let _lock = opts.state_dir.lock(&plan.account_sid)?;
    if let Some(j) = opts.state_dir.load(&plan.account_sid)?
        && j.is_unfinished()
    {
        return Err(ApplyError::Unfinished { run_id: j.run_id });
    }
    run_checked(Journal::new(plan), client, opts, events).await
}

/// Runs a new journal's plan while the stale-plan check reads the account: the steps that
/// depend on nothing and that a rollback undoes exactly (creating a resource, which the
/// rollback deletes; attaching a number, which Twilio refuses when the number is already on a
/// trunk) start at once, every other step waits for the check. A stale plan is refused and
/// what it already sent is rolled back, so the account is left as it was.
async fn run_checked(
    mut journal: Journal,
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
) -> Result<Journal, ApplyError> {
    let input = CheckInput::of(&journal.plan, true)?;
    // Before the check has passed, a create goes out only once the journal on disk records it
    // as started: the first wave (as many speculative steps as the concurrency bound lets start
    // at once) in this first write, later ones in the writes that stage them. So after a
    // crash, a create the journal shows as pending was never sent; number attachments are
    // looked up whatever the journal says (see `settle_unchecked`). Nothing else goes out until
    // the check has passed and that is on disk too.
    let first: HashSet<usize> = journal
        .plan
        .steps
        .iter()
        .filter(|s| speculative(s))
        .map(|s| s.id)
        .take(opts.concurrency.max(1))
        .collect();
    for id in &first {
        journal.steps[*id] = StepState::Started;
    }
    journal.save(&opts.state_dir)?;
    for id in &first {
        journal.steps[*id] = StepState::Pending;
    }
    let read: Gate<'_> = Box::pin(async move { observe(&input, client).await });
    drive(
        &mut journal,
        client,
        opts,
        events,
        false,
        Some((read, first)),
    )
    .await?;
    Ok(journal)
}

/// The fingerprint of what `plan` depends on, as it is on the account now (what the stale-plan
/// check of [`apply`] compares, when no step of the run has been sent yet).
pub async fn fingerprint_now(plan: &Plan, client: &Client) -> Result<String, ApplyError> {
    let observed = observe(&CheckInput::of(plan, false)?, client).await?;
    Ok(ThisRun::of(&plan.steps, |_| false, &Outputs::new()).fingerprint_without(observed))
}

/// Continues the account's unfinished run (or finishes its rollback).
pub async fn resume(
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
) -> Result<Journal, ApplyError> {
    let account = client.account_sid().to_string();
    let _lock = opts.state_dir.lock(&account)?;
    let mut journal = match opts.state_dir.load(&account)? {
        Some(j) if j.is_unfinished() => j,
        _ => return Err(ApplyError::NothingTo("resume")),
    };
    if !journal.checked {
        settle_unchecked(&mut journal, client, events).await?;
    }
    let pending_unsent = !journal.checked;
    if journal.phase != Phase::Applying {
        rollback_run(
            &mut journal,
            client,
            opts,
            events,
            "finishing an interrupted rollback".into(),
            pending_unsent,
        )
        .await?;
        return Ok(journal);
    }
    if !journal.checked {
        // Stopped before the stale-plan check finished: whether the plan still held is unknown,
        // so undo what was sent (which leaves the account as the plan found it, if it still
        // holds) and run the plan again from the start, check included.
        rollback_run(
            &mut journal,
            client,
            opts,
            events,
            "the run stopped before the account was checked against its plan: undoing it and \
             starting again"
                .into(),
            true,
        )
        .await?;
        return run_checked(Journal::new(journal.plan), client, opts, events).await;
    }
    for s in journal.steps.iter_mut() {
        if matches!(s, StepState::Failed { .. }) {
            *s = StepState::Pending;
        }
    }
    drive(&mut journal, client, opts, events, true, None).await?;
    Ok(journal)
}

/// Reverts what the account's latest run did (unfinished or finished).
pub async fn rollback(
    client: &Client,
    opts: &ApplyOptions,
    events: Sink<'_>,
) -> Result<Journal, ApplyError> {
    let account = client.account_sid().to_string();
    let _lock = opts.state_dir.lock(&account)?;
    let mut journal = match opts.state_dir.load(&account)? {
        Some(j) if j.phase != Phase::RolledBack => j,
        _ => return Err(ApplyError::NothingTo("roll back")),
    };
    if !journal.checked {
        settle_unchecked(&mut journal, client, events).await?;
    }
    let pending_unsent = !journal.checked;
    rollback_run(
        &mut journal,
        client,
        opts,
        events,
        "rollback requested".into(),
        pending_unsent,
    )
    .await?;
    Ok(journal)
}

pub(crate) fn outputs(j: &Journal) -> Outputs {
    j.steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s {
            StepState::Done { sid: Some(sid), .. } => Some((i, sid.clone())),
            StepState::RevertFailed { sid: Some(sid), .. } => Some((i, sid.clone())),
            _ => None,
        })
        .collect()
}

/// What woke the scheduler up.
enum Wake {
    Finished(Vec<(usize, Result<Option<String>, Error>)>),
    Durable(std::io::Result<u64>),
    Read(Result<Observed, ApplyError>),
}

/// The stale-plan check's read of the account, which a run's non-[`speculative`] steps wait for.
type Gate<'a> =
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
async fn drive(
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
    // Ready steps that wait for the stale-plan check, and the check's refusal.
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
                && matches!(
                    j.plan.steps[i].op,
                    Some(super::step::Op::AttachNumber { .. })
                )
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
    if let Check::Refused(refusal) = check {
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
        rollback_run(j, client, opts, events, refusal.to_string(), !resuming).await?;
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
    events(&Event::Finished {
        ok: true,
        rolled_back: false,
    });
    Ok(())
}

/// `pending_unsent`: the steps `j` shows as pending were certainly never sent (the run that
/// wrote them is this process and did not resume an earlier one, or the journal is from a run
/// whose check had not passed: it sends nothing it has not recorded as started).
async fn rollback_run(
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
        match revert(client, &op, sid.as_deref(), &out).await {
            Ok(()) => {
                j.steps[id] = StepState::Reverted;
                events(&Event::StepReverted {
                    id,
                    description: j.plan.steps[id].description.clone(),
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
