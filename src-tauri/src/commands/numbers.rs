//! The account's phone numbers, streamed page by page over a [`Channel`] so the connect step can
//! show progress.

use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppResult;
use crate::ipc::{NumbersEvent, NumbersSummary};
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn load_numbers(
    state: State<'_, AppState>,
    on_event: Channel<NumbersEvent>,
) -> AppResult<NumbersSummary> {
    let emit = |event: NumbersEvent| {
        if let Err(e) = on_event.send(event) {
            tracing::warn!(error = %e, "numbers progress could not reach the window");
        }
    };
    state
        .load_numbers(emit)
        .await
        .map_err(|e| state.journal.note(e))
}
