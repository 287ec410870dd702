//! Interop presets in the app (Genesys Cloud BYOC, Bolna and the generic ones): the list, one
//! preset's questions as a form, the answers checked as the user types (which questions apply,
//! their defaults, every problem), a build into a spec plus the far-side sheet, the sheet saved
//! as HTML or PDF, and reading an imported spec file. Only `export_dir` touches Tauri (the app's
//! folders), so the command tests and the app run the same code. Bolna is in `bolna.rs`.
//!
//! Passwords the presets need are not generated here: the Review step's secret field generates
//! them in the window and hands them to the keychain (`set_sip_password`), so no response ever
//! carries one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use switchboard_core::export::{sheet_html, sheet_pdf};
use switchboard_core::preset::template::Template;
use switchboard_core::preset::{self, Answers, Catalog, Kind, Preset, Sheet};
use switchboard_core::spec::{self, Spec, SpecError};
use switchboard_core::validate::Issue;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::{AppError, AppResult, Code};
use crate::state::AppState;

use super::preset_view::*;

/// The largest spec file the import reads (a spec is a few kilobytes).
pub const MAX_SPEC_FILE: usize = 1024 * 1024;

fn catalog() -> Catalog {
    Catalog::builtin()
}

fn find(c: &Catalog, id: &str) -> AppResult<Preset> {
    c.get(id).cloned().map_err(|_| {
        let known: Vec<_> = c.presets.iter().map(|p| p.id.as_str()).collect();
        AppError::invalid(
            "presetId",
            format!(
                "There is no preset `{id}`. The presets are: {}.",
                known.join(", ")
            ),
        )
    })
}

pub fn list() -> Vec<PresetSummary> {
    catalog()
        .presets
        .into_iter()
        .map(|p| PresetSummary {
            id: p.id,
            version: p.version,
            title: p.title,
            summary: p.summary,
        })
        .collect()
}

fn words(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(words).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

pub fn form(id: &str) -> AppResult<PresetForm> {
    let p = find(&catalog(), id)?;
    let clamp = |n: Option<i64>| n.map(|n| n.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
    Ok(PresetForm {
        id: p.id,
        version: p.version,
        title: p.title,
        summary: p.summary,
        questions: p
            .questions
            .into_iter()
            .map(|q| QuestionView {
                kind: q.kind.into(),
                has_default: q.default.is_some(),
                choices: q
                    .choices
                    .into_iter()
                    .map(|c| ChoiceView {
                        value: c.value,
                        label: c.label,
                        details: c
                            .data
                            .iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    words(&serde_json::to_value(v).unwrap_or_default()),
                                )
                            })
                            .collect(),
                    })
                    .collect(),
                id: q.id,
                label: q.label,
                help: q.help,
                unverified: q.unverified,
                confirm_with: q.confirm_with,
                pattern_rule: q.pattern_rule,
                min: clamp(q.min),
                max: clamp(q.max),
                username_from: q.username_from,
            })
            .collect(),
    })
}

/// The answers without empty ones (an empty field means "not answered": the default applies).
fn given(answers: &BTreeMap<String, Value>) -> Answers {
    answers
        .iter()
        .filter(|(_, v)| match v {
            Value::Null => false,
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// An answer as the templates see it (a choice as its value, label and data).
fn template_value(p: &Preset, id: &str, v: &Value) -> Value {
    let Some(q) = p.questions.iter().find(|q| q.id == id) else {
        return v.clone();
    };
    match q.kind {
        Kind::Choice => {
            let s = v.as_str().unwrap_or_default();
            match q.choices.iter().find(|c| c.value == s) {
                Some(c) => {
                    let mut o = serde_json::Map::new();
                    o.insert("value".into(), c.value.clone().into());
                    o.insert("label".into(), c.label.clone().into());
                    for (k, d) in &c.data {
                        o.insert(k.clone(), serde_json::to_value(d).unwrap_or_default());
                    }
                    Value::Object(o)
                }
                None => v.clone(),
            }
        }
        Kind::NumberList | Kind::Ipv4List => match v {
            Value::String(s) => Value::Array(
                s.split([',', ';', '\n', ' ', '\t'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.into()))
                    .collect(),
            ),
            other => other.clone(),
        },
        _ => v.clone(),
    }
}

pub fn check(req: &PresetAnswers) -> AppResult<AnswersCheck> {
    let p = find(&catalog(), &req.preset_id)?;
    let answers = given(&req.answers);
    let mut ctx = serde_json::Map::new();
    let mut questions = Vec::new();
    for q in &p.questions {
        let render = |t: &str, ctx: &serde_json::Map<String, Value>| {
            Template::parse(t)
                .and_then(|t| t.render(&Value::Object(ctx.clone())))
                .ok()
        };
        let asked = match &q.when {
            None => true,
            Some(c) => {
                render(&format!("{{{{#if {c}}}}}1{{{{/if}}}}"), &ctx).as_deref() == Some("1")
            }
        };
        let default = if asked && q.kind != Kind::SecretGenerated {
            q.default.as_deref().and_then(|d| render(d, &ctx))
        } else {
            None
        };
        let value = match (asked, answers.get(&q.id), &default) {
            (false, _, _) => Value::String(String::new()),
            (true, Some(v), _) => template_value(&p, &q.id, v),
            (true, None, Some(d)) => template_value(&p, &q.id, &Value::String(d.clone())),
            (true, None, None) => Value::String(String::new()),
        };
        ctx.insert(q.id.clone(), value);
        questions.push(AnswerState {
            id: q.id.clone(),
            asked,
            default,
        });
    }
    Ok(AnswersCheck {
        questions,
        issues: preset::check_answers(&p, &answers),
    })
}

pub(super) fn passwords(spec: &Spec) -> Vec<PasswordSlot> {
    let lists: Vec<(String, Vec<String>)> = match serde_json::to_value(spec) {
        Ok(v) => v["credential_lists"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|l| {
                let name = l["name"].as_str().unwrap_or_default().to_string();
                let users = l["usernames"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|u| u.as_str().map(str::to_string))
                    .collect();
                (name, users)
            })
            .collect(),
        Err(_) => vec![],
    };
    lists
        .into_iter()
        .flat_map(|(list, users)| {
            users.into_iter().map(move |username| PasswordSlot {
                list: list.clone(),
                username,
            })
        })
        .collect()
}

pub(super) fn built(req: &PresetAnswers) -> AppResult<Result<preset::Built, Vec<Issue>>> {
    let p = find(&catalog(), &req.preset_id)?;
    Ok(preset::build(&p, &given(&req.answers)))
}

pub fn build(req: &PresetAnswers) -> AppResult<PresetBuildResult> {
    Ok(match built(req)? {
        Ok(b) => PresetBuildResult {
            issues: b.warnings.clone(),
            build: Some(PresetBuild {
                passwords: passwords(&b.spec),
                preset_id: b.preset_id,
                preset_version: b.preset_version,
                spec: b.spec,
                sheet: b.sheet.into(),
                warnings: b.warnings,
            }),
        },
        Err(issues) => PresetBuildResult {
            build: None,
            issues,
        },
    })
}

/// The built sheet, or an `invalid` error naming the first problem.
fn sheet_of(req: &PresetAnswers) -> AppResult<(preset::Built, Sheet)> {
    match built(req)? {
        Ok(b) => {
            let s = b.sheet.clone();
            Ok((b, s))
        }
        Err(issues) => Err(invalid_answers(&issues)),
    }
}

pub(super) fn invalid_answers(issues: &[Issue]) -> AppError {
    let first = issues
        .iter()
        .find(|i| i.severity == switchboard_core::validate::Severity::Error)
        .or(issues.first());
    match first {
        Some(i) => AppError::invalid(
            &i.path,
            format!("The answers are not complete yet: {}", i.message),
        ),
        None => AppError::new(Code::InvalidInput, "The answers are not complete yet."),
    }
}

/// The far-side sheet as a printable, self-contained HTML page.
pub fn sheet_page(req: &PresetAnswers) -> AppResult<String> {
    Ok(sheet_html(&sheet_of(req)?.1))
}

/// `trunk name` → `trunk-name`, for file names.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// Writes the far-side sheet into `dir` (created if needed).
pub fn save_sheet_in(
    dir: &std::path::Path,
    req: &PresetAnswers,
    format: SheetFormat,
) -> AppResult<SavedFile> {
    let (b, sheet) = sheet_of(req)?;
    let name = match &b.spec {
        Spec::ElasticTrunk(t) => t.name.clone(),
        other => other.title(),
    };
    let (ext, bytes) = match format {
        SheetFormat::Html => ("html", sheet_html(&sheet).into_bytes()),
        SheetFormat::Pdf => ("pdf", sheet_pdf(&sheet)),
    };
    let path = dir.join(format!("{}-far-side-{}.{ext}", b.preset_id, slug(&name)));
    let storage = |e: std::io::Error, what: &std::path::Path| {
        AppError::new(
            Code::Storage,
            format!("Could not write {}: {e}", what.display()),
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| storage(e, dir))?;
    std::fs::write(&path, bytes).map_err(|e| storage(e, &path))?;
    tracing::info!(path = %path.display(), "far-side sheet saved");
    Ok(SavedFile {
        path: path.display().to_string(),
    })
}

/// Where saved files go: `SWITCHBOARD_EXPORT_DIR`, else Downloads/switchboard, else
/// Documents/switchboard, else the app's data folder.
pub fn export_dir<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> PathBuf {
    if let Some(d) = std::env::var_os("SWITCHBOARD_EXPORT_DIR") {
        return PathBuf::from(d);
    }
    let p = app.path();
    p.download_dir()
        .or_else(|_| p.document_dir())
        .map(|d| d.join("switchboard"))
        .unwrap_or_else(|_| state.paths.data_dir.join("exports"))
}

/// Reads an imported spec file: TOML, or JSON when the name ends in `.json` or the text is an
/// object. Field problems (and validation warnings) come back as issues beside the spec.
pub fn import_spec(req: &ImportSpecRequest) -> AppResult<ImportedSpec> {
    if req.text.len() > MAX_SPEC_FILE {
        return Err(AppError::invalid(
            "file",
            format!(
                "{} is {} KB: a spec file is at most {} KB. Choose the .toml or .json file Switchboard exported.",
                req.file_name,
                req.text.len() / 1024,
                MAX_SPEC_FILE / 1024
            ),
        ));
    }
    let json = req.file_name.to_ascii_lowercase().ends_with(".json")
        || req.text.trim_start().starts_with('{');
    let parsed = if json {
        Spec::from_json_str(&req.text)
    } else {
        Spec::from_toml_str(&req.text)
    };
    Ok(match parsed {
        Ok(spec) => ImportedSpec {
            issues: spec::validate(&spec),
            spec: Some(spec),
        },
        Err(SpecError::Invalid { issues }) => ImportedSpec { spec: None, issues },
        Err(e) => ImportedSpec {
            spec: None,
            issues: vec![Issue::error("", e.to_string())],
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Genesys acme-twilio"), "genesys-acme-twilio");
        assert_eq!(slug("  Büro / PBX!! "), "b-ro-pbx");
    }

    #[test]
    fn defaults_follow_earlier_answers() {
        let req = PresetAnswers {
            preset_id: "genesys-byoc".into(),
            answers: [
                ("region".to_string(), Value::from("mypurecloud.ie")),
                ("identifier".to_string(), Value::from("acme")),
            ]
            .into(),
        };
        let c = check(&req).unwrap();
        let d = |id: &str| {
            c.questions
                .iter()
                .find(|q| q.id == id)
                .and_then(|q| q.default.clone())
        };
        assert_eq!(d("twilio_edge").as_deref(), Some("dublin"));
        assert_eq!(d("sip_username").as_deref(), Some("genesys-acme"));
        assert_eq!(d("trunk_name").as_deref(), Some("Genesys acme"));
        assert_eq!(d("calling_number"), None, "no numbers yet");
    }
}
