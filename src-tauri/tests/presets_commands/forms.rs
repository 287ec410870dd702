//! What the window asks and reads: the preset list and a preset's questions, answers checked with
//! defaults that follow earlier answers, and a spec file imported instead of answered.

use serde_json::{Value, json};

use crate::{app, genesys_answers};

#[test]
fn the_presets_are_listed_with_their_questions() {
    let t = app();
    let list = t.invoke("list_presets", json!({})).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for want in [
        "genesys-byoc",
        "bolna",
        "sbc-failover",
        "ip-pbx",
        "cloud-pbx-credentials",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }

    let form = t
        .invoke("preset_form", json!({ "presetId": "genesys-byoc" }))
        .unwrap();
    let q = |id: &str| {
        form["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("question {id}"))
    };
    let region = q("region");
    assert_eq!(region["kind"], "choice");
    assert_eq!(region["choices"].as_array().unwrap().len(), 17);
    let ie = region["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == "mypurecloud.ie")
        .unwrap();
    assert_eq!(ie["details"]["legacy_domain"], "byoc.mypurecloud.ie");
    let addrs = q("genesys_sip_addresses");
    assert_eq!(
        addrs["unverified"], true,
        "the Genesys IPs are not verified"
    );
    assert!(
        addrs["confirmWith"]
            .as_str()
            .unwrap()
            .contains("help.mypurecloud.com")
    );
    assert_eq!(q("dtmf_payload")["unverified"], true);
    assert_eq!(q("sip_password")["kind"], "secret-generated");

    let e = t
        .invoke("preset_form", json!({ "presetId": "no-such" }))
        .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "presetId");
    assert!(
        e["message"].as_str().unwrap().contains("`no-such`")
            && e["message"].as_str().unwrap().contains("genesys-byoc"),
        "{e}"
    );
}

#[test]
fn answers_are_checked_with_defaults_from_earlier_answers() {
    let t = app();
    let empty = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "genesys-byoc", "answers": {} } }),
        )
        .unwrap();
    let paths: Vec<&str> = empty["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    for p in [
        "answers.region",
        "answers.identifier",
        "answers.genesys_sip_addresses",
        "answers.numbers",
        "answers.dtmf_payload",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    let dtmf = empty["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "answers.dtmf_payload")
        .unwrap();
    assert!(
        dtmf["message"]
            .as_str()
            .unwrap()
            .contains("could not verify"),
        "an unverified default must be confirmed: {dtmf}"
    );

    let mut a = genesys_answers();
    a["genesys_sip_addresses"] = json!(["10.0.0.5"]);
    let c = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "genesys-byoc", "answers": a } }),
        )
        .unwrap();
    let issue = c["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["path"]
                .as_str()
                .unwrap()
                .starts_with("answers.genesys_sip_addresses[0]")
        })
        .unwrap_or_else(|| panic!("private address refused: {c}"));
    assert!(issue["message"].as_str().unwrap().contains("10.0.0.5"));
    let state = |id: &str| {
        c["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(state("twilio_edge")["default"], "dublin");
    assert_eq!(state("calling_number")["default"], "+14155550100");
    assert_eq!(state("trunk_name")["default"], "Genesys acme-twilio");

    // Bolna: the connection-details questions apply only to that edge.
    let b = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "bolna", "answers": { "bolna_edge": "pop" } } }),
        )
        .unwrap();
    let asked = |c: &Value, id: &str| {
        c["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["asked"]
            .as_bool()
            .unwrap()
    };
    assert!(asked(&b, "bolna_ips"));
    assert!(!asked(&b, "sip_username"), "ip-based by default");
}

#[test]
fn an_imported_spec_file_comes_back_as_a_spec_or_as_issues() {
    let t = app();
    let toml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/elastic-trunk.toml"),
    )
    .unwrap();
    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "elastic-trunk.toml", "text": toml } }),
        )
        .unwrap();
    assert_eq!(r["spec"]["kind"], "elastic_trunk");
    assert!(
        !r["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["severity"] == "error"),
        "{r}"
    );

    let json_text = r#"{"version": 1, "kind": "elastic_trunk", "name": "X", "termination_domain": "x.pstn.twilio.com", "colour": "red"}"#;
    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "x.json", "text": json_text } }),
        )
        .unwrap();
    assert!(r["spec"].is_null());
    assert!(
        r["issues"][0]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "an unknown field is named: {r}"
    );

    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "x.toml", "text": "version = 2\nkind = \"byoc\"" } }),
        )
        .unwrap();
    assert_eq!(r["issues"][0]["path"], "version");

    let e = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "huge.toml", "text": "#".repeat(2 * 1024 * 1024) } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "file");
}
