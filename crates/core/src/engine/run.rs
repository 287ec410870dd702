//! Running a plan: stale-plan check, lock, journal, and the entry points `apply`, `resume` and
//! `rollback` (the scheduler is in `drive.rs`, the rollback in `undo.rs`). `resume` and
//! `rollback` pick up an interrupted run from its journal.

use std::collections::HashSet;
use std::sync::Arc;

use switchboard_twilio::{Client, Error};
use tokio_util::sync::CancellationToken;

use super::SecretSource;
use super::check::{CheckInput, observe, observe_in_background, settle_unchecked, speculative};
use super::drive::{Gate, drive};
use super::events::Event;
use super::exec::Outputs;
use super::journal::{Journal, LockError, Phase, StateDir, StepState};
use super::plan::Plan;
use super::undo::rollback_run;

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

pub(crate) type Sink<'a> = &'a mut (dyn FnMut(&Event) + Send);

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
    let read: Gate<'_> = Box::pin(observe_in_background(input, client));
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
    Ok(observed.fingerprint())
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
