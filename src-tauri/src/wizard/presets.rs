//! Interop presets in the app (Genesys Cloud BYOC, Bolna and the generic ones): the list, one
//! preset's questions as a form, the answers checked as the user types (which questions apply,
//! their defaults, every problem), a build into a spec plus the far-side sheet, the sheet saved
//! as HTML or PDF, and reading an imported spec file. Only `export_dir` touches Tauri (the app's
//! folders), so the command tests and the app run the same code. Bolna is in `bolna.rs`.
//!
//! This file holds the catalog, the list and the build; the form and the live check are in
//! `questions.rs`, the far-side sheet's page and file in `sheet.rs`, the spec file import in
//! `import.rs` (all re-exported here, so `wizard::presets::*` names every one).
//!
//! Passwords the presets need are not generated here: the Review step's secret field generates
//! them in the window and hands them to the keychain (`set_sip_password`), so no response ever
//! carries one.

mod import;
mod questions;
mod sheet;

pub use import::{MAX_SPEC_FILE, import_spec};
pub use questions::{check, form};
pub use sheet::{export_dir, save_sheet_in, sheet_page};

use std::collections::BTreeMap;

use serde_json::Value;
use switchboard_core::preset::{self, Answers, Catalog, Preset};
use switchboard_core::spec::Spec;
use switchboard_core::validate::Issue;

use crate::error::{AppError, AppResult, Code};

use super::preset_view::*;

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
