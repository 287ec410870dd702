//! The `#[tauri::command]`s, grouped by wizard area. Each is a one-line adapter: it takes the
//! managed [`AppState`](crate::state::AppState) and one request, calls it, and records a failure
//! in the diagnostics journal on its way to the UI.

pub mod calls;
pub mod connect;
pub mod diagnostics;
pub mod dialplan;
pub mod numbers;
pub mod profiles;

use tauri::Runtime;
use tauri::ipc::Invoke;

/// The invoke handler with every command; build.rs lists the same names for the app manifest.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        connect::connect_demo,
        connect::connect_account,
        connect::switch_profile,
        connect::reset_demo,
        connect::disconnect,
        connect::current_session,
        profiles::list_profiles,
        profiles::forget_profile,
        numbers::load_numbers,
        diagnostics::copy_diagnostics,
        calls::test_call,
        dialplan::check_dialplan,
    ]
}
