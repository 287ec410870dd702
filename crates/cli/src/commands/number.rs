//! `switchboard number check`: validates phone numbers (arguments or a list/CSV file) and
//! normalises them to E.164, one result per number. Exit 0 when all are valid, 1 when any is
//! not, 2 on usage errors.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;
use switchboard_core::validate::phone::{NumberCheck, Region, check_numbers, split_number_list};

use crate::Outcome;

#[derive(Debug, Subcommand)]
pub enum NumberCommand {
    /// Check numbers and print their E.164 form, region and type.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Numbers to check, e.g. '+44 20 7946 0958' or 2079460958 with --region GB.
    numbers: Vec<String>,
    /// Region for numbers written without +<country code> (two letters, e.g. GB, US).
    #[arg(long)]
    region: Option<String>,
    /// A text or CSV file with one number per line (the first field with digits is used).
    #[arg(long)]
    file: Option<PathBuf>,
}

fn usage(message: &str, json: bool) -> Outcome {
    if json {
        println!(
            "{}",
            json!({"error": {"kind": "usage", "message": message}})
        );
    } else {
        eprintln!("error: {message}");
    }
    Outcome::Usage
}

pub fn run(cmd: NumberCommand, json: bool) -> Outcome {
    match cmd {
        NumberCommand::Check(args) => check(args, json),
    }
}

fn check(args: CheckArgs, json: bool) -> Outcome {
    let region = match args.region.as_deref().map(Region::parse).transpose() {
        Ok(r) => r,
        Err(e) => return usage(&e, json),
    };
    let mut inputs = args.numbers;
    if let Some(path) = &args.file {
        match std::fs::read_to_string(path) {
            Ok(text) => inputs.extend(split_number_list(&text)),
            Err(e) => return usage(&format!("cannot read {}: {e}", path.display()), json),
        }
    }
    if inputs.is_empty() {
        let why = if args.file.is_some() {
            "the file lists no numbers"
        } else {
            "give at least one number, or --file with a list"
        };
        return usage(why, json);
    }
    let mut results = check_numbers(&inputs, region);
    for r in &mut results {
        if let Some(e) = cli_error(r) {
            r.error = Some(e);
        }
        if json {
            println!("{}", serde_json::to_string(r).unwrap_or_default());
        } else {
            print_text(r);
        }
    }
    if results.iter().all(|r| r.valid) {
        Outcome::Success
    } else {
        Outcome::Failed
    }
}

/// The CLI's words for a number written without a country code: this command can be given the
/// region instead (`--region`), which the core's advice cannot know about.
fn cli_error(r: &NumberCheck) -> Option<String> {
    let readings = r.no_country_code.as_deref()?;
    let regions: Vec<String> = readings
        .iter()
        .map(|x| format!("--region {}", x.region))
        .collect();
    let choose = match regions.as_slice() {
        [] => "choose its region with --region (e.g. --region GB)".to_string(),
        [one] => format!("choose a region ({one})"),
        [first @ .., last] => format!("choose a region ({} or {last})", first.join(", ")),
    };
    Some(format!(
        "`{}` has no country code: {choose} or write it as +<country code><number>",
        r.input.trim()
    ))
}

fn print_text(r: &NumberCheck) {
    match (&r.error, &r.e164) {
        (None, Some(e164)) => {
            let kind = r.kind.map(|k| k.describe()).unwrap_or("unknown type");
            let region = r.region.as_deref().unwrap_or("non-geographic");
            println!("ok       {}  ->  {e164}  ({region}, {kind})", r.input);
        }
        (error, _) => println!(
            "invalid  {}  ->  {}",
            r.input,
            error.as_deref().unwrap_or("not a valid number")
        ),
    }
}
