//! The Done sheet and the spec as files: text for the export dialog, and files saved in the
//! user's Downloads (or Documents) folder under `switchboard/`, never overwriting an older one.
//! Everything here comes from `switchboard_core::export`, which never writes a password.

use std::path::{Path, PathBuf};

use switchboard_core::export::{self, Format, done::done_sheet};
use switchboard_core::spec::Spec;

use super::view::{ExportFormat, SaveFormat, SavedSheet};
use crate::error::{AppError, AppResult, Code};

/// The spec as text in `format`.
pub fn export_text(spec: &Spec, format: ExportFormat) -> String {
    let f = match format {
        ExportFormat::Toml => Format::Toml,
        ExportFormat::Json => Format::Json,
        ExportFormat::Terraform => Format::Terraform,
        ExportFormat::TwilioCli => Format::TwilioCli,
    };
    export::export_text(spec, f)
}

/// Lower-case ASCII letters, digits and hyphens: a file name anyone can type.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "spec".into() } else { out }
}

fn spec_name(spec: &Spec) -> String {
    match spec {
        Spec::ElasticTrunk(t) => t.name.clone(),
        Spec::Byoc(b) => b.trunk.name.clone(),
        Spec::SipDomain(d) => d.domain.clone(),
    }
}

/// A path in `dir` named `stem.ext` that does not exist yet (`stem-2.ext`, … otherwise).
fn free_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .expect("an unused name exists")
}

/// Writes the sheet (HTML / PDF) or the spec (TOML / JSON) into `<base>/switchboard/`.
pub fn save(base: &Path, spec: &Spec, format: SaveFormat) -> AppResult<SavedSheet> {
    let dir = base.join("switchboard");
    std::fs::create_dir_all(&dir).map_err(|e| {
        AppError::new(
            Code::Storage,
            format!("Could not create the folder {}: {e}", dir.display()),
        )
    })?;
    let name = slug(&spec_name(spec));
    let (stem, ext, bytes) = match format {
        SaveFormat::Html => (
            format!("{name}-done"),
            "html",
            export::sheet_html(&done_sheet(spec).printable()).into_bytes(),
        ),
        SaveFormat::Pdf => (
            format!("{name}-done"),
            "pdf",
            export::sheet_pdf(&done_sheet(spec).printable()),
        ),
        SaveFormat::Toml => (name, "toml", export::export(spec, Format::Toml)),
        SaveFormat::Json => (name, "json", export::export(spec, Format::Json)),
    };
    let path = free_path(&dir, &stem, ext);
    std::fs::write(&path, bytes).map_err(|e| {
        AppError::new(
            Code::Storage,
            format!("Could not save {}: {e}", path.display()),
        )
    })?;
    Ok(SavedSheet {
        path: path.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_typeable_and_never_overwrite() {
        assert_eq!(slug("Office PBX (main)"), "office-pbx-main");
        assert_eq!(slug("***"), "spec");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "x").unwrap();
        assert_eq!(
            free_path(dir.path(), "a", "html"),
            dir.path().join("a-2.html")
        );
    }
}
