//! `plan`, `apply`, `resume` and `rollback`: the CLI front of the core plan / apply engine.
//! Text for people (a plan table, a progress bar on a terminal), `--json` for scripts (the plan
//! summary; one event object per line while applying).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use switchboard_core::engine::{
    self, ApplyError, ApplyOptions, Event, KeptInMemory, Plan, PlanError, SecretSource, StateDir,
    StepKind,
};
use switchboard_core::spec::{Spec, SpecError};
use switchboard_core::validate::Issue;
use switchboard_twilio::{Client, Secret};

use crate::Outcome;
use crate::commands::connect::ConnectArgs;
use crate::commands::output::report_error;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Spec file (.toml or .json).
    pub spec: PathBuf,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Where journals and locks are kept.
    #[arg(long, env = "SWITCHBOARD_STATE_DIR")]
    pub state_dir: Option<PathBuf>,
    /// Steps in flight at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Spec file (.toml or .json).
    pub spec: PathBuf,
    /// Apply without asking.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// Roll back without asking.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Passwords from `SWITCHBOARD_SIP_PASSWORD_<USERNAME>`, else generated and shown once on stderr.
/// What a run keeps aside for its rollback (a number's voice URL with its password) stays in
/// this process's memory: a `switchboard rollback` run later cannot recall it, and says so.
#[derive(Default)]
struct CliSecrets {
    kept: KeptInMemory,
}

impl SecretSource for CliSecrets {
    fn keep(&self, key: &str, secret: &Secret) -> Result<(), String> {
        self.kept.keep(key, secret)
    }

    fn recall(&self, key: &str) -> Result<Option<Secret>, String> {
        self.kept.recall(key)
    }

    fn forget(&self, key: &str) -> Result<(), String> {
        self.kept.forget(key)
    }

    fn password(&self, list: &str, username: &str) -> Result<Secret, String> {
        let var: String = username
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        if let Ok(p) = std::env::var(format!("SWITCHBOARD_SIP_PASSWORD_{var}")) {
            return Ok(Secret::new(p));
        }
        let p = engine::generate_password()?;
        eprintln!(
            "Generated SIP password for '{username}' in '{list}': {} (shown once: store it now)",
            p.expose()
        );
        Ok(p)
    }
}

pub async fn plan(a: PlanArgs, json: bool) -> Outcome {
    let client = match a.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    match make_plan(&a.spec, &client, json).await {
        Ok(p) => {
            if json {
                println!("{}", p.summary_json());
            } else {
                print_plan(&p);
            }
            Outcome::Success
        }
        Err(o) => o,
    }
}

pub async fn apply(a: ApplyArgs, json: bool) -> Outcome {
    let client = match a.run.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let p = match make_plan(&a.spec, &client, json).await {
        Ok(p) => p,
        Err(o) => return o,
    };
    if !json {
        print_plan(&p);
    }
    if p.is_empty() {
        if !json {
            eprintln!("Nothing to do: the account already matches the spec.");
        }
        return Outcome::Success;
    }
    if !a.yes
        && !confirm(&format!(
            "Apply {} change(s) to {}?",
            p.changes().count(),
            p.account_sid
        ))
    {
        return Outcome::Usage;
    }
    let opts = options(&a.run);
    let total = p.changes().count();
    let mut sink = sink(json, total);
    finish(engine::apply(p, &client, &opts, &mut sink).await, json)
}

pub async fn resume(a: RunArgs, json: bool) -> Outcome {
    let client = match a.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let opts = options(&a);
    let mut sink = sink(json, 0);
    finish(engine::resume(&client, &opts, &mut sink).await, json)
}

pub async fn rollback(a: RollbackArgs, json: bool) -> Outcome {
    let client = match a.run.connect.client(json) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let opts = options(&a.run);
    let account = client.account_sid().to_string();
    if let Ok(Some(j)) = opts.state_dir.load(&account)
        && !json
    {
        eprintln!(
            "Last run {} for {}: {:?}, {} step(s) done.",
            j.run_id,
            j.plan.title,
            j.phase,
            j.done_count()
        );
    }
    if !a.yes && !confirm("Revert everything that run did?") {
        return Outcome::Usage;
    }
    let mut sink = sink(json, 0);
    finish(engine::rollback(&client, &opts, &mut sink).await, json)
}

pub(crate) fn options(r: &RunArgs) -> ApplyOptions {
    let dir = r
        .state_dir
        .clone()
        .map(StateDir)
        .unwrap_or_else(StateDir::default_location);
    let mut o = ApplyOptions::new(dir, Arc::new(CliSecrets::default()));
    o.concurrency = r.concurrency.max(1);
    let cancel = o.cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("Cancelling: finishing the steps in flight, then rolling back…");
            cancel.cancel();
        }
    });
    o
}

async fn make_plan(path: &std::path::Path, client: &Client, json: bool) -> Result<Plan, Outcome> {
    let spec = Spec::from_path(path).map_err(|e| match e {
        SpecError::Invalid { issues } => report_issues(&issues, json),
        SpecError::Read { .. } => {
            eprintln!("error: {e}");
            Outcome::Usage
        }
    })?;
    engine::plan(&spec, client).await.map_err(|e| match e {
        PlanError::Invalid { issues } => report_issues(&issues, json),
        PlanError::Twilio(e) => {
            report_error(&e, json);
            Outcome::Failed
        }
    })
}

fn report_issues(issues: &[Issue], json: bool) -> Outcome {
    if json {
        println!("{}", serde_json::json!({ "issues": issues }));
    } else {
        eprintln!("The spec has {} problem(s):", issues.len());
        for i in issues {
            let at = if i.path.is_empty() { "(spec)" } else { &i.path };
            eprintln!("  {at}: {}", i.message);
            if let Some(h) = &i.hint {
                eprintln!("      hint: {h}");
            }
        }
    }
    Outcome::Usage
}

pub(crate) fn print_plan(p: &Plan) {
    println!(
        "Plan for {} on {} ({} change(s)):",
        p.title,
        p.account_sid,
        p.changes().count()
    );
    for s in &p.steps {
        let after = if s.depends_on.is_empty() {
            String::new()
        } else {
            format!(
                "  (after {})",
                s.depends_on
                    .iter()
                    .map(|d| format!("#{d}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mark = if s.kind == StepKind::Satisfied {
            "  "
        } else {
            "→ "
        };
        println!(
            "{mark}#{:<3} {:<10} {}{after}",
            s.id,
            s.kind.as_str(),
            s.description
        );
    }
}

pub(crate) fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "Refusing to change the account without confirmation: pass --yes (stdin is not a terminal)."
        );
        return false;
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    matches!(line.trim(), "y" | "Y" | "yes" | "Yes")
}

pub(crate) fn sink(json: bool, total: usize) -> impl FnMut(&Event) + Send {
    let bar = (!json && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(total as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    move |e: &Event| {
        if json {
            println!("{}", serde_json::to_string(e).unwrap_or_default());
            return;
        }
        let line = match e {
            Event::RunStarted { run_id, .. } => format!("Run {run_id} started"),
            Event::StepStarted { description, .. } => description.clone(),
            Event::StepSucceeded { id, sid } => {
                format!("✓ #{id} {}", sid.clone().unwrap_or_default())
            }
            Event::StepSkipped { .. } => return,
            Event::StepFailed { id, error } => format!("✗ #{id} failed: {error}"),
            Event::RollbackStarted { reason } => format!("Rolling back ({reason})"),
            Event::StepReverted { id, description } => format!("↶ #{id} reverted: {description}"),
            Event::RevertFailed { id, error } => format!("✗ #{id} could not be reverted: {error}"),
            Event::Finished { ok, rolled_back } => {
                format!("Finished: ok={ok} rolled_back={rolled_back}")
            }
        };
        match &bar {
            Some(b) => {
                if let Event::StepSucceeded { .. } = e {
                    b.inc(1);
                }
                if let Event::RunStarted { steps, .. } = e
                    && b.length() == Some(0)
                {
                    b.set_length(*steps as u64);
                }
                if let Event::StepFailed { .. }
                | Event::StepReverted { .. }
                | Event::RevertFailed { .. } = e
                {
                    // Kept above the bar: a step undone only in part says what is left to do.
                    b.println(&line);
                }
                b.set_message(line);
                if let Event::Finished { .. } = e {
                    b.finish();
                }
            }
            None => eprintln!("{line}"),
        }
    }
}

pub(crate) fn finish(r: Result<engine::Journal, ApplyError>, json: bool) -> Outcome {
    match r {
        Ok(j) => {
            if !json {
                eprintln!("Done: run {} is {:?}.", j.run_id, j.phase);
            }
            Outcome::Success
        }
        Err(e) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({"error": {"kind": "apply", "message": e.to_string()}})
                );
            } else {
                eprintln!("error: {e}");
            }
            match e {
                ApplyError::Twilio(ref t) if t.is_unauthorized() => Outcome::Usage,
                _ => Outcome::Failed,
            }
        }
    }
}
