//! Wizard: the Done sheet, the spec as text for other tools, and both saved as files.

use serde_json::Value;
use switchboard_core::export::done::DoneSheet;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::{ExportFormat, SaveFormat, SavedSheet};

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn done_sheet(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    spec: Value,
) -> AppResult<DoneSheet> {
    wizard.done_sheet(spec).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(format = ?format))]
pub fn export_spec(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    spec: Value,
    format: ExportFormat,
) -> AppResult<String> {
    wizard
        .export_spec(spec, format)
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(format = ?format))]
pub fn save_sheet(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    spec: Value,
    format: SaveFormat,
) -> AppResult<SavedSheet> {
    wizard
        .save_sheet(spec, format)
        .map_err(|e| state.journal.note(e))
}
