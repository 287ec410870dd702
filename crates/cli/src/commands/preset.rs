//! `switchboard preset …`: list the interop presets, show a preset's questions, build a spec
//! and a far-side sheet from an answers file, and register a built Bolna trunk on Bolna.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;
use switchboard_core::export::{Format, export_text as export, sheet_html, sheet_pdf};
use switchboard_core::preset::{self, Answers, Built, Catalog};
use switchboard_core::validate::Issue;
use switchboard_twilio::Secret;

use crate::Outcome;

#[derive(Debug, Subcommand)]
pub enum PresetCommand {
    /// List the presets (built-in and from --presets-dir).
    List(CatalogArgs),
    /// Show a preset's questions.
    Show {
        name: String,
        #[command(flatten)]
        catalog: CatalogArgs,
    },
    /// Build a spec and a far-side sheet from an answers file.
    Build(BuildArgs),
    /// Register the Twilio trunk built from Bolna answers on Bolna (API key from BOLNA_API_KEY).
    RegisterBolna(RegisterArgs),
    /// Run a local stand-in for Bolna's SIP trunk API (for demos) until Ctrl-C.
    BolnaStandIn {
        /// TCP port on 127.0.0.1 (0 = any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The API key the stand-in accepts.
        #[arg(long, env = "BOLNA_API_KEY", hide_env_values = true)]
        bolna_api_key: String,
    },
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A directory of extra preset files (*.toml).
    #[arg(long, env = "SWITCHBOARD_PRESETS_DIR")]
    pub presets_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    pub name: String,
    /// Answers file (TOML: question id = value).
    #[arg(long)]
    pub answers: PathBuf,
    /// Write the spec here (.toml or .json); printed when absent.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write the far-side sheet here: PDF when the name ends in .pdf, else printable HTML.
    #[arg(long)]
    pub sheet: Option<PathBuf>,
    #[command(flatten)]
    pub catalog: CatalogArgs,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Answers file for the bolna preset.
    pub answers: PathBuf,
    /// Bolna's API base URL.
    #[arg(long, default_value = "https://api.bolna.ai")]
    pub bolna_base_url: String,
    /// Bolna API key.
    #[arg(long, env = "BOLNA_API_KEY", hide_env_values = true)]
    pub bolna_api_key: Option<String>,
    #[command(flatten)]
    pub catalog: CatalogArgs,
}

fn fail(json: bool, kind: &str, message: &str) -> Outcome {
    if json {
        println!("{}", json!({"error": {"kind": kind, "message": message}}));
    } else {
        eprintln!("error: {message}");
    }
    Outcome::Failed
}

fn issues_out(json: bool, issues: &[Issue]) -> Outcome {
    if json {
        println!(
            "{}",
            json!({"error": {"kind": "invalid_answers", "issues": issues}})
        );
    } else {
        for i in issues {
            eprintln!("{}: {}: {}", i.severity.as_str(), i.path, i.message);
            if let Some(h) = &i.hint {
                eprintln!("  hint: {h}");
            }
        }
    }
    Outcome::Usage
}

fn catalog(c: &CatalogArgs) -> Result<Catalog, String> {
    match &c.presets_dir {
        Some(d) => Catalog::with_dir(d).map_err(|e| e.to_string()),
        None => Ok(Catalog::builtin()),
    }
}

fn read_answers(path: &Path) -> Result<Answers, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("could not read {}: {e}", path.display()))?;
    let t: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{} is not valid TOML: {e}", path.display()))?;
    serde_json::to_value(t)
        .and_then(serde_json::from_value)
        .map_err(|e| e.to_string())
}

fn build(name: &str, answers: &Path, c: &CatalogArgs, json: bool) -> Result<Built, Outcome> {
    let cat = catalog(c).map_err(|e| fail(json, "preset", &e))?;
    let p = cat
        .get(name)
        .map_err(|e| fail(json, "preset", &e.to_string()))?;
    let a = read_answers(answers).map_err(|e| fail(json, "answers", &e))?;
    preset::build(p, &a).map_err(|i| issues_out(json, &i))
}

pub async fn run(cmd: PresetCommand, json: bool) -> Outcome {
    match cmd {
        PresetCommand::List(c) => match catalog(&c) {
            Err(e) => fail(json, "preset", &e),
            Ok(cat) => {
                if json {
                    let list: Vec<_> = cat
                        .presets
                        .iter()
                        .map(|p| json!({"id": p.id, "version": p.version, "title": p.title, "summary": p.summary}))
                        .collect();
                    println!("{}", json!({ "presets": list }));
                } else {
                    for p in &cat.presets {
                        println!("{:<24} {:<8} {}", p.id, p.version, p.summary);
                    }
                }
                Outcome::Success
            }
        },
        PresetCommand::Show { name, catalog: c } => {
            let cat = match catalog(&c) {
                Ok(c) => c,
                Err(e) => return fail(json, "preset", &e),
            };
            let p = match cat.get(&name) {
                Ok(p) => p,
                Err(e) => return fail(json, "preset", &e.to_string()),
            };
            if json {
                println!(
                    "{}",
                    json!({"id": p.id, "version": p.version, "title": p.title, "questions": p.questions})
                );
                return Outcome::Success;
            }
            println!("{} ({} {})\n{}\n", p.title, p.id, p.version, p.summary);
            for q in &p.questions {
                let mut tags = vec![
                    serde_json::to_value(q.kind)
                        .unwrap_or_default()
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                ];
                match (&q.default, q.unverified) {
                    _ if q.kind == switchboard_core::preset::Kind::SecretGenerated => {
                        tags.push("generated by Switchboard".into())
                    }
                    (_, true) => tags.push("you must enter or confirm it".into()),
                    (Some(d), false) => tags.push(format!("default: {d}")),
                    (None, false) => tags.push("required".into()),
                }
                if let Some(w) = &q.when {
                    tags.push(format!("only when {w}"));
                }
                println!("  {:<24} {} [{}]", q.id, q.label, tags.join("; "));
                for ch in &q.choices {
                    println!("  {:<26}- {} ({})", "", ch.value, ch.label);
                }
                if !q.help.is_empty() {
                    println!("  {:<26}{}", "", q.help);
                }
                if let Some(c) = &q.confirm_with {
                    println!("  {:<26}confirm with {c}", "");
                }
            }
            Outcome::Success
        }
        PresetCommand::Build(a) => {
            let built = match build(&a.name, &a.answers, &a.catalog, json) {
                Ok(b) => b,
                Err(o) => return o,
            };
            let spec_text = match &a.out {
                Some(p) if p.extension().and_then(|e| e.to_str()) == Some("json") => {
                    export(&built.spec, Format::Json)
                }
                _ => export(&built.spec, Format::Toml),
            };
            for (path, text) in a
                .out
                .iter()
                .map(|p| (p, spec_text.clone().into_bytes()))
                .chain(a.sheet.iter().map(|p| {
                    let pdf = p.extension().and_then(|e| e.to_str()) == Some("pdf");
                    let bytes = if pdf {
                        sheet_pdf(&built.sheet)
                    } else {
                        sheet_html(&built.sheet).into_bytes()
                    };
                    (p, bytes)
                }))
            {
                if let Err(e) = std::fs::write(path, text) {
                    return fail(
                        json,
                        "write",
                        &format!("could not write {}: {e}", path.display()),
                    );
                }
            }
            let users: Vec<_> = built
                .secrets
                .iter()
                .filter_map(|s| s.username.clone())
                .collect();
            if json {
                println!(
                    "{}",
                    json!({"preset": built.preset_id, "version": built.preset_version,
                           "spec": serde_json::from_str::<serde_json::Value>(&export(&built.spec, Format::Json)).unwrap_or_default(),
                           "sheet": built.sheet, "warnings": built.warnings, "generated_passwords_for": users})
                );
            } else {
                if a.out.is_none() {
                    print!("{spec_text}");
                }
                for u in users {
                    eprintln!(
                        "note: `switchboard apply` generates the password of {u} and shows it once; enter it where the sheet says \"the generated password\"."
                    );
                }
                for i in &built.warnings {
                    eprintln!("warning: {}: {}", i.path, i.message);
                }
            }
            Outcome::Success
        }
        PresetCommand::RegisterBolna(a) => register(a, json).await,
        PresetCommand::BolnaStandIn {
            port,
            bolna_api_key,
        } => {
            let b = match switchboard_sandbox::bolna::BolnaStandIn::start_on(port, &bolna_api_key)
                .await
            {
                Ok(b) => b,
                Err(e) => return fail(json, "bind", &format!("could not start: {e}")),
            };
            if json {
                println!("{}", json!({"bolna_base_url": b.base_url()}));
            } else {
                println!("Bolna stand-in on {} (Ctrl-C to stop)", b.base_url());
            }
            let _ = tokio::signal::ctrl_c().await;
            Outcome::Success
        }
    }
}

async fn register(a: RegisterArgs, json: bool) -> Outcome {
    let Some(key) = a.bolna_api_key.filter(|k| !k.is_empty()) else {
        return fail(
            json,
            "usage",
            "set BOLNA_API_KEY to your Bolna API key (Bolna dashboard > Developers)",
        );
    };
    let mut built = match build("bolna", &a.answers, &a.catalog, json) {
        Ok(b) => b,
        Err(o) => return o,
    };
    // The digest password must be the one Twilio has: the one `switchboard apply` used.
    for s in &mut built.secrets {
        let Some(u) = &s.username else { continue };
        let var: String = u
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        let var = format!("SWITCHBOARD_SIP_PASSWORD_{var}");
        match std::env::var(&var) {
            Ok(p) if !p.is_empty() => s.password = switchboard_core::secret::Sensitive::new(p),
            _ => {
                return fail(
                    json,
                    "usage",
                    &format!(
                        "set {var} to the password of SIP user {u} (the one `switchboard apply` showed) so Bolna logs in with the password Twilio has"
                    ),
                );
            }
        }
    }
    match preset::bolna::register(&a.bolna_base_url, &Secret::new(key), &built).await {
        Ok(r) => {
            if json {
                println!("{}", json!({ "registered": r }));
            } else {
                println!(
                    "Bolna trunk {} ({}); numbers added: {}; already there: {}",
                    r.trunk_id,
                    if r.reused_trunk {
                        "already existed"
                    } else {
                        "created"
                    },
                    if r.added_numbers.is_empty() {
                        "none".into()
                    } else {
                        r.added_numbers.join(", ")
                    },
                    if r.existing_numbers.is_empty() {
                        "none".into()
                    } else {
                        r.existing_numbers.join(", ")
                    },
                );
            }
            Outcome::Success
        }
        Err(e) => fail(json, "bolna", &e.to_string()),
    }
}
