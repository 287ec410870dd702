//! Interop presets in the app (Genesys Cloud BYOC, Bolna and the generic ones): the list, one
//! preset's questions as a form, the answers checked as the user types (which questions apply,
//! their defaults, every problem), a build into a spec plus the far-side sheet, the sheet saved
//! as HTML or PDF, "Register on Bolna", and reading an imported spec file.
//!
//! Everything here adapts `switchboard_core::preset` / `spec` / `export`; the only state is the
//! user's Bolna API key, kept in the OS keychain under [`BOLNA_KEY`] and never sent back.
//! Passwords the presets need are not generated here: the Review step's secret field generates
//! them in the window and hands them to the keychain (`set_sip_password`), so no response of
//! these commands ever carries one.

use tauri::{AppHandle, Runtime, State};

use crate::error::AppResult;
use crate::state::AppState;
pub use crate::wizard::bolna::*;
pub use crate::wizard::preset_view::*;
pub use crate::wizard::presets::*;

// ---------------------------------------------------------------------------------------------
// Commands

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_presets() -> AppResult<Vec<PresetSummary>> {
    Ok(list())
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %preset_id))]
pub async fn preset_form(state: State<'_, AppState>, preset_id: String) -> AppResult<PresetForm> {
    form(&preset_id).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn check_preset_answers(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<AnswersCheck> {
    check(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn build_preset(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<PresetBuildResult> {
    build(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn far_side_sheet_html(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<String> {
    sheet_page(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn save_far_side_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PresetAnswers,
    format: SheetFormat,
) -> AppResult<SavedFile> {
    let dir = export_dir(&app, &state);
    save_sheet_in(&dir, &request, format).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn bolna_key(state: State<'_, AppState>) -> AppResult<BolnaKeyStatus> {
    bolna_key_status(state.keychain.as_ref()).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn forget_bolna(state: State<'_, AppState>) -> AppResult<BolnaKeyStatus> {
    forget_bolna_key(state.keychain.as_ref()).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn register_on_bolna(
    state: State<'_, AppState>,
    request: RegisterBolnaRequest,
) -> AppResult<BolnaRegistration> {
    let account = state
        .current_session()
        .await
        .ok()
        .flatten()
        .map(|s| s.account.sid);
    register_bolna(
        state.keychain.as_ref(),
        &bolna_url(),
        account.as_deref(),
        request,
    )
    .await
    .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(file = %request.file_name))]
pub async fn import_spec_file(
    state: State<'_, AppState>,
    request: ImportSpecRequest,
) -> AppResult<ImportedSpec> {
    import_spec(&request).map_err(|e| state.journal.note(e))
}
