//! The far-side sheet a preset builds: as a printable, self-contained HTML page, or saved as an
//! HTML or PDF file named after the preset and the trunk, in the folder saved files go to.

use std::path::PathBuf;

use switchboard_core::export::{sheet_html, sheet_pdf};
use switchboard_core::preset::{self, Sheet};
use switchboard_core::spec::Spec;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::{AppError, AppResult, Code};
use crate::state::AppState;
use crate::wizard::preset_view::*;

use super::{built, invalid_answers};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Genesys acme-twilio"), "genesys-acme-twilio");
        assert_eq!(slug("  Büro / PBX!! "), "b-ro-pbx");
    }
}
