//! Applying a reviewed plan, and picking up a run that was interrupted: the engine's apply,
//! resume and rollback with the keychain as the password source, a cancel switch, the journal
//! in the app data dir, and the outcome in the shape the UI shows.

use std::sync::Arc;

use switchboard_core::engine::{
    self, ApplyError, ApplyOptions, Event, Journal, Op, Plan, StateDir, StepState,
};
use switchboard_core::spec::Spec;
use switchboard_core::validate::Issue;
use switchboard_twilio::Client;

use super::secrets::{self, KeychainPasswords};
use super::view::{ApplyOutcome, CreatedView, PendingRun};
use crate::error::{AppError, AppResult, Code};
use crate::keychain::SecretStore;

/// What the UI hears during a run.
pub type Emit<'a> = &'a mut (dyn FnMut(&Event) + Send);

pub fn options(dir: &StateDir, store: Arc<dyn SecretStore>, account: &str) -> ApplyOptions {
    ApplyOptions::new(
        dir.clone(),
        Arc::new(KeychainPasswords {
            store,
            account: account.to_string(),
        }),
    )
}

/// Every credential the plan creates must have its password in the keychain before anything
/// is sent: finding out half way would mean a rollback for a missing form field.
pub fn missing_passwords(plan: &Plan, store: &dyn SecretStore) -> AppResult<Vec<Issue>> {
    let spec = plan.spec().ok();
    let mut issues = vec![];
    for step in &plan.steps {
        if let Some(Op::CreateCredential {
            list_name,
            username,
            ..
        }) = &step.op
        {
            let have = store
                .get(&secrets::key(&plan.account_sid, list_name, username))
                .map_err(|e| AppError::new(Code::Keychain, e.to_string()))?;
            if have.is_none() {
                issues.push(Issue::error(
                    credential_path(spec.as_ref(), list_name, username),
                    format!(
                        "No password is set for {username} in the credential list '{list_name}'. Generate or type one on the credentials step."
                    ),
                ));
            }
        }
    }
    Ok(issues)
}

/// `credential_lists[i].usernames[j]` for a list and username of the spec.
fn credential_path(spec: Option<&Spec>, list: &str, username: &str) -> String {
    let lists: Vec<(&str, &[String])> = match spec {
        Some(Spec::ElasticTrunk(t)) => t
            .credential_lists
            .iter()
            .map(|c| (c.name.as_str(), c.usernames.as_slice()))
            .collect(),
        Some(Spec::SipDomain(d)) => d
            .credential_lists
            .iter()
            .map(|c| (c.name.as_str(), c.usernames.as_slice()))
            .collect(),
        _ => vec![],
    };
    lists
        .iter()
        .enumerate()
        .find_map(|(i, (name, users))| {
            (*name == list).then(|| match users.iter().position(|u| u == username) {
                Some(j) => format!("credential_lists[{i}].usernames[{j}]"),
                None => format!("credential_lists[{i}]"),
            })
        })
        .unwrap_or_else(|| "credential_lists".into())
}

/// What the run created and still exists.
fn created(j: &Journal) -> Vec<CreatedView> {
    j.plan
        .steps
        .iter()
        .zip(&j.steps)
        .filter_map(|(step, state)| match (step.op.as_ref(), state) {
            (Some(op), StepState::Done { sid: Some(sid), .. })
                if op.creates() && !sid.is_empty() =>
            {
                Some(CreatedView {
                    description: step.description.clone(),
                    sid: sid.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// The outcome of a finished engine call: a run that ran (even one that failed and rolled back)
/// is an outcome; a run that was refused before it started is an error.
pub fn outcome(result: Result<Journal, ApplyError>) -> AppResult<ApplyOutcome> {
    match result {
        Ok(j) => Ok(ApplyOutcome {
            ok: j.phase == engine::Phase::Succeeded,
            rolled_back: j.phase == engine::Phase::RolledBack,
            created: if j.phase == engine::Phase::Succeeded {
                created(&j)
            } else {
                vec![]
            },
            error: None,
        }),
        Err(e) => {
            let rolled_back = match &e {
                ApplyError::Failed { rolled_back, .. } | ApplyError::Cancelled { rolled_back } => {
                    Some(*rolled_back)
                }
                ApplyError::RollbackIncomplete(_) | ApplyError::Stopped(_) => Some(false),
                _ => None,
            };
            match rolled_back {
                Some(rolled_back) => Ok(ApplyOutcome {
                    ok: false,
                    rolled_back,
                    created: vec![],
                    error: Some(plain(&e)),
                }),
                None => Err(refused(e)),
            }
        }
    }
}

/// The engine's words, with the CLI's advice swapped for the app's buttons.
fn plain(e: &ApplyError) -> String {
    e.to_string()
        .replace("run `switchboard rollback` again", "choose Roll back again")
        .replace(
            "run `switchboard resume` or `switchboard rollback` first",
            "resume it or roll it back first",
        )
}

fn refused(e: ApplyError) -> AppError {
    match e {
        ApplyError::Twilio(t) => t.into(),
        ApplyError::Stale { .. } => AppError::new(
            Code::Conflict,
            "The account changed since this plan was made. Go back to Review to make a new plan.",
        ),
        ApplyError::Locked(_) | ApplyError::Unfinished { .. } | ApplyError::NothingTo(_) => {
            AppError::new(Code::Conflict, plain(&e))
        }
        ApplyError::Journal(io) => AppError::new(
            Code::Storage,
            format!("Could not write the run journal in the app's data folder: {io}"),
        ),
        other => AppError::new(Code::Internal, plain(&other)),
    }
}

/// The account's unfinished run, if any.
pub fn pending(dir: &StateDir, account: &str) -> AppResult<Option<PendingRun>> {
    let j = dir.load(account).map_err(|e| {
        AppError::new(
            Code::Storage,
            format!("Could not read the run journal: {e}"),
        )
    })?;
    Ok(j.filter(|j| j.is_unfinished()).map(|j| PendingRun {
        run_id: j.run_id.clone(),
        title: j.plan.title.clone(),
        done: j.done_count(),
        total: j.steps.len(),
    }))
}

/// Which engine entry point a run uses.
pub enum Kind {
    Apply(Box<Plan>),
    Resume,
    Rollback,
}

/// Runs `kind` to its end, reporting each event.
pub async fn run(
    kind: Kind,
    client: &Client,
    opts: &ApplyOptions,
    emit: Emit<'_>,
) -> AppResult<ApplyOutcome> {
    let result = match kind {
        Kind::Apply(plan) => engine::apply(*plan, client, opts, emit).await,
        Kind::Resume => engine::resume(client, opts, emit).await,
        Kind::Rollback => engine::rollback(client, opts, emit).await,
    };
    outcome(result)
}
