//! `switchboard account`: verifies the credentials and prints the account's friendly name (or,
//! for an API key, which may not read the Account resource, its SID).

use clap::Args;
use serde_json::json;

use crate::Outcome;
use crate::commands::connect::ConnectArgs;
use crate::commands::output::report_error;

#[derive(Debug, Args)]
pub struct AccountArgs {
    #[command(flatten)]
    connect: ConnectArgs,
}

pub async fn run(args: AccountArgs, json: bool) -> Outcome {
    let client = match args.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    match client.verify().await {
        Ok(account) => {
            let name = account
                .friendly_name
                .clone()
                .unwrap_or_else(|| account.sid.to_string());
            let status = account.status.clone().unwrap_or_else(|| "unknown".into());
            if json {
                let v = json!({
                    "sid": account.sid, "friendly_name": name, "status": status,
                    "type": account.kind, "credential": client.credentials().kind(),
                });
                println!("{v}");
            } else {
                println!("{name}");
                println!(
                    "  sid: {}  status: {status}  credential: {}",
                    account.sid,
                    client.credentials().kind()
                );
            }
            // A key cannot read the account's status (see `Client::verify`); any answer is proof.
            if matches!(account.status.as_deref(), Some("suspended" | "closed")) {
                Outcome::Failed
            } else {
                Outcome::Success
            }
        }
        Err(e) => {
            report_error(&e, json);
            Outcome::Failed
        }
    }
}
