//! The one shape every validator reports problems in: `{path, message, severity, hint?}`.

use serde::Serialize;

/// How serious an [`Issue`] is. Only `Error` blocks a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Cannot be sent to Twilio as it is.
    Error,
    /// Accepted, but probably not what the user wants.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// Lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    /// The field, e.g. `origination_urls[0].sip_url` or `credential.password`.
    pub path: String,
    /// Plain-language description naming the value and the rule.
    pub message: String,
    /// How serious it is.
    pub severity: Severity,
    /// What to do about it, when there is something specific to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub hint: Option<String>,
}

impl Issue {
    /// An error on `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(path, message, Severity::Error)
    }

    /// A warning on `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(path, message, Severity::Warning)
    }

    /// An informational note on `path`.
    pub fn info(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(path, message, Severity::Info)
    }

    fn new(path: impl Into<String>, message: impl Into<String>, severity: Severity) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            severity,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// True when any issue is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_lowercase_severity_and_optional_hint() {
        let i = Issue::error("a.b", "bad").with_hint("fix it");
        let v = serde_json::to_value(&i).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"path":"a.b","message":"bad","severity":"error","hint":"fix it"})
        );
        let w = serde_json::to_value(Issue::warning("x", "y")).unwrap();
        assert!(w.get("hint").is_none(), "absent hint must be omitted: {w}");
        assert!(has_errors(&[i]));
        assert!(!has_errors(&[Issue::info("x", "y")]));
    }
}
