//! Exports of a spec for people and tools outside Switchboard: the spec itself (TOML / JSON,
//! re-importable, never with secrets), Terraform HCL for the twilio/twilio provider, a
//! twilio-cli shell script, and far-side sheets as self-contained printable HTML or PDF.
//!
//! Passwords are never exported: Terraform takes them as `sensitive` variables and the script
//! reads them from environment variables it refuses to run without. What Terraform or the
//! script cannot build (a number router's Function) is named in a comment at the top of the
//! file, with what to do instead, never dropped silently.

pub mod done;
mod html;
mod left_out;
mod pdf;
mod terraform;
mod twilio_cli;

pub use html::{sheet_for_spec, sheet_html};
pub use pdf::sheet_pdf;
pub use terraform::terraform;
pub use twilio_cli::{shell_quote, twilio_cli};

use crate::spec::{SPEC_VERSION, Spec};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Terraform,
    TwilioCli,
    SheetHtml,
    SheetPdf,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "toml" => Format::Toml,
            "json" => Format::Json,
            "terraform" | "hcl" => Format::Terraform,
            "twilio-cli" => Format::TwilioCli,
            "sheet-html" | "html" => Format::SheetHtml,
            "sheet-pdf" | "pdf" => Format::SheetPdf,
            other => {
                return Err(format!(
                    "`{other}` is not an export format: use toml, json, terraform, twilio-cli, sheet-html or sheet-pdf"
                ));
            }
        })
    }
}

/// The spec as pretty JSON (what `Spec::from_json_str` reads back).
pub fn spec_json(spec: &Spec) -> String {
    let mut v = serde_json::to_value(spec).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("version".into(), SPEC_VERSION.into());
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// Exports `spec` in `format` (every format but PDF is UTF-8 text). The sheet of a plain spec
/// lists the values the far side needs.
pub fn export(spec: &Spec, format: Format) -> Vec<u8> {
    match format {
        Format::Toml => spec.to_toml().into_bytes(),
        Format::Json => spec_json(spec).into_bytes(),
        Format::Terraform => terraform(spec).into_bytes(),
        Format::TwilioCli => twilio_cli(spec).into_bytes(),
        Format::SheetHtml => sheet_html(&sheet_for_spec(spec)).into_bytes(),
        Format::SheetPdf => sheet_pdf(&sheet_for_spec(spec)),
    }
}

/// [`export`] for the text formats.
pub fn export_text(spec: &Spec, format: Format) -> String {
    String::from_utf8_lossy(&export(spec, format)).into_owned()
}

/// A name usable as a Terraform label or shell variable: lower-case ASCII, digits, `_`.
pub(crate) fn ident(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("r_{out}")
    } else {
        out
    }
}
