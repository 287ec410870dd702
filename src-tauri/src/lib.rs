//! Switchboard desktop app: the Tauri shell around the Switchboard crates. The webview shows the
//! wizard; everything that talks to Twilio, stores profiles or touches secrets happens here in
//! Rust, behind the commands in [`commands`]. `run()` is what the binary calls; tests build the
//! same app from [`commands::handler`] and [`state::AppState`] on Tauri's mock runtime.

pub mod account;
pub mod commands;
pub mod demo;
pub mod diagnostics;
pub mod endpoint;
pub mod error;
pub mod ipc;
pub mod keychain;
pub mod logging;
pub mod profiles;
pub mod state;
pub mod wizard;

use std::sync::Arc;

use tauri::{Manager, RunEvent};

use crate::error::{AppError, Code};
use crate::keychain::{Backend, OsKeychain};
use crate::state::{AppPaths, AppState};

pub(crate) fn storage_error(e: profiles::StoreError) -> AppError {
    AppError::new(Code::Storage, e.to_string())
}

/// Keeps the log writer alive (and flushing) for the life of the app.
struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

fn paths(app: &tauri::AppHandle) -> tauri::Result<AppPaths> {
    let p = app.path();
    Ok(AppPaths {
        config_dir: p.app_config_dir()?,
        data_dir: p.app_data_dir()?,
        log_dir: p.app_log_dir()?,
    })
}

/// Starts the desktop app. `--demo` connects the demo account as soon as the window asks.
pub fn run() {
    let demo = std::env::args().any(|a| a == "--demo");
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        .setup(move |app| {
            let paths = paths(app.handle())?;
            match logging::init(&paths.log_dir) {
                Ok(guard) => {
                    app.manage(LogGuard(guard));
                }
                Err(e) => eprintln!("switchboard: logging disabled: {e}"),
            }
            let backend = Backend::detect()?;
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                keychain = backend.name(),
                "Switchboard starting"
            );
            let exports = app
                .path()
                .download_dir()
                .or_else(|_| app.path().document_dir())
                .unwrap_or_else(|_| paths.data_dir.clone());
            app.manage(wizard::WizardState::new(&paths.data_dir, &exports));
            app.manage(
                AppState::new(paths, Arc::new(OsKeychain::new(backend))).autostart_demo(demo),
            );
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .expect("error while building the Switchboard app");
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            let state = handle.state::<AppState>();
            tauri::async_runtime::block_on(state.demo.shutdown());
            tracing::info!("Switchboard exiting");
        }
    });
}
