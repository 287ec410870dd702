//! "Copy diagnostics": built in Rust and put on the clipboard from Rust, so the webview needs no
//! clipboard permission at all.

use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_clipboard_manager::{Clipboard, ClipboardExt};

use crate::error::AppResult;
use crate::ipc::Diagnostics;
use crate::state::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn copy_diagnostics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Diagnostics> {
    let text = state.diagnostics().await;
    let copied = app.try_state::<Clipboard<R>>().is_some()
        && app.clipboard().write_text(text.clone()).is_ok();
    Ok(Diagnostics { text, copied })
}
