//! Saved profiles: list, change a profile's endpoint (Advanced), and forget.

use tauri::State;

use crate::error::AppResult;
use crate::ipc::{ForgetOutcome, ForgetProfileRequest, ProfileList};
use crate::profiles::{ProfileEndpointUpdated, UpdateProfileEndpointRequest};
use crate::state::AppState;

/// Async so that reading the profiles file never runs on the window's main thread (a
/// synchronous command would, while the first screen is being drawn).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_profiles(state: State<'_, AppState>) -> AppResult<ProfileList> {
    state.list_profiles().map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(profile = %request.id, delete_api_key = request.delete_api_key))]
pub async fn forget_profile(
    state: State<'_, AppState>,
    request: ForgetProfileRequest,
) -> AppResult<ForgetOutcome> {
    state
        .forget_profile(request)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(profile = %request.id))]
pub async fn update_profile_endpoint(
    state: State<'_, AppState>,
    request: UpdateProfileEndpointRequest,
) -> AppResult<ProfileEndpointUpdated> {
    state
        .update_profile_endpoint(request)
        .await
        .map_err(|e| state.journal.note(e))
}
