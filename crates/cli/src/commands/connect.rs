//! How a command finds its Twilio account: flags or the environment, never printed.
//!
//! `TWILIO_ACCOUNT_SID` with `TWILIO_AUTH_TOKEN`, or `TWILIO_API_KEY` + `TWILIO_API_SECRET` (with
//! the Account SID); `--base-url` / `SWITCHBOARD_BASE_URL` sends every Twilio host to one URL,
//! such as a sandbox's; `--region` with `--edge` selects Twilio's regional hosts.

use clap::Args;
use switchboard_twilio::{Client, Credentials, Endpoints, Error, Secret};

use crate::Outcome;
use crate::commands::output::report_error;

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Account SID (AC…).
    #[arg(long, env = "TWILIO_ACCOUNT_SID")]
    pub account_sid: Option<String>,
    /// Auth Token of the account.
    #[arg(long, env = "TWILIO_AUTH_TOKEN", hide_env_values = true)]
    pub auth_token: Option<String>,
    /// API key SID (SK…), used instead of the Auth Token.
    #[arg(long, env = "TWILIO_API_KEY")]
    pub api_key: Option<String>,
    /// API key secret.
    #[arg(long, env = "TWILIO_API_SECRET", hide_env_values = true)]
    pub api_secret: Option<String>,
    /// Send the requests for every Twilio host to this URL (e.g. a sandbox's).
    #[arg(long, env = "SWITCHBOARD_BASE_URL")]
    pub base_url: Option<String>,
    /// Twilio region for region-pinned accounts (e.g. ie1); needs --edge.
    #[arg(long, env = "TWILIO_REGION", requires = "edge")]
    pub region: Option<String>,
    /// Twilio edge location (e.g. dublin); needs --region.
    #[arg(long, env = "TWILIO_EDGE", requires = "region")]
    pub edge: Option<String>,
}

impl ConnectArgs {
    /// Builds a client, or reports why not (exit 2 for missing or malformed credentials).
    pub fn client(&self, json: bool) -> Result<Client, Outcome> {
        let credentials = self.credentials().map_err(|e| {
            report_error(&e, json);
            Outcome::Usage
        })?;
        let endpoints = match (&self.base_url, &self.region, &self.edge) {
            (Some(url), _, _) => Endpoints::single(url),
            (None, Some(region), Some(edge)) => Endpoints::regional(region, edge),
            _ => Endpoints::twilio(),
        };
        Client::new(credentials, endpoints).map_err(|e| {
            report_error(&e, json);
            Outcome::Failed
        })
    }

    fn credentials(&self) -> Result<Credentials, Error> {
        let missing = |field: &str, rule: &str| Error::InvalidInput {
            field: field.into(),
            value: String::new(),
            rule: rule.into(),
        };
        let account = self.account_sid.as_deref().ok_or_else(|| {
            missing(
                "account_sid",
                "required: pass --account-sid or set TWILIO_ACCOUNT_SID",
            )
        })?;
        match (&self.api_key, &self.api_secret, &self.auth_token) {
            (Some(key), Some(secret), _) => {
                Credentials::api_key(account, key, Secret::new(secret.clone()))
            }
            (Some(_), None, _) => Err(missing(
                "api_secret",
                "required with an API key: pass --api-secret or set TWILIO_API_SECRET",
            )),
            (None, _, Some(token)) => Credentials::auth_token(account, Secret::new(token.clone())),
            (None, _, None) => Err(missing(
                "auth_token",
                "required: pass --auth-token or set TWILIO_AUTH_TOKEN (or use an API key)",
            )),
        }
    }
}
