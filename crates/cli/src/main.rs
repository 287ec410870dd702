//! `switchboard`: the headless front of the same engine the desktop app uses.
//!
//! Exit status: 0 on success, 1 when an operation was refused or failed, 2 on a usage error
//! (clap exits with 2 on its own for malformed command lines).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

#[derive(Debug, Parser)]
#[command(
    name = "switchboard",
    version,
    about = "Set up Twilio SIP connectivity from the command line"
)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check that SIP endpoints answer: DNS, SIP OPTIONS over UDP/TCP/TLS, certificates.
    Check(commands::check::CheckArgs),
    /// Verify the credentials and print the account's friendly name.
    Account(commands::account::AccountArgs),
    /// Elastic SIP trunks on the account.
    #[command(subcommand)]
    Trunks(commands::lists::TrunksCommand),
    /// Phone numbers on the account.
    #[command(subcommand)]
    Numbers(commands::lists::NumbersCommand),
    /// Check phone numbers and normalise them to E.164.
    #[command(subcommand)]
    Number(commands::number::NumberCommand),
    /// Check a phone dial plan (digit map) and simulate dialling.
    #[command(subcommand)]
    Dialplan(commands::dialplan::DialplanCommand),
    /// Run the simulated Twilio account on 127.0.0.1 until Ctrl-C.
    Sandbox(commands::sandbox::SandboxArgs),
    /// Show what applying a spec would change.
    Plan(commands::engine::PlanArgs),
    /// Apply a spec (asks first unless --yes).
    Apply(commands::engine::ApplyArgs),
    /// Continue an interrupted apply from its journal.
    Resume(commands::engine::RunArgs),
    /// Revert what the last apply did.
    Rollback(commands::engine::RollbackArgs),
    /// Remove an Elastic SIP trunk (by name or SID): numbers are detached, never released;
    /// lists other trunks or SIP domains use are kept. Asks first unless --yes.
    Teardown(commands::teardown::TeardownArgs),
    /// Interop presets (Genesys Cloud BYOC, Bolna, …): questions, build, register.
    #[command(subcommand)]
    Preset(commands::preset::PresetCommand),
    /// Export a spec as TOML, JSON, Terraform, a twilio-cli script or a far-side sheet.
    Export(commands::export::ExportArgs),
}

/// What every command returns: the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for succeeded (exit 0).
    Success,
    /// The operation was refused or failed (exit 1).
    Failed,
    /// The command line or its inputs were malformed (exit 2).
    Usage,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Failed => ExitCode::from(1),
            Outcome::Usage => ExitCode::from(2),
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    let outcome: Outcome = match cli.command {
        Command::Check(a) => commands::check::run(a, json).await,
        Command::Account(a) => commands::account::run(a, json).await,
        Command::Trunks(c) => commands::lists::trunks(c, json).await,
        Command::Numbers(c) => commands::lists::numbers(c, json).await,
        Command::Number(c) => commands::number::run(c, json),
        Command::Dialplan(c) => commands::dialplan::run(c, json),
        Command::Sandbox(a) => commands::sandbox::run(a, json).await,
        Command::Plan(a) => commands::engine::plan(a, json).await,
        Command::Apply(a) => commands::engine::apply(a, json).await,
        Command::Resume(a) => commands::engine::resume(a, json).await,
        Command::Rollback(a) => commands::engine::rollback(a, json).await,
        Command::Teardown(a) => commands::teardown::run(a, json).await,
        Command::Preset(c) => commands::preset::run(c, json).await,
        Command::Export(a) => commands::export::run(a, json),
    };
    outcome.into()
}
