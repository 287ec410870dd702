//! Every example spec through the formats that need no parser of their own: TOML and JSON read
//! back equal (the JSON against its golden file), the twilio-cli script and the far-side sheet
//! as HTML against theirs (printable, nothing remote), and the sheet as PDF parsed back with
//! lopdf, holding the values and breaking long sheets across pages.

use switchboard_core::export::{Format, export_text as export, spec_json};
use switchboard_core::spec::Spec;

use super::specs;
use crate::preset_common::{build_example, golden};

#[test]
fn exported_specs_reimport_equal() {
    for (name, spec) in specs() {
        let t = export(&spec, Format::Toml);
        assert_eq!(
            Spec::from_toml_str(&t).unwrap(),
            spec,
            "{name} TOML round trip"
        );
        let j = spec_json(&spec);
        assert_eq!(
            Spec::from_json_str(&j).unwrap(),
            spec,
            "{name} JSON round trip"
        );
        golden(&format!("{name}.spec.json"), &j);
    }
}

#[test]
fn exports_have_golden_files() {
    for (name, spec) in specs() {
        golden(
            &format!("{name}.twilio-cli.sh"),
            &export(&spec, Format::TwilioCli),
        );
        let html = export(&spec, Format::SheetHtml);
        assert!(html.contains("@media print"));
        assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("src="));
        golden(&format!("{name}.sheet.html"), &html);
    }
}

#[test]
fn sheets_as_pdf_parse_and_hold_the_values() {
    use switchboard_core::export::sheet_pdf;
    let built = build_example("genesys-byoc", "genesys.toml");
    let bytes = sheet_pdf(&built.sheet);
    assert!(bytes.starts_with(b"%PDF-1.4"));
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty());
    let text = doc.extract_text(&pages).expect("text extracts");
    for want in [
        "Generic BYOC Carrier",
        "acme-genesys.pstn.dublin.twilio.com",
        "sip.twilio.com",
        "54.172.60.0/30",
        "[confirm]",
        "Outbound Routes",
    ] {
        assert!(text.contains(want), "the PDF lacks {want}: {text}");
    }
    assert!(!text.contains(built.secrets[0].password.expose().as_str()));
    let bolna = build_example("bolna", "bolna.toml");
    let doc = lopdf::Document::load_mem(&sheet_pdf(&bolna.sheet)).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(
        text.contains("\"gateway_address\": \"acme-bolna.pstn.twilio.com\""),
        "{text}"
    );
    let mut long = bolna.sheet.clone();
    for _ in 0..6 {
        long.sections.extend(bolna.sheet.sections.clone());
    }
    let doc = lopdf::Document::load_mem(&sheet_pdf(&long)).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(pages.len() >= 3, "long sheets break across pages");
    let last = doc.extract_text(&[*pages.last().unwrap()]).unwrap();
    assert!(last.contains("Next steps"), "{last}");
}
