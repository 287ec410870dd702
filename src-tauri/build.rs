//! Gates the app's own commands through the app manifest: each command gets a generated
//! `allow-<command>` permission, and only those listed in `capabilities/default.json` are callable.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(switchboard_commands())),
    )
    .expect("failed to run tauri-build");
}

fn switchboard_commands() -> &'static [&'static str] {
    &[
        "connect_demo",
        "connect_account",
        "switch_profile",
        "list_profiles",
        "forget_profile",
        "update_profile_endpoint",
        "reset_demo",
        "disconnect",
        "current_session",
        "load_numbers",
        "copy_diagnostics",
        "list_presets",
        "preset_form",
        "check_preset_answers",
        "build_preset",
        "far_side_sheet_html",
        "save_far_side_sheet",
        "bolna_key",
        "forget_bolna",
        "register_on_bolna",
        "import_spec_file",
        "check_connectivity",
        "test_call",
        "check_dialplan",
        "validate_spec",
        "check_items",
        "domain_available",
        "plan_spec",
        "apply_plan",
        "cancel_apply",
        "pending_run",
        "resume_run",
        "rollback_run",
        "set_sip_password",
        "password_status",
        "done_sheet",
        "export_spec",
        "save_sheet",
        "save_draft",
        "load_draft",
        "clear_draft",
        "load_inventory",
        "spec_from_trunk",
        "teardown_plan",
    ]
}
