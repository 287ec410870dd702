//! What a preset builds from its answers: the Twilio spec and the far-side sheet (Genesys), no
//! build when answers are missing, and the sheet saved as HTML and PDF in the export folder.

use serde_json::json;

use crate::{app, env, genesys_answers};

#[test]
fn genesys_builds_the_twilio_spec_and_the_far_side_sheet() {
    let t = app();
    let mut a = genesys_answers();
    a["transport"] = json!("tls");
    let r = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": a } }),
        )
        .unwrap();
    let b = &r["build"];
    assert_eq!(b["presetId"], "genesys-byoc");
    let spec = &b["spec"];
    assert_eq!(spec["kind"], "elastic_trunk");
    assert_eq!(spec["secure"], true, "TLS means secure trunking");
    assert_eq!(
        spec["origination_urls"][0]["sip_url"],
        "sip:acme-twilio.byoc.mypurecloud.ie:5061;transport=tls"
    );
    assert_eq!(
        spec["ip_acls"][0]["addresses"],
        json!(["52.48.1.10", "52.48.1.11"])
    );
    assert_eq!(
        b["passwords"],
        json!([{ "list": "Genesys acme-twilio - Genesys digest", "username": "genesys-acme-twilio" }])
    );
    let sheet = &b["sheet"];
    assert!(
        sheet["warnings"][0]
            .as_str()
            .unwrap()
            .contains("Secure Trunking")
    );
    let trunk = sheet["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "external-trunk")
        .unwrap();
    let row = |f: &str| {
        trunk["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["field"] == f)
            .unwrap()["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(row("Type"), "BYOC Carrier > Generic BYOC Carrier");
    assert_eq!(
        row("SIP Servers or Proxies: Hostname"),
        "acme-genesys.pstn.dublin.twilio.com"
    );
    assert_eq!(row("SIP Servers or Proxies: Port"), "5061");
    assert!(
        row("Digest Password").contains("generated password"),
        "the sheet names the password, never holds it"
    );

    // Incomplete answers: no build, the issues say why.
    let r = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": { "region": "mars" } } }),
        )
        .unwrap();
    assert!(r["build"].is_null());
    let region = r["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "answers.region")
        .unwrap();
    assert!(region["message"].as_str().unwrap().contains("`mars`"));
}

#[test]
fn the_far_side_sheet_is_saved_as_html_and_pdf() {
    let t = app();
    let req = json!({ "presetId": "genesys-byoc", "answers": genesys_answers() });
    let html = t
        .invoke("far_side_sheet_html", json!({ "request": req }))
        .unwrap();
    assert!(html.as_str().unwrap().contains("Generic BYOC Carrier"));
    for (format, magic) in [("html", "<!DOCTYPE html".as_bytes()), ("pdf", b"%PDF")] {
        let saved = t
            .invoke(
                "save_far_side_sheet",
                json!({ "request": req, "format": format }),
            )
            .unwrap();
        let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
        assert!(
            path.starts_with(env().exports.path()),
            "{path:?} in the export folder"
        );
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with(&format!("genesys-acme-twilio.{format}")),
            "{path:?}"
        );
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(magic) || bytes.windows(magic.len()).take(64).any(|w| w == magic),
            "{format} file starts right"
        );
    }
    let e = t
        .invoke(
            "save_far_side_sheet",
            json!({ "request": { "presetId": "genesys-byoc", "answers": {} }, "format": "pdf" }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert!(e["field"].as_str().unwrap().starts_with("answers."), "{e}");
}
