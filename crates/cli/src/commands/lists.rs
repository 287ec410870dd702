//! `switchboard trunks list` and `switchboard numbers list`: every item of every page, printed
//! as it arrives (a table for people; with `--json`, one JSON object per line).

use clap::{Args, Subcommand};
use futures::{Stream, StreamExt};
use serde_json::{Value, json};
use switchboard_twilio::{Error, NumberFilter};

use crate::Outcome;
use crate::commands::connect::ConnectArgs;
use crate::commands::output::report_error;

#[derive(Debug, Subcommand)]
pub enum TrunksCommand {
    /// List the account's Elastic SIP trunks.
    List(ListArgs),
}

#[derive(Debug, Subcommand)]
pub enum NumbersCommand {
    /// List the account's phone numbers (every page).
    List(NumbersListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    connect: ConnectArgs,
}

#[derive(Debug, Args)]
pub struct NumbersListArgs {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Only numbers matching this (full or partial; `*` matches one digit).
    #[arg(long)]
    filter: Option<String>,
    /// Items per page requested from Twilio (1–1000).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=1000))]
    page_size: u32,
}

pub async fn trunks(cmd: TrunksCommand, json: bool) -> Outcome {
    let TrunksCommand::List(args) = cmd;
    let client = match args.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    print_all(
        client.list_trunks(),
        json,
        &["SID", "NAME", "TERMINATION DOMAIN"],
        |t| {
            (
                json!({"sid": t.sid, "friendly_name": t.friendly_name, "domain_name": t.domain_name,
                   "secure": t.secure, "auth_type": t.auth_type}),
                vec![
                    t.sid.to_string(),
                    t.friendly_name.clone().unwrap_or_default(),
                    t.domain_name.clone().unwrap_or_default(),
                ],
            )
        },
    )
    .await
}

pub async fn numbers(cmd: NumbersCommand, json: bool) -> Outcome {
    let NumbersCommand::List(args) = cmd;
    let client = match args.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let filter = NumberFilter {
        phone_number: args.filter.clone(),
        page_size: Some(args.page_size),
        ..Default::default()
    };
    print_all(client.list_incoming_phone_numbers(&filter), json, &["NUMBER", "SID", "ROUTES TO", "NAME"], |n| {
        let routes = match (&n.trunk_sid, &n.voice_url) {
            (Some(t), _) => format!("trunk {t}"),
            (None, Some(u)) if !u.is_empty() => u.clone(),
            _ => "-".into(),
        };
        (
            json!({"sid": n.sid, "phone_number": n.phone_number, "friendly_name": n.friendly_name,
                   "trunk_sid": n.trunk_sid, "voice_url": n.voice_url}),
            vec![n.phone_number.clone(), n.sid.to_string(), routes, n.friendly_name.clone().unwrap_or_default()],
        )
    })
    .await
}

/// Prints items as they stream in; on an error mid-way, what was printed stays and exit is 1.
async fn print_all<T>(
    items: impl Stream<Item = Result<T, Error>>,
    json: bool,
    header: &[&str],
    row: impl Fn(&T) -> (Value, Vec<String>),
) -> Outcome {
    let mut items = std::pin::pin!(items);
    let mut count = 0usize;
    if !json {
        println!("{}", header.join("\t"));
    }
    while let Some(item) = items.next().await {
        match item {
            Ok(t) => {
                let (v, cells) = row(&t);
                if json {
                    println!("{v}")
                } else {
                    println!("{}", cells.join("\t"))
                }
                count += 1;
            }
            Err(e) => {
                report_error(&e, json);
                return Outcome::Failed;
            }
        }
    }
    if !json {
        eprintln!("{count} listed");
    }
    Outcome::Success
}
