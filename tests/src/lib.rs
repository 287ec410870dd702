//! Shared helpers for the integration tests: a fresh sandbox and a client pointed at it.

use std::time::Duration;

use switchboard_sandbox::{Faults, Sandbox, SandboxConfig};
use switchboard_twilio::{Client, Credentials, Endpoints, RetryPolicy, Secret};

/// A seeded demo sandbox and a client authenticated with its Auth Token.
pub async fn demo() -> (Sandbox, Client) {
    with_config(SandboxConfig::default()).await
}

/// An empty (unseeded) sandbox and a client.
pub async fn empty() -> (Sandbox, Client) {
    with_config(SandboxConfig {
        seed: false,
        ..SandboxConfig::default()
    })
    .await
}

pub async fn with_faults(faults: Faults) -> (Sandbox, Client) {
    with_config(SandboxConfig {
        faults,
        ..SandboxConfig::default()
    })
    .await
}

pub async fn with_config(config: SandboxConfig) -> (Sandbox, Client) {
    let sandbox = Sandbox::start(config)
        .await
        .expect("sandbox starts on 127.0.0.1");
    let client = client_for(&sandbox, sandbox.auth_token());
    (sandbox, client)
}

/// A client for `sandbox` with the given token and quick retries (tests should not sleep long).
pub fn client_for(sandbox: &Sandbox, token: &str) -> Client {
    let creds =
        Credentials::auth_token(sandbox.account_sid(), Secret::new(token)).expect("valid SID");
    Client::builder(creds)
        .endpoints(Endpoints::single(&sandbox.base_url()))
        .retry(quick_retries())
        .build()
        .expect("client builds")
}

pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 8,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(200),
    }
}

/// The Twilio error code of an API error, or a panic naming what came instead.
pub fn code_of<T: std::fmt::Debug>(r: Result<T, switchboard_twilio::Error>) -> (u16, i64) {
    match r {
        Err(switchboard_twilio::Error::Api {
            status,
            code: Some(code),
            ..
        }) => (status, code),
        other => panic!("expected a Twilio API error with a code, got {other:?}"),
    }
}
