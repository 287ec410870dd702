//! `switchboard sandbox`: runs the simulated Twilio account on 127.0.0.1 until Ctrl-C or
//! SIGTERM, so the wizard, the CLI or any Twilio client can be pointed at it for a demo.
//!
//! The first stdout line is the base URL (`http://127.0.0.1:PORT`); with `--json` it is one
//! object `{"base_url", "account_sid"}`. The auth token is never printed.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use switchboard_sandbox::{DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, Faults, Sandbox, SandboxConfig};

use crate::Outcome;

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, env = "SWITCHBOARD_SANDBOX_PORT", default_value_t = 0)]
    port: u16,
    /// Account SID the sandbox answers for (default: the demo account).
    #[arg(long, env = "SWITCHBOARD_SANDBOX_ACCOUNT_SID", default_value = DEMO_ACCOUNT_SID)]
    account_sid: String,
    /// Auth token the sandbox accepts (default: the demo token).
    #[arg(long, env = "SWITCHBOARD_SANDBOX_AUTH_TOKEN", hide_env_values = true,
          hide_default_value = true, default_value = DEMO_AUTH_TOKEN)]
    auth_token: String,
    /// Friendly name of the account.
    #[arg(long, default_value = switchboard_sandbox::DEMO_FRIENDLY_NAME)]
    friendly_name: String,
    /// Save the state here after every change, and resume from it at start.
    #[arg(long)]
    state_file: Option<PathBuf>,
    /// Start with an empty account instead of the demo data.
    #[arg(long)]
    no_seed: bool,
    /// Milliseconds added to every API request.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of API requests (0..1) answered 500.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share of API requests (0..1) answered 429 with Retry-After.
    #[arg(long, default_value_t = 0.0)]
    rate_limit_rate: f64,
    /// Retry-After seconds on 429 answers.
    #[arg(long, default_value_t = 1)]
    retry_after_secs: u64,
    /// API requests in flight above this number are answered 429.
    #[arg(long)]
    max_concurrency: Option<usize>,
    /// Share of API requests (0..1) whose connection is closed without a response.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
}

impl SandboxArgs {
    fn config(&self) -> Result<SandboxConfig, String> {
        let config = SandboxConfig {
            port: self.port,
            account_sid: self.account_sid.clone(),
            auth_token: self.auth_token.clone(),
            friendly_name: self.friendly_name.clone(),
            state_file: self.state_file.clone(),
            seed: !self.no_seed,
            faults: Faults {
                latency_ms: self.latency_ms,
                error_rate: self.error_rate,
                rate_limit_rate: self.rate_limit_rate,
                retry_after_secs: self.retry_after_secs,
                max_concurrency: self.max_concurrency,
                drop_rate: self.drop_rate,
                rules: Vec::new(),
            },
        };
        config.validate()?;
        Ok(config)
    }
}

fn report(json: bool, message: &str) {
    if json {
        println!(
            "{}",
            json!({"error": {"kind": "sandbox", "message": message}})
        );
    } else {
        eprintln!("error: {message}");
    }
}

pub async fn run(args: SandboxArgs, json: bool) -> Outcome {
    let config = match args.config() {
        Ok(c) => c,
        Err(e) => {
            report(json, &e);
            return Outcome::Usage;
        }
    };
    let sandbox = match Sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            report(
                json,
                &format!("could not start the sandbox on port {}: {e}", args.port),
            );
            return Outcome::Failed;
        }
    };
    if json {
        println!(
            "{}",
            json!({"base_url": sandbox.base_url(), "account_sid": sandbox.account_sid()})
        );
    } else {
        println!("{}", sandbox.base_url());
        eprintln!(
            "Sandbox for account {} is listening. Stop it with Ctrl-C.",
            sandbox.account_sid()
        );
    }
    let _ = std::io::stdout().flush();
    wait_for_stop().await;
    sandbox.shutdown().await;
    Outcome::Success
}

/// Ctrl-C, or SIGTERM on Unix.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        a: SandboxArgs,
    }

    #[test]
    fn defaults_are_the_demo_account() {
        let t = T::parse_from(["t"]);
        let c = t.a.config().unwrap();
        assert_eq!(c.account_sid, DEMO_ACCOUNT_SID);
        assert!(c.seed);
        assert_eq!(c.port, 0);
    }

    #[test]
    fn bad_values_name_the_field() {
        let t = T::parse_from(["t", "--error-rate", "1.5"]);
        assert!(t.a.config().unwrap_err().contains("error_rate"));
        let t = T::parse_from(["t", "--account-sid", "ACxyz"]);
        assert!(t.a.config().unwrap_err().contains("ACxyz"));
        let t = T::parse_from([
            "t",
            "--no-seed",
            "--latency-ms",
            "5",
            "--max-concurrency",
            "3",
        ]);
        let c = t.a.config().unwrap();
        assert!(!c.seed);
        assert_eq!(
            (c.faults.latency_ms, c.faults.max_concurrency),
            (5, Some(3))
        );
    }
}
