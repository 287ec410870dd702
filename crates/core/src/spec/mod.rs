//! Desired-state specs: what an admin wants a trunk, a BYOC setup or a SIP domain to look like,
//! written in TOML or JSON and checked by the validation functions before any plan is made.
//!
//! A spec names resources by friendly name (or domain). The planner adopts a resource that
//! already has that name instead of creating a duplicate. Passwords are never part of a spec:
//! they come from a [`crate::engine::SecretSource`] at apply time.

mod byoc;
mod check;
mod elastic;
mod sip_domain;

use serde::Serialize;

pub use byoc::{Byoc, ByocTrunkSpec, ConnectionPolicySpec, TargetSpec};
pub use check::validate;
pub use elastic::{CredentialListSpec, ElasticTrunk, IpAclSpec, OriginationUrlSpec, RecordingSpec};
pub use sip_domain::{DomainCredentialListSpec, SipDomain};

use crate::validate::Issue;

/// The only spec format version this build reads.
pub const SPEC_VERSION: u32 = 1;

/// A desired state of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Spec {
    ElasticTrunk(ElasticTrunk),
    Byoc(Byoc),
    SipDomain(SipDomain),
}

/// Why a spec file could not be read. Field-level problems come back as [`Issue`]s.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("could not read {path}: {message}")]
    Read { path: String, message: String },
    /// The text is not valid TOML / JSON, or a field has the wrong type or name.
    #[error("{}", issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect::<Vec<_>>().join("; "))]
    Invalid { issues: Vec<Issue> },
}

impl Spec {
    /// Reads a `.toml` or `.json` file (by extension; anything else is tried as TOML).
    pub fn from_path(path: &std::path::Path) -> Result<Spec, SpecError> {
        let text = std::fs::read_to_string(path).map_err(|e| SpecError::Read {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if path.extension().and_then(|e| e.to_str()) == Some("json") {
            Spec::from_json_str(&text)
        } else {
            Spec::from_toml_str(&text)
        }
    }

    pub fn from_toml_str(text: &str) -> Result<Spec, SpecError> {
        let value: toml::Value = toml::from_str(text).map_err(|e| invalid("", e.to_string()))?;
        let json = serde_json::to_value(value).map_err(|e| invalid("", e.to_string()))?;
        Spec::from_value(json)
    }

    pub fn from_json_str(text: &str) -> Result<Spec, SpecError> {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid("", e.to_string()))?;
        Spec::from_value(json)
    }

    /// Checks `version` and `kind`, then decodes the body with unknown fields refused.
    pub fn from_value(mut value: serde_json::Value) -> Result<Spec, SpecError> {
        let Some(obj) = value.as_object_mut() else {
            return Err(invalid("", "a spec must be a table / object".into()));
        };
        match obj.remove("version") {
            Some(v) if v.as_u64() == Some(u64::from(SPEC_VERSION)) => {}
            Some(v) => {
                return Err(invalid(
                    "version",
                    format!(
                        "version {v} is not supported: this build reads version {SPEC_VERSION}"
                    ),
                ));
            }
            None => {
                return Err(invalid(
                    "version",
                    format!("missing: add `version = {SPEC_VERSION}`"),
                ));
            }
        }
        let kind = obj.remove("kind");
        let kind = kind.as_ref().and_then(|k| k.as_str()).unwrap_or_default();
        match kind {
            "elastic_trunk" => decode(value).map(Spec::ElasticTrunk),
            "byoc" => decode(value).map(Spec::Byoc),
            "sip_domain" => decode(value).map(Spec::SipDomain),
            "" => Err(invalid(
                "kind",
                "missing: one of elastic_trunk, byoc, sip_domain".into(),
            )),
            other => Err(invalid(
                "kind",
                format!("`{other}` is not one of elastic_trunk, byoc, sip_domain"),
            )),
        }
    }

    /// The spec as TOML text (what `from_toml_str` reads back).
    pub fn to_toml(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("version".into(), SPEC_VERSION.into());
        }
        toml::to_string(&v).unwrap_or_default()
    }

    /// A short name for messages: the trunk or domain name.
    pub fn title(&self) -> String {
        match self {
            Spec::ElasticTrunk(t) => format!("Elastic SIP trunk '{}'", t.name),
            Spec::Byoc(b) => format!("BYOC trunk '{}'", b.trunk.name),
            Spec::SipDomain(d) => format!("SIP domain '{}'", d.domain),
        }
    }
}

fn decode<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, SpecError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        invalid(&path, e.inner().to_string())
    })
}

fn invalid(path: &str, message: String) -> SpecError {
    SpecError::Invalid {
        issues: vec![Issue::error(path, message)],
    }
}

pub(crate) fn default_true() -> bool {
    true
}
pub(crate) fn default_priority() -> u32 {
    10
}
pub(crate) fn default_weight() -> u32 {
    10
}
pub(crate) fn default_post() -> switchboard_twilio::HttpMethod {
    switchboard_twilio::HttpMethod::Post
}
