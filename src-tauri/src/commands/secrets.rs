//! Wizard: SIP passwords go from the UI to the keychain, and only "set or not" comes back.

use switchboard_twilio::Secret;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::PasswordStatus;

#[tauri::command]
#[tracing::instrument(skip_all, fields(list = %list, username = %username))]
pub async fn set_sip_password(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    list: String,
    username: String,
    password: Secret,
) -> AppResult<()> {
    wizard
        .set_sip_password(&state, &list, &username, &password)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(list = %list))]
pub async fn password_status(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    list: String,
    usernames: Vec<String>,
) -> AppResult<Vec<PasswordStatus>> {
    wizard
        .password_status(&state, &list, &usernames)
        .await
        .map_err(|e| state.journal.note(e))
}
