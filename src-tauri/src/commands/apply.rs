//! Wizard: applying a reviewed plan with live progress, cancelling it, and resuming or rolling
//! back a run that was interrupted. Progress is the engine's `Event` (TS `ApplyEvent`).

use switchboard_core::engine::Event;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::{ApplyOutcome, PendingRun};

/// Sends each event to the window; a window that went away does not stop the run.
fn forward(channel: &Channel<Event>) -> impl FnMut(&Event) + Send + '_ {
    move |e: &Event| {
        if let Err(err) = channel.send(e.clone()) {
            tracing::warn!(error = %err, "apply progress could not reach the window");
        }
    }
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(plan = %plan_id))]
pub async fn apply_plan(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    plan_id: String,
    on_event: Channel<Event>,
) -> AppResult<ApplyOutcome> {
    wizard
        .apply_plan(&state, &plan_id, &mut forward(&on_event))
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn cancel_apply(wizard: State<'_, WizardState>) {
    wizard.cancel_apply()
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pending_run(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
) -> AppResult<Option<PendingRun>> {
    wizard
        .pending_run(&state)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn resume_run(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    on_event: Channel<Event>,
) -> AppResult<ApplyOutcome> {
    wizard
        .resume_run(&state, &mut forward(&on_event))
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn rollback_run(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    on_event: Channel<Event>,
) -> AppResult<ApplyOutcome> {
    wizard
        .rollback_run(&state, &mut forward(&on_event))
        .await
        .map_err(|e| state.journal.note(e))
}
