//! Interop presets: versioned data files that turn a few answers into a desired-state
//! [`Spec`](crate::spec::Spec) for the Twilio side and a far-side [`Sheet`] that says, field by
//! field, what to enter in the other platform's console.
//!
//! Presets are data so that adding a carrier needs no code: a preset file (TOML, format 1)
//! declares its questions, derived values, a spec template and a sheet template in the small
//! language of [`template`]. The built-in presets live in `crates/core/presets/*.toml` and are
//! embedded in the binary; [`Catalog::with_dir`] adds presets from a directory.
//!
//! ```toml
//! format = 1                     # preset file format
//! id = "my-carrier"
//! version = "1.0.0"              # the preset's own version, recorded in what it builds
//! title = "My carrier"
//! summary = "One sentence for the preset list."
//!
//! [[questions]]
//! id = "numbers"
//! label = "Twilio numbers for this trunk"
//! kind = "number-list"           # choice, text, ipv4-list, number, number-list,
//!                                # integer, username, secret-generated
//! help = "E.164, e.g. +14155552671"
//! # default = "…"                # a template over earlier answers
//! # when = 'auth == "userpass"'  # ask only when the condition holds
//! # unverified = true            # the user must give it explicitly; the sheet says to confirm
//! # confirm_with = "the carrier's network page"
//!
//! [derived]                      # more names for the templates, computed from the answers
//! termination_uri = "{{label}}.pstn.twilio.com"
//!
//! [templates]
//! spec = '''…TOML of a spec, with {{placeholders}}…'''
//! sheet = '''…TOML of a sheet (title, intro, sections, steps)…'''
//! ```

mod answers;
pub mod bolna;
mod build;
mod sheet;
pub mod template;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use answers::{Answers, check_answers};
pub use build::{Built, GeneratedSecret, PresetSecrets, build};
pub use sheet::{Row, Section, Sheet};
use template::Template;

/// The preset file format this build reads.
pub const PRESET_FORMAT: u32 = 1;

/// The presets shipped with Switchboard.
const BUILTIN: &[(&str, &str)] = &[
    (
        "genesys-byoc.toml",
        include_str!("../../presets/genesys-byoc.toml"),
    ),
    ("bolna.toml", include_str!("../../presets/bolna.toml")),
    (
        "sbc-failover.toml",
        include_str!("../../presets/sbc-failover.toml"),
    ),
    ("ip-pbx.toml", include_str!("../../presets/ip-pbx.toml")),
    (
        "cloud-pbx-credentials.toml",
        include_str!("../../presets/cloud-pbx-credentials.toml"),
    ),
];

/// A loaded preset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub derived: BTreeMap<String, String>,
    pub templates: Templates,
}

/// The two templates of a preset (TOML text with placeholders).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Templates {
    /// Renders to a spec file (`version = 1`, `kind = …`).
    pub spec: String,
    /// Renders to a [`Sheet`] in TOML.
    pub sheet: String,
}

/// One thing the preset asks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The question in plain words.
    pub label: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    /// A template over earlier answers; absent means the answer is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Ask only when this `#if` condition holds (otherwise the answer is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The value could not be confirmed from vendor documentation: the user must give it.
    #[serde(default)]
    pub unverified: bool,
    /// Where the user can confirm an unverified value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_with: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// For text: a regular expression the whole answer must match, and the rule in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_rule: Option<String>,
    /// For secret-generated: the id of the username question this password belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_from: Option<String>,
    /// For integers: the allowed range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Choice,
    Text,
    Ipv4List,
    Number,
    NumberList,
    Integer,
    Username,
    /// Never typed: Switchboard generates it, and it never enters a spec or a sheet.
    SecretGenerated,
}

/// One option of a choice question, with values the templates can use (`region.byoc_domain`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, toml::Value>,
}

/// Why a preset file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    #[error("preset file {file}: {message}")]
    Invalid { file: String, message: String },
    #[error("no preset named `{0}`")]
    Unknown(String),
}

impl Preset {
    /// Parses and checks a preset file's text (`file` names it in errors).
    pub fn from_toml_str(file: &str, text: &str) -> Result<Preset, PresetError> {
        let bad = |message: String| PresetError::Invalid {
            file: file.to_string(),
            message,
        };
        let p: Preset = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        if p.format != PRESET_FORMAT {
            return Err(bad(format!(
                "format {} is not supported: this build reads format {PRESET_FORMAT}",
                p.format
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for q in &p.questions {
            if !seen.insert(q.id.as_str()) || p.derived.contains_key(&q.id) {
                return Err(bad(format!("question `{}` is declared twice", q.id)));
            }
            if (q.kind == Kind::Choice) == q.choices.is_empty() {
                return Err(bad(format!(
                    "question `{}`: choices belong to (and are required by) kind \"choice\"",
                    q.id
                )));
            }
            if let Some(re) = &q.pattern {
                regex::Regex::new(re).map_err(|e| bad(format!("question `{}`: {e}", q.id)))?;
            }
            for t in q.default.iter().chain(&q.when) {
                let t = if q.when.as_ref() == Some(t) {
                    format!("{{{{#if {t}}}}}{{{{/if}}}}")
                } else {
                    t.clone()
                };
                Template::parse(&t).map_err(|e| bad(format!("question `{}`: {e}", q.id)))?;
            }
        }
        for (name, t) in p
            .derived
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .chain([("spec", &p.templates.spec), ("sheet", &p.templates.sheet)])
        {
            Template::parse(t).map_err(|e| bad(format!("template `{name}`: {e}")))?;
        }
        Ok(p)
    }
}

/// The presets available: the built-in ones, then any loaded from directories.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub presets: Vec<Preset>,
}

impl Catalog {
    /// The built-in presets.
    pub fn builtin() -> Catalog {
        let presets = BUILTIN
            .iter()
            .map(|(f, t)| {
                Preset::from_toml_str(f, t).expect("built-in presets are checked by tests")
            })
            .collect();
        Catalog { presets }
    }

    /// The built-ins plus every `*.toml` in `dir` (a preset with a built-in's id replaces it).
    pub fn with_dir(dir: &Path) -> Result<Catalog, PresetError> {
        let mut c = Catalog::builtin();
        let read = std::fs::read_dir(dir).map_err(|e| PresetError::Invalid {
            file: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let mut files: Vec<_> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
            .collect();
        files.sort();
        for f in files {
            let name = f.display().to_string();
            let text = std::fs::read_to_string(&f).map_err(|e| PresetError::Invalid {
                file: name.clone(),
                message: e.to_string(),
            })?;
            let p = Preset::from_toml_str(&name, &text)?;
            c.presets.retain(|q| q.id != p.id);
            c.presets.push(p);
        }
        Ok(c)
    }

    pub fn get(&self, id: &str) -> Result<&Preset, PresetError> {
        self.presets
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| PresetError::Unknown(id.to_string()))
    }
}
