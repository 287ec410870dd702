//! `switchboard export SPEC --format …`: a spec as TOML / JSON, Terraform HCL, a twilio-cli
//! script or a printable far-side sheet (HTML). Nothing exported contains a password.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use switchboard_core::export::{Format, export};
use switchboard_core::spec::Spec;

use crate::Outcome;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Spec file (.toml or .json).
    pub spec: PathBuf,
    /// toml, json, terraform, twilio-cli, sheet-html or sheet-pdf.
    #[arg(long, value_parser = |s: &str| s.parse::<Format>())]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(a: ExportArgs, json: bool) -> Outcome {
    let spec = match Spec::from_path(&a.spec) {
        Ok(s) => s,
        Err(e) => {
            if json {
                println!(
                    "{}",
                    json!({"error": {"kind": "spec", "message": e.to_string()}})
                );
            } else {
                eprintln!("error: {}: {e}", a.spec.display());
            }
            return Outcome::Usage;
        }
    };
    let text = export(&spec, a.format);
    match &a.out {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &text) {
                eprintln!("error: could not write {}: {e}", p.display());
                return Outcome::Failed;
            }
            if json {
                println!(
                    "{}",
                    json!({"written": p.display().to_string(), "bytes": text.len()})
                );
            }
        }
        None => {
            use std::io::Write;
            if let Err(e) = std::io::stdout().write_all(&text) {
                eprintln!("error: could not write the export: {e}");
                return Outcome::Failed;
            }
        }
    }
    Outcome::Success
}
