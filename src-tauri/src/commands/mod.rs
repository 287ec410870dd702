//! The `#[tauri::command]`s, grouped by wizard area. Each is a one-line adapter: it takes the
//! managed [`AppState`](crate::state::AppState) and one request, calls it, and records a failure
//! in the diagnostics journal on its way to the UI.

pub mod calls;
pub mod connect;
pub mod connectivity;
pub mod diagnostics;
pub mod dialplan;
pub mod numbers;
pub mod presets;
pub mod profiles;
// wizard (BACKEND)
pub mod apply;
pub mod drafts;
pub mod inventory;
pub mod secrets;
pub mod sheet;
pub mod spec;

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
        profiles::update_profile_endpoint,
        numbers::load_numbers,
        diagnostics::copy_diagnostics,
        presets::list_presets,
        presets::preset_form,
        presets::check_preset_answers,
        presets::build_preset,
        presets::far_side_sheet_html,
        presets::save_far_side_sheet,
        presets::bolna_key,
        presets::forget_bolna,
        presets::register_on_bolna,
        presets::import_spec_file,
        connectivity::check_connectivity,
        calls::test_call,
        dialplan::check_dialplan,
        spec::validate_spec,
        spec::check_items,
        spec::domain_available,
        spec::plan_spec,
        apply::apply_plan,
        apply::cancel_apply,
        apply::pending_run,
        apply::resume_run,
        apply::rollback_run,
        secrets::set_sip_password,
        secrets::password_status,
        sheet::done_sheet,
        sheet::export_spec,
        sheet::save_sheet,
        drafts::save_draft,
        drafts::load_draft,
        drafts::clear_draft,
        inventory::load_inventory,
        inventory::spec_from_trunk,
        inventory::teardown_plan,
    ]
}
