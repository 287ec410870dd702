//! Building a preset: checked answers → derived values → the spec (parsed and validated like
//! any spec file) and the far-side sheet. Generated passwords stay beside the result, in
//! [`Sensitive`] values, and reach the engine through [`PresetSecrets`].

use serde_json::{Value, json};
use switchboard_twilio::Secret;

use super::answers::{Answers, resolve};
use super::sheet::Sheet;
use super::template::Template;
use super::{Kind, Preset};
use crate::engine::SecretSource;
use crate::secret::Sensitive;
use crate::spec::{self, Spec, SpecError};
use crate::validate::{Issue, has_errors};

/// What a preset built.
#[derive(Debug, Clone)]
pub struct Built {
    pub preset_id: String,
    pub preset_version: String,
    pub spec: Spec,
    pub sheet: Sheet,
    /// Passwords generated for this build. Never in `spec` or `sheet`.
    pub secrets: Vec<GeneratedSecret>,
    /// Warnings from validating the spec.
    pub warnings: Vec<Issue>,
}

/// A password made for a secret-generated question.
#[derive(Debug, Clone)]
pub struct GeneratedSecret {
    pub question: String,
    /// The SIP username it belongs to, when the preset says which.
    pub username: Option<String>,
    pub password: Sensitive<String>,
}

/// Builds `preset` from `answers`. Problems come back as issues on `answers.<id>`, or on
/// `spec.<path>` / `sheet` when the preset's templates produce something invalid.
pub fn build(preset: &Preset, answers: &Answers) -> Result<Built, Vec<Issue>> {
    let checked = resolve(preset, answers, true)?;
    let mut ctx = checked.ctx;
    let fail = |path: &str, m: String| vec![Issue::error(path, m)];
    for (name, t) in &preset.derived {
        let v = Template::parse(t)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| fail(&format!("derived.{name}"), e.0))?;
        ctx[name] = Value::String(unescape(&v));
    }
    ctx["preset"] = json!({"id": preset.id, "version": preset.version, "title": preset.title});
    let spec_text = Template::parse(&preset.templates.spec)
        .and_then(|t| t.render(&ctx))
        .map_err(|e| fail("spec", e.0))?;
    let spec = Spec::from_toml_str(&spec_text).map_err(|e| match e {
        SpecError::Invalid { issues } => prefixed(issues),
        other => fail("spec", other.to_string()),
    })?;
    let issues = spec::validate(&spec);
    if has_errors(&issues) {
        return Err(prefixed(issues));
    }
    let sheet_text = Template::parse(&preset.templates.sheet)
        .and_then(|t| t.render(&ctx))
        .map_err(|e| fail("sheet", e.0))?;
    let sheet: Sheet = toml::from_str(&sheet_text).map_err(|e| fail("sheet", e.to_string()))?;
    let secrets = checked
        .secrets
        .into_iter()
        .map(|(question, password)| {
            let username = preset
                .questions
                .iter()
                .find(|q| q.id == question && q.kind == Kind::SecretGenerated)
                .and_then(|q| q.username_from.as_ref())
                .and_then(|u| ctx.get(u))
                .and_then(Value::as_str)
                .map(str::to_string);
            GeneratedSecret {
                question,
                username,
                password,
            }
        })
        .collect();
    Ok(Built {
        preset_id: preset.id.clone(),
        preset_version: preset.version.clone(),
        spec,
        sheet,
        secrets,
        warnings: issues,
    })
}

/// Derived values are rendered with TOML escaping; they are used as plain text again.
fn unescape(s: &str) -> String {
    toml::from_str::<toml::Table>(&format!("v = \"{s}\""))
        .ok()
        .and_then(|t| t.get("v").and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_else(|| s.to_string())
}

fn prefixed(issues: Vec<Issue>) -> Vec<Issue> {
    issues
        .into_iter()
        .map(|mut i| {
            i.path = if i.path.is_empty() {
                "spec".into()
            } else {
                format!("spec.{}", i.path)
            };
            i
        })
        .collect()
}

/// Hands the engine the passwords a build generated, by username.
pub struct PresetSecrets(pub Vec<GeneratedSecret>);

impl SecretSource for PresetSecrets {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String> {
        self.0
            .iter()
            .find(|s| s.username.as_deref() == Some(username))
            .map(|s| Secret::new(s.password.expose().clone()))
            .ok_or_else(|| {
                format!("no password was generated for `{username}` in credential list '{list}'")
            })
    }
}
