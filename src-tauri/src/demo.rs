//! "Try the demo": the embedded sandbox, started in-process on first use and kept for the life
//! of the app. Its state is saved to `demo-sandbox.json` in the app data directory, so a demo
//! prepared today is still there tomorrow; "Reset demo" puts back the seeded account.

use std::path::{Path, PathBuf};

use switchboard_sandbox::{DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Sandbox, SandboxConfig};
use switchboard_twilio::{Credentials, Endpoints, Secret};
use tokio::sync::Mutex;

use crate::error::{AppError, AppResult, Code};

/// The demo account's sandbox, started lazily.
pub struct DemoAccount {
    state_file: PathBuf,
    sandbox: Mutex<Option<Sandbox>>,
}

impl DemoAccount {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            state_file: data_dir.join("demo-sandbox.json"),
            sandbox: Mutex::new(None),
        }
    }

    pub fn state_file(&self) -> &Path {
        &self.state_file
    }

    /// The sandbox's base URL, starting it if needed.
    pub async fn base_url(&self) -> AppResult<String> {
        let mut guard = self.sandbox.lock().await;
        if let Some(s) = guard.as_ref() {
            return Ok(s.base_url());
        }
        if let Some(dir) = self.state_file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                AppError::new(
                    Code::Storage,
                    format!("Could not create the demo's folder {}: {e}", dir.display()),
                )
            })?;
        }
        let config = SandboxConfig {
            state_file: Some(self.state_file.clone()),
            ..SandboxConfig::default()
        };
        let sandbox = Sandbox::start(config).await.map_err(|e| {
            AppError::new(
                Code::Demo,
                format!("The demo account could not start: {e}. If {} is damaged, delete it and try again.", self.state_file.display()),
            )
        })?;
        tracing::info!(base_url = %sandbox.base_url(), state_file = %self.state_file.display(), "demo sandbox started");
        let url = sandbox.base_url();
        *guard = Some(sandbox);
        Ok(url)
    }

    /// Credentials and endpoints that reach the demo account.
    pub async fn connection(&self) -> AppResult<(Credentials, Endpoints)> {
        let url = self.base_url().await?;
        let credentials = Credentials::auth_token(DEMO_ACCOUNT_SID, Secret::new(DEMO_AUTH_TOKEN))?;
        Ok((credentials, Endpoints::single(&url)))
    }

    /// Puts the demo account back to its seeded state (and saves that state).
    pub async fn reset(&self) -> AppResult<()> {
        self.base_url().await?;
        let guard = self.sandbox.lock().await;
        let sandbox = guard
            .as_ref()
            .ok_or_else(|| AppError::new(Code::Internal, "demo sandbox vanished"))?;
        sandbox.reset();
        tracing::info!("demo account reset to its seeded state");
        Ok(())
    }

    /// Stops the sandbox (on exit), letting requests in flight finish.
    pub async fn shutdown(&self) {
        if let Some(s) = self.sandbox.lock().await.take() {
            s.shutdown().await;
        }
    }
}
