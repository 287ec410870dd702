//! Interop presets in the app (Genesys Cloud BYOC, Bolna and the generic ones): the list, one
//! preset's questions as a form, the answers checked as the user types (which questions apply,
//! their defaults, every problem), a build into a spec plus the far-side sheet, the sheet saved
//! as HTML or PDF, "Register on Bolna", and reading an imported spec file.
//!
//! Everything here adapts `switchboard_core::preset` / `spec` / `export`; the only state is the
//! user's Bolna API key, kept in the OS keychain under [`BOLNA_KEY`] and never sent back.
//! Passwords the presets need are not generated here: the Review step's secret field generates
//! them in the window and hands them to the keychain (`set_sip_password`), so no response of
//! these commands ever carries one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use switchboard_core::export::{sheet_html, sheet_pdf};
use switchboard_core::preset::bolna::{self, BolnaError, Registered};
use switchboard_core::preset::template::Template;
use switchboard_core::preset::{self, Answers, Catalog, GeneratedSecret, Kind, Preset, Sheet};
use switchboard_core::secret::Sensitive;
use switchboard_core::spec::{self, Spec, SpecError};
use switchboard_core::validate::Issue;
use switchboard_twilio::Secret;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use crate::error::{AppError, AppResult, Code};
use crate::keychain::SecretStore;
use crate::state::AppState;

/// The keychain entry that holds the user's Bolna API key.
pub const BOLNA_KEY: &str = "bolna-api-key";
/// Bolna's API; `SWITCHBOARD_BOLNA_URL` points the app at another one (the stand-in in tests).
pub const BOLNA_URL: &str = "https://api.bolna.ai";
/// The largest spec file the import reads (a spec is a few kilobytes).
pub const MAX_SPEC_FILE: usize = 1024 * 1024;

/// One preset in the list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresetSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub summary: String,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    Choice,
    Text,
    Ipv4List,
    Number,
    NumberList,
    Integer,
    Username,
    /// Generated in the window and kept in the keychain; never an answer.
    SecretGenerated,
}

impl From<Kind> for QuestionKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Choice => QuestionKind::Choice,
            Kind::Text => QuestionKind::Text,
            Kind::Ipv4List => QuestionKind::Ipv4List,
            Kind::Number => QuestionKind::Number,
            Kind::NumberList => QuestionKind::NumberList,
            Kind::Integer => QuestionKind::Integer,
            Kind::Username => QuestionKind::Username,
            Kind::SecretGenerated => QuestionKind::SecretGenerated,
        }
    }
}

/// One option of a choice question; `details` are its values in words (e.g. the BYOC domain).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceView {
    pub value: String,
    pub label: String,
    pub details: BTreeMap<String, String>,
}

/// One question of a preset, as the form shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuestionView {
    pub id: String,
    pub label: String,
    pub kind: QuestionKind,
    pub help: String,
    /// Switchboard could not verify this value from vendor documentation: the user must enter
    /// or confirm it, and the form says so.
    pub unverified: bool,
    /// Where the user can confirm an unverified value.
    pub confirm_with: Option<String>,
    pub choices: Vec<ChoiceView>,
    /// For text: the rule an answer must follow, in words.
    pub pattern_rule: Option<String>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    /// For a generated password: the question holding its username.
    pub username_from: Option<String>,
    /// A question that has a default (shown pre-filled).
    pub has_default: bool,
}

/// A preset's questions.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresetForm {
    pub id: String,
    pub version: String,
    pub title: String,
    pub summary: String,
    pub questions: Vec<QuestionView>,
}

/// Whether a question applies to the answers so far, and its default for them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerState {
    pub id: String,
    pub asked: bool,
    /// The default worked out from the answers so far (absent when there is none yet).
    pub default: Option<String>,
}

/// The answers checked: which questions apply, their defaults, and every problem
/// (`answers.<question id>` paths).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswersCheck {
    pub questions: Vec<AnswerState>,
    pub issues: Vec<Issue>,
}

/// A password the apply needs (set on the Review step, kept in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordSlot {
    /// The credential list's friendly name.
    pub list: String,
    pub username: String,
}

/// One field of the far side and the value to enter there.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarSideRow {
    pub field: String,
    pub value: String,
    pub note: String,
    /// Not verified from vendor documentation: the user must confirm it.
    pub unverified: bool,
}

/// A console page or an API request of the far side.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarSideSection {
    pub id: Option<String>,
    pub title: String,
    pub note: String,
    pub rows: Vec<FarSideRow>,
    /// Text to copy as is (a JSON request body).
    pub code: Option<String>,
    pub code_language: Option<String>,
}

/// What to enter on the other platform, field by field, and what to do after.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarSideSheet {
    pub title: String,
    pub intro: String,
    pub sections: Vec<FarSideSection>,
    pub steps: Vec<String>,
    pub warnings: Vec<String>,
}

impl From<Sheet> for FarSideSheet {
    fn from(s: Sheet) -> Self {
        FarSideSheet {
            title: s.title,
            intro: s.intro,
            steps: s.steps,
            warnings: s.warnings,
            sections: s
                .sections
                .into_iter()
                .map(|sec| FarSideSection {
                    id: sec.id,
                    title: sec.title,
                    note: sec.note,
                    code: sec.code,
                    code_language: sec.code_language,
                    rows: sec
                        .rows
                        .into_iter()
                        .map(|r| FarSideRow {
                            field: r.field,
                            value: r.value,
                            note: r.note,
                            unverified: r.unverified,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// What a preset built from the answers.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresetBuild {
    pub preset_id: String,
    pub preset_version: String,
    /// The Twilio side, as a spec the wizard's Review and Apply steps take.
    pub spec: Spec,
    pub sheet: FarSideSheet,
    /// Warnings from validating the spec.
    pub warnings: Vec<Issue>,
    /// The passwords the apply will need.
    pub passwords: Vec<PasswordSlot>,
}

/// A build, or why it could not be made (issues on `answers.<id>` or `spec.<path>`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresetBuildResult {
    pub build: Option<PresetBuild>,
    pub issues: Vec<Issue>,
}

/// A preset and its answers (question id → text, list or number).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresetAnswers {
    pub preset_id: String,
    #[ts(type = "Record<string, string | string[] | number>")]
    pub answers: BTreeMap<String, Value>,
}

/// The far-side sheet as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SheetFormat {
    Html,
    Pdf,
}

/// Where a file was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
}

/// Register the Bolna preset's trunk on Bolna.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterBolnaRequest {
    #[ts(type = "Record<string, string | string[] | number>")]
    pub answers: BTreeMap<String, Value>,
    /// A new API key to use and keep in the keychain; absent = the key kept from before.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub api_key: Option<Secret>,
    /// For username/password trunks: the SIP password set on the Review step.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub sip_password: Option<Secret>,
}

/// What "Register on Bolna" did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BolnaRegistration {
    pub trunk_id: String,
    /// A trunk with this name was already on Bolna and was reused.
    pub reused_trunk: bool,
    pub added_numbers: Vec<String>,
    pub existing_numbers: Vec<String>,
    /// The Bolna API that was called.
    pub base_url: String,
}

/// Whether a Bolna API key is kept in the keychain (the key itself never leaves Rust).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BolnaKeyStatus {
    pub stored: bool,
}

/// An imported spec file's text.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSpecRequest {
    pub file_name: String,
    pub text: String,
}

/// An imported spec: the spec (when it could be read) and every problem in it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedSpec {
    pub spec: Option<Spec>,
    pub issues: Vec<Issue>,
}

// ---------------------------------------------------------------------------------------------
// The operations (no Tauri types, so the command tests and the app run the same code)

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

fn passwords(spec: &Spec) -> Vec<PasswordSlot> {
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

fn built(req: &PresetAnswers) -> AppResult<Result<preset::Built, Vec<Issue>>> {
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

fn invalid_answers(issues: &[Issue]) -> AppError {
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

fn keychain_error(e: crate::keychain::KeychainError) -> AppError {
    AppError::new(Code::Keychain, e.to_string())
}

pub fn bolna_key_status(keychain: &dyn SecretStore) -> AppResult<BolnaKeyStatus> {
    Ok(BolnaKeyStatus {
        stored: keychain.get(BOLNA_KEY).map_err(keychain_error)?.is_some(),
    })
}

pub fn forget_bolna_key(keychain: &dyn SecretStore) -> AppResult<BolnaKeyStatus> {
    keychain.delete(BOLNA_KEY).map_err(keychain_error)?;
    Ok(BolnaKeyStatus { stored: false })
}

/// Bolna's API base URL (`SWITCHBOARD_BOLNA_URL` or the real one).
pub fn bolna_url() -> String {
    std::env::var("SWITCHBOARD_BOLNA_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| BOLNA_URL.to_string())
}

/// Registers the Bolna preset's trunk on Bolna at `base_url`. A username/password trunk's SIP
/// password is the one in the request, else the one kept for the apply on `account`
/// (`set_sip_password` puts it in the keychain).
pub async fn register_bolna(
    keychain: &dyn SecretStore,
    base_url: &str,
    account: Option<&str>,
    req: RegisterBolnaRequest,
) -> AppResult<BolnaRegistration> {
    let key = match req.api_key {
        Some(k) if !k.expose().trim().is_empty() => {
            let k = Secret::new(k.expose().trim());
            keychain.set(BOLNA_KEY, &k).map_err(keychain_error)?;
            k
        }
        _ => keychain.get(BOLNA_KEY).map_err(keychain_error)?.ok_or_else(|| {
            AppError::invalid(
                "apiKey",
                "Enter your Bolna API key (Bolna dashboard > Developers > API keys). Switchboard keeps it in this computer's keychain.",
            )
        })?,
    };
    let answers = PresetAnswers {
        preset_id: "bolna".into(),
        answers: req.answers,
    };
    let mut b = match built(&answers)? {
        Ok(b) => b,
        Err(issues) => return Err(invalid_answers(&issues)),
    };
    // The password Bolna must send is the one set on the Review step, not the build's own.
    let slots = passwords(&b.spec);
    b.secrets.clear();
    for slot in slots {
        let given = req
            .sip_password
            .as_ref()
            .filter(|p| !p.expose().is_empty())
            .map(|p| p.expose().to_string());
        let kept = match (&given, account) {
            (None, Some(acct)) => keychain
                .get(&crate::wizard::secrets::key(
                    acct,
                    &slot.list,
                    &slot.username,
                ))
                .map_err(keychain_error)?
                .map(|p| p.expose().to_string()),
            _ => None,
        };
        let Some(p) = given.or(kept) else {
            return Err(AppError::invalid(
                "sipPassword",
                format!(
                    "The SIP password of `{}` is needed to register a username/password trunk on Bolna: set it on the Review step first, or enter it here.",
                    slot.username
                ),
            ));
        };
        b.secrets.push(GeneratedSecret {
            question: "sip_password".into(),
            username: Some(slot.username),
            password: Sensitive::new(p),
        });
    }
    let r: Registered = bolna::register(base_url, &key, &b)
        .await
        .map_err(bolna_error)?;
    tracing::info!(trunk = %r.trunk_id, added = r.added_numbers.len(), "registered on Bolna");
    Ok(BolnaRegistration {
        trunk_id: r.trunk_id,
        reused_trunk: r.reused_trunk,
        added_numbers: r.added_numbers,
        existing_numbers: r.existing_numbers,
        base_url: base_url.to_string(),
    })
}

fn bolna_error(e: BolnaError) -> AppError {
    match &e {
        BolnaError::Refused { status, .. } if *status == 401 || *status == 403 => {
            AppError::invalid(
                "apiKey",
                format!("{e}. Check the Bolna API key (Bolna dashboard > Developers > API keys)."),
            )
        }
        BolnaError::Refused { .. } => AppError::new(Code::InvalidInput, e.to_string()),
        BolnaError::Network { .. } => AppError::new(
            Code::Unreachable,
            format!("{e}. Check the internet connection, then try again."),
        ),
        _ => AppError::new(Code::Internal, e.to_string()),
    }
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

// ---------------------------------------------------------------------------------------------
// Commands

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_presets() -> AppResult<Vec<PresetSummary>> {
    Ok(list())
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %preset_id))]
pub async fn preset_form(state: State<'_, AppState>, preset_id: String) -> AppResult<PresetForm> {
    form(&preset_id).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn check_preset_answers(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<AnswersCheck> {
    check(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn build_preset(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<PresetBuildResult> {
    build(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn far_side_sheet_html(
    state: State<'_, AppState>,
    request: PresetAnswers,
) -> AppResult<String> {
    sheet_page(&request).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(preset = %request.preset_id))]
pub async fn save_far_side_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: PresetAnswers,
    format: SheetFormat,
) -> AppResult<SavedFile> {
    let dir = export_dir(&app, &state);
    save_sheet_in(&dir, &request, format).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn bolna_key(state: State<'_, AppState>) -> AppResult<BolnaKeyStatus> {
    bolna_key_status(state.keychain.as_ref()).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn forget_bolna(state: State<'_, AppState>) -> AppResult<BolnaKeyStatus> {
    forget_bolna_key(state.keychain.as_ref()).map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn register_on_bolna(
    state: State<'_, AppState>,
    request: RegisterBolnaRequest,
) -> AppResult<BolnaRegistration> {
    let account = state
        .current_session()
        .await
        .ok()
        .flatten()
        .map(|s| s.account.sid);
    register_bolna(
        state.keychain.as_ref(),
        &bolna_url(),
        account.as_deref(),
        request,
    )
    .await
    .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(file = %request.file_name))]
pub async fn import_spec_file(
    state: State<'_, AppState>,
    request: ImportSpecRequest,
) -> AppResult<ImportedSpec> {
    import_spec(&request).map_err(|e| state.journal.note(e))
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
