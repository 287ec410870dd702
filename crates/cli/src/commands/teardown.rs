//! `teardown TRUNK`: removes an Elastic SIP trunk with the reviewed plan the desktop inventory
//! uses (numbers detached, never released; lists another trunk or SIP domain uses are kept),
//! shown as the same plan table as `apply`, confirmed unless `--yes`, applied with the same
//! progress, journal, lock and rollback. `--json` prints one event object per line.

use clap::Args;
use futures::TryStreamExt;
use switchboard_core::engine::{self, PlanError};
use switchboard_core::validate::Issue;
use switchboard_twilio::{Client, TrunkSid};

use crate::Outcome;
use crate::commands::engine::{RunArgs, confirm, finish, options, print_plan, sink};
use crate::commands::output::report_error;

#[derive(Debug, Args)]
pub struct TeardownArgs {
    /// The Elastic SIP trunk to remove: its name or its SID (TK…).
    pub trunk: String,
    /// Remove without asking.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

pub async fn run(a: TeardownArgs, json: bool) -> Outcome {
    let client = match a.run.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let sid = match resolve(&client, &a.trunk).await {
        Ok(s) => s,
        Err(Resolve::Refused(issue)) => return report(&[issue], json),
        Err(Resolve::Twilio(e)) => {
            report_error(&e, json);
            return Outcome::Failed;
        }
    };
    let p = match engine::teardown(&client, sid.as_str()).await {
        Ok(p) => p,
        Err(PlanError::Invalid { issues }) => return report(&issues, json),
        Err(PlanError::Twilio(e)) => {
            report_error(&e, json);
            return Outcome::Failed;
        }
    };
    if !json {
        print_plan(&p);
    }
    let changes = p.changes().count();
    if !a.yes
        && !confirm(&format!(
            "Remove {} from {} ({changes} change(s); numbers are detached, never released)?",
            p.title, p.account_sid
        ))
    {
        return Outcome::Usage;
    }
    let opts = options(&a.run);
    let mut sink = sink(json, changes);
    finish(engine::apply(p, &client, &opts, &mut sink).await, json)
}

enum Resolve {
    Refused(Issue),
    Twilio(switchboard_twilio::Error),
}

/// The trunk's SID: the argument itself when it is a trunk SID, else the one trunk with that
/// name (exactly, else ignoring case). No trunk or several with the name is refused.
async fn resolve(client: &Client, arg: &str) -> Result<TrunkSid, Resolve> {
    let arg = arg.trim();
    if let Ok(sid) = TrunkSid::parse(arg) {
        return Ok(sid);
    }
    if arg.is_empty() {
        return Err(Resolve::Refused(
            Issue::error(
                "trunk",
                "no trunk given: pass the trunk's name or SID (TK…)",
            )
            .with_hint("`switchboard trunks list` shows the account's trunks"),
        ));
    }
    let trunks: Vec<_> = client
        .list_trunks()
        .try_collect()
        .await
        .map_err(Resolve::Twilio)?;
    let named = |exact: bool| -> Vec<&switchboard_twilio::Trunk> {
        trunks
            .iter()
            .filter(|t| {
                let n = t.friendly_name.as_deref().unwrap_or_default();
                if exact {
                    n == arg
                } else {
                    n.eq_ignore_ascii_case(arg)
                }
            })
            .collect()
    };
    let mut found = named(true);
    if found.is_empty() {
        found = named(false);
    }
    match found.as_slice() {
        [one] => Ok(one.sid.clone()),
        [] => Err(Resolve::Refused(
            Issue::error(
                "trunk",
                format!("'{arg}' is neither the name nor the SID of an Elastic SIP trunk on this account"),
            )
            .with_hint("`switchboard trunks list` shows the account's trunks"),
        )),
        many => Err(Resolve::Refused(
            Issue::error(
                "trunk",
                format!(
                    "{} trunks are named '{arg}' ({}); pass the SID of the one to remove",
                    many.len(),
                    many.iter()
                        .map(|t| t.sid.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        )),
    }
}

fn report(issues: &[Issue], json: bool) -> Outcome {
    if json {
        println!("{}", serde_json::json!({ "issues": issues }));
    } else {
        eprintln!("Cannot remove the trunk:");
        for i in issues {
            eprintln!("  {}: {}", i.path, i.message);
            if let Some(h) = &i.hint {
                eprintln!("      hint: {h}");
            }
        }
    }
    Outcome::Usage
}
