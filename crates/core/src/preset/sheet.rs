//! The far-side sheet: what to enter on the other platform, as titled sections of
//! field / value rows (or a block of text to copy, such as a JSON request body) and ordered
//! next steps. A preset's sheet template renders to this shape in TOML.

use serde::{Deserialize, Serialize};

/// Instructions for the far side of a connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// What to do after entering the values, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Consequences the user must know about (e.g. what TLS changes).
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// A group of fields (one console page or one API call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A stable id for code that reads a section (e.g. the Bolna registration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    /// Text to copy as is, e.g. a JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_language: Option<String>,
}

/// One field and the value to enter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub field: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The value could not be verified from vendor documentation: confirm it.
    #[serde(default)]
    pub unverified: bool,
}

impl Sheet {
    /// The section with `id`, if any.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id.as_deref() == Some(id))
    }
}
