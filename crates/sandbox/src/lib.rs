//! A simulated Twilio account.
//!
//! The sandbox serves the slice of Twilio's REST API that Switchboard uses — Elastic SIP
//! Trunking (`/v1/Trunks…`), BYOC (`/v1/ByocTrunks`, `/v1/ConnectionPolicies…`) and the v2010
//! API (`/2010-04-01/…`: SIP, numbers, calls, keys, account) and Serverless (`/v1/Services…`,
//! including the code upload that Twilio takes on its separate upload host) — all on one
//! `127.0.0.1` port,
//! with Twilio's paths, parameters, status codes, JSON shapes, paging and rules (see
//! `RULES.md`). It exists so the wizard can be demonstrated and tested end to end without a
//! Twilio account, including under injected faults ([`Faults`]).
//!
//! Admin endpoints (same Basic auth, never subject to faults): `GET`/`POST /__sandbox/faults`
//! (a JSON [`Faults`] object), `POST /__sandbox/reset`, `GET /__sandbox/state` (the whole
//! account as JSON, without secrets) and `POST /__sandbox/account` (`{"status": "suspended"}`).
//! Deployed Functions run with Node.js at `/__sandbox/functions/<domain_name>/<path>`, and
//! `POST /__sandbox/inbound` simulates an inbound call reaching a voice URL (see `RULES.md`).
//!
//! From code without a tokio runtime (the desktop app), use [`Sandbox::start_blocking`], which
//! runs the server on its own thread and runtime, and [`Sandbox::shutdown_blocking`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = switchboard_sandbox::Sandbox::start(Default::default()).await?;
//! println!("{}", sandbox.base_url()); // http://127.0.0.1:PORT
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

use std::path::PathBuf;

mod auth;
pub mod bolna;
mod clock;
pub mod error;
mod faults;
mod model;
mod multipart;
mod page;
mod params;
mod routes;
mod rules;
mod seed;
mod server;
mod state;

pub use auth::Principal;
pub use faults::{FaultRule, Faults};
pub use routes::functions::{FunctionReply, run_function, twilio_signature};
pub use server::Sandbox;

/// A running sandbox can live in shared application state.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Sandbox>();
};

/// The demo account's SID.
pub const DEMO_ACCOUNT_SID: &str = "AC0de5a4db0c5e11aa0de5a4db0c5e11aa";
/// The demo account's auth token. Public on purpose: it only opens the local sandbox.
pub const DEMO_AUTH_TOKEN: &str = "5a4db0c55a4db0c55a4db0c55a4db0c5";
/// The demo account's friendly name.
pub const DEMO_FRIENDLY_NAME: &str = "Switchboard Demo";
/// Paths under this prefix are the sandbox's own admin endpoints, not Twilio's.
pub const ADMIN_PREFIX: &str = "/__sandbox/";

/// How to start a sandbox.
#[derive(Clone)]
pub struct SandboxConfig {
    /// TCP port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    /// `AC` + 32 hex digits.
    pub account_sid: String,
    /// The token Basic auth must carry with the Account SID.
    pub auth_token: String,
    pub friendly_name: String,
    /// Where to save the state after every change (and load it from at start, if present).
    pub state_file: Option<PathBuf>,
    /// Start with the demo data (numbers, a trunk, an ACL, a credential list).
    pub seed: bool,
    /// Faults active from the start.
    pub faults: Faults,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            account_sid: DEMO_ACCOUNT_SID.to_string(),
            auth_token: DEMO_AUTH_TOKEN.to_string(),
            friendly_name: DEMO_FRIENDLY_NAME.to_string(),
            state_file: None,
            seed: true,
            faults: Faults::default(),
        }
    }
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("port", &self.port)
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"[redacted]")
            .field("friendly_name", &self.friendly_name)
            .field("state_file", &self.state_file)
            .field("seed", &self.seed)
            .field("faults", &self.faults)
            .finish()
    }
}

impl SandboxConfig {
    /// Checks the account SID and token shapes before anything is bound.
    pub fn validate(&self) -> Result<(), String> {
        if !params::is_sid(&self.account_sid, "AC") {
            return Err(format!(
                "account SID '{}' must be AC followed by 32 hex digits",
                self.account_sid
            ));
        }
        if self.auth_token.is_empty() {
            return Err("the auth token must not be empty".into());
        }
        self.faults.validate()
    }
}
