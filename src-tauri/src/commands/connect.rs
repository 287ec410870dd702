//! Connect step: the demo, "Use my Twilio account", saved profiles, Reset demo.

use tauri::State;

use crate::error::AppResult;
use crate::ipc::{ConnectAccountRequest, SessionView, SwitchProfileRequest};
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn connect_demo(state: State<'_, AppState>) -> AppResult<SessionView> {
    state
        .connect_demo()
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn connect_account(
    state: State<'_, AppState>,
    request: ConnectAccountRequest,
) -> AppResult<SessionView> {
    state
        .connect_account(request)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(profile = %request.id))]
pub async fn switch_profile(
    state: State<'_, AppState>,
    request: SwitchProfileRequest,
) -> AppResult<SessionView> {
    state
        .switch_profile(request)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn reset_demo(state: State<'_, AppState>) -> AppResult<SessionView> {
    state.reset_demo().await.map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn disconnect(state: State<'_, AppState>) -> AppResult<()> {
    state.disconnect().await;
    Ok(())
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn current_session(state: State<'_, AppState>) -> AppResult<Option<SessionView>> {
    state
        .current_session()
        .await
        .map_err(|e| state.journal.note(e))
}
