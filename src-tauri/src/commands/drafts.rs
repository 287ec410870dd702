//! Wizard: the unfinished wizard, saved on every step change and offered at start.

use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::Draft;

#[tauri::command]
#[tracing::instrument(skip_all, fields(flow = %draft.flow, step = draft.step))]
pub fn save_draft(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    draft: Draft,
) -> AppResult<()> {
    wizard.save_draft(&draft).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn load_draft(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
) -> AppResult<Option<Draft>> {
    wizard.load_draft().map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn clear_draft(state: State<'_, AppState>, wizard: State<'_, WizardState>) -> AppResult<()> {
    wizard.clear_draft().map_err(|e| state.journal.note(e))
}
