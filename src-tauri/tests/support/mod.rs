//! Shared helpers for the command tests: an app on Tauri's mock runtime with the real config and
//! capability (so the ACL is enforced as in the app), a temp-dir [`AppState`] and an in-memory keychain, and a way to invoke commands the way the webview does.
#![allow(dead_code)]

use std::sync::Arc;

use serde_json::{Value, json};
use switchboard_desktop::keychain::MemoryKeychain;
use switchboard_desktop::state::{AppPaths, AppState};
use switchboard_sandbox::{Sandbox, SandboxConfig};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// A customer account served by its own sandbox, reached through the profile's base URL.
pub const ACME_SID: &str = "AC00000000000000000000000000ac3e01";
pub const ACME_TOKEN: &str = "acme-known-token-7f3d9c2e1b";

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub webview: WebviewWindow<MockRuntime>,
    pub keychain: Arc<MemoryKeychain>,
    pub dirs: tempfile::TempDir,
}

pub fn paths(root: &std::path::Path) -> AppPaths {
    AppPaths {
        config_dir: root.join("config"),
        data_dir: root.join("data"),
        log_dir: root.join("logs"),
    }
}

pub fn test_app() -> TestApp {
    let dirs = tempfile::tempdir().expect("temp dir");
    test_app_in(dirs, false)
}

pub fn test_app_in(dirs: tempfile::TempDir, autostart_demo: bool) -> TestApp {
    let keychain = Arc::new(MemoryKeychain::default());
    let state = AppState::new(paths(dirs.path()), keychain.clone()).autostart_demo(autostart_demo);
    let app = mock_builder()
        .manage(state)
        .invoke_handler(switchboard_desktop::commands::handler())
        .plugin(tauri_plugin_clipboard_manager::init())
        .build(tauri::generate_context!("tauri.conf.json", test = true))
        .expect("mock app builds with the real config and capabilities");
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview"),
    };
    TestApp {
        app,
        webview,
        keychain,
        dirs,
    }
}

impl TestApp {
    /// Invokes `cmd` with `args` as the webview would; `Err` carries the serialised AppError.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request)
            .map(|b| b.deserialize::<Value>().expect("json response"))
    }

    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }
}

/// Starts a sandbox playing a customer's account (not the demo's SID or token).
pub fn acme_sandbox() -> Sandbox {
    Sandbox::start_blocking(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: ACME_TOKEN.into(),
        friendly_name: "Acme Corp".into(),
        ..SandboxConfig::default()
    })
    .expect("sandbox starts")
}

pub fn connect_request(sandbox: &Sandbox, token: &str, create_api_key: bool) -> Value {
    json!({
        "request": {
            "profileName": "",
            "accountSid": ACME_SID,
            "credential": { "kind": "authToken", "token": token },
            "createApiKey": create_api_key,
            "endpoint": { "baseUrl": sandbox.base_url() }
        }
    })
}

/// Every file under `dir`, read as bytes, that contains `needle`.
pub fn files_containing(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p)
                && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                hits.push(p);
            }
        }
    }
    hits
}
