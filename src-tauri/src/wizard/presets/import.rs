//! An imported spec file read into a spec: TOML or JSON, at most [`MAX_SPEC_FILE`] bytes, with
//! field problems and validation warnings as issues beside it.

use switchboard_core::spec::{self, Spec, SpecError};
use switchboard_core::validate::Issue;

use crate::error::{AppError, AppResult};
use crate::wizard::preset_view::*;

/// The largest spec file the import reads (a spec is a few kilobytes).
pub const MAX_SPEC_FILE: usize = 1024 * 1024;

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
