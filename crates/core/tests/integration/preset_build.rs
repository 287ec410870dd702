//! Presets from answers to spec and sheet: every built-in preset loads and builds, specs pass
//! `spec::validate`, sheets match their golden files, invalid answers are refused by name, and
//! a preset loaded from a directory works with no code.

use crate::preset_common;

use preset_common::{answers, build_example, example, golden};
use switchboard_core::export::sheet_html;
use switchboard_core::preset::{Catalog, Kind, build, check_answers};
use switchboard_core::spec::{self, Spec};
use switchboard_core::validate::has_errors;

fn elastic(s: &Spec) -> &switchboard_core::spec::ElasticTrunk {
    match s {
        Spec::ElasticTrunk(t) => t,
        other => panic!("expected an elastic trunk, got {other:?}"),
    }
}

#[test]
fn builtin_presets_load() {
    let c = Catalog::builtin();
    let ids: Vec<_> = c.presets.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "genesys-byoc",
            "bolna",
            "sbc-failover",
            "ip-pbx",
            "cloud-pbx-credentials"
        ]
    );
}

#[test]
fn genesys_builds_the_twilio_side_and_the_sheet() {
    let b = build_example("genesys-byoc", "genesys.toml");
    assert!(!has_errors(&spec::validate(&b.spec)));
    let t = elastic(&b.spec);
    assert_eq!(t.termination_domain, "acme-genesys.pstn.twilio.com");
    assert!(!t.secure);
    assert_eq!(
        t.origination_urls[0].sip_url,
        "sip:acme-twilio.byoc.mypurecloud.ie"
    );
    assert_eq!(t.ip_acls[0].addresses, ["52.215.127.10", "52.215.127.11"]);
    assert_eq!(t.credential_lists[0].usernames, ["genesys-acme-twilio"]);
    assert_eq!(t.numbers, ["+12125552368", "+13125557412"]);
    assert_eq!(b.secrets.len(), 1);
    assert_eq!(
        b.secrets[0].username.as_deref(),
        Some("genesys-acme-twilio")
    );
    let pw = b.secrets[0].password.expose().clone();
    let sheet = toml::to_string(&b.sheet).unwrap();
    assert!(
        !sheet.contains(&pw),
        "the password must never be on the sheet"
    );
    assert!(!b.spec.to_toml().contains(&pw));
    assert!(
        !format!("{b:?}").contains(&pw),
        "Debug output redacts the password"
    );
    let trunk = b.sheet.section("external-trunk").unwrap();
    let get = |f: &str| {
        trunk
            .rows
            .iter()
            .find(|r| r.field == f)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(get("Type"), "BYOC Carrier > Generic BYOC Carrier");
    assert_eq!(
        get("SIP Servers or Proxies: Hostname"),
        "acme-genesys.pstn.dublin.twilio.com"
    );
    assert_eq!(get("Digest Realm"), "sip.twilio.com");
    assert!(get("Digest Password").contains("generated password"));
    let id = b.sheet.section("identity").unwrap();
    assert_eq!(id.rows[0].value, "+12125552368");
    assert_eq!(id.rows[1].value, "Always");
    golden("genesys-sheet.toml", &sheet);
    golden("genesys-sheet.html", &sheet_html(&b.sheet));
    golden("genesys-spec.toml", &b.spec.to_toml());
}

#[test]
fn genesys_tls_means_secure_trunking_and_says_so() {
    let mut a = example("genesys.toml");
    a.insert("transport".into(), "tls".into());
    a.insert("platform".into(), "dcv".into());
    a.insert("region".into(), "usw2.pure.cloud".into());
    let b = build(Catalog::builtin().get("genesys-byoc").unwrap(), &a).unwrap();
    let t = elastic(&b.spec);
    assert!(t.secure);
    assert_eq!(
        t.origination_urls[0].sip_url,
        "sip:acme-twilio.byoc.usw2.genesys.cloud:5061;transport=tls"
    );
    assert!(b.sheet.warnings[0].contains("SRTP"));
    let trunk = b.sheet.section("external-trunk").unwrap();
    assert!(
        trunk
            .rows
            .iter()
            .any(|r| r.field.ends_with("Port") && r.value == "5061")
    );
    assert!(
        trunk
            .rows
            .iter()
            .any(|r| r.value == "acme-genesys.pstn.umatilla.twilio.com")
    );
}

#[test]
fn bolna_builds_ip_based_and_userpass() {
    let b = build_example("bolna", "bolna.toml");
    let t = elastic(&b.spec);
    assert_eq!(t.origination_urls[0].sip_url, "sip:13.200.45.61:5060");
    assert_eq!(t.ip_acls[0].addresses, ["13.200.45.61"]);
    assert!(t.credential_lists.is_empty() && b.secrets.is_empty());
    let body: serde_json::Value = serde_json::from_str(
        b.sheet
            .section("bolna-trunk-body")
            .unwrap()
            .code
            .as_ref()
            .unwrap(),
    )
    .expect("the trunk body is JSON ready to copy");
    assert_eq!(body["auth_type"], "ip-based");
    assert_eq!(
        body["gateways"][0]["gateway_address"],
        "acme-bolna.pstn.twilio.com"
    );
    assert_eq!(body["ip_identifiers"].as_array().unwrap().len(), 8);
    let nums: serde_json::Value = serde_json::from_str(
        b.sheet
            .section("bolna-number-bodies")
            .unwrap()
            .code
            .as_ref()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(nums[1]["phone_number"], "+13105559032");
    golden("bolna-sheet.toml", &toml::to_string(&b.sheet).unwrap());
    golden("bolna-sheet.html", &sheet_html(&b.sheet));
    golden("bolna-spec.toml", &b.spec.to_toml());

    let a = answers(
        r#"auth_type = "userpass"
bolna_edge = "pop"
bolna_sip_host = "trunk.bolna.ai"
bolna_ips = "13.206.230.198, 13.200.45.61"
termination_label = "acme-bolna"
numbers = ["+16175553049"]"#,
    );
    let b = build(Catalog::builtin().get("bolna").unwrap(), &a).unwrap();
    let t = elastic(&b.spec);
    assert!(t.ip_acls.is_empty());
    assert_eq!(t.credential_lists[0].usernames, ["bolna-acme-bolna"]);
    assert_eq!(t.origination_urls[0].sip_url, "sip:trunk.bolna.ai:5060");
    let code = b
        .sheet
        .section("bolna-trunk-body")
        .unwrap()
        .code
        .clone()
        .unwrap();
    let body: serde_json::Value = serde_json::from_str(&code).unwrap();
    assert_eq!(body["auth_username"], "bolna-acme-bolna");
    assert_eq!(body["auth_password"], "<the generated password>");
    assert!(!code.contains(b.secrets[0].password.expose().as_str()));
    assert!(
        b.sheet
            .warnings
            .iter()
            .any(|w| w.contains("GET /trunk/pop"))
    );
}

#[test]
fn generic_presets_build() {
    let c = Catalog::builtin();
    let a = answers(
        r#"trunk_name = "Acme SBCs"
termination_label = "acme-sbc"
primary_address = "52.215.127.10"
backup_address = "52.215.127.20"
numbers = ["+12125552368"]"#,
    );
    let b = build(c.get("sbc-failover").unwrap(), &a).unwrap();
    let t = elastic(&b.spec);
    let o: Vec<_> = t
        .origination_urls
        .iter()
        .map(|o| (o.sip_url.as_str(), o.priority))
        .collect();
    assert_eq!(
        o,
        [
            ("sip:52.215.127.10:5060", 10),
            ("sip:52.215.127.20:5060", 20)
        ]
    );
    assert_eq!(t.ip_acls[0].addresses, ["52.215.127.10", "52.215.127.20"]);
    golden(
        "sbc-failover-sheet.toml",
        &toml::to_string(&b.sheet).unwrap(),
    );

    let a = answers(
        r#"trunk_name = "Office"
termination_label = "acme-office"
pbx_addresses = ["52.215.127.30"]
numbers = ["+12125552368"]"#,
    );
    let b = build(c.get("ip-pbx").unwrap(), &a).unwrap();
    assert_eq!(
        elastic(&b.spec).origination_urls[0].sip_url,
        "sip:52.215.127.30:5060"
    );
    golden("ip-pbx-sheet.toml", &toml::to_string(&b.sheet).unwrap());

    let a = answers(
        r#"trunk_name = "Hosted"
termination_label = "acme-hosted"
pbx_host = "acme.pbx.example.com"
numbers = ["+12125552368"]"#,
    );
    let b = build(c.get("cloud-pbx-credentials").unwrap(), &a).unwrap();
    assert_eq!(
        elastic(&b.spec).credential_lists[0].usernames,
        ["acme-hosted-pbx"]
    );
    assert_eq!(b.secrets.len(), 1);
    golden("cloud-pbx-sheet.toml", &toml::to_string(&b.sheet).unwrap());
}

#[test]
fn invalid_answers_are_refused_by_name_value_and_rule() {
    let p = Catalog::builtin().get("genesys-byoc").unwrap().clone();
    let mut a = example("genesys.toml");
    a.insert("region".into(), "mars.pure.cloud".into());
    a.insert(
        "genesys_sip_addresses".into(),
        serde_json::json!(["10.0.0.1", "52.215.127.300"]),
    );
    a.insert("numbers".into(), serde_json::json!(["4155552671"]));
    a.insert("termination_label".into(), "Acme_Genesys".into());
    a.insert("transport".into(), "sctp".into());
    a.insert("colour".into(), "blue".into());
    a.remove("dtmf_payload");
    let issues = check_answers(&p, &a);
    let find = |path: &str| {
        issues
            .iter()
            .find(|i| i.path == path)
            .unwrap_or_else(|| panic!("no issue on {path}: {issues:#?}"))
            .message
            .clone()
    };
    assert!(
        find("answers.region")
            .contains("`mars.pure.cloud` is not a choice for Genesys Cloud region")
    );
    assert!(find("answers.transport").contains("`sctp`"));
    assert!(find("answers.genesys_sip_addresses[0].ip_address").contains("10.0.0.1"));
    assert!(find("answers.genesys_sip_addresses[1].ip_address").contains("52.215.127.300"));
    assert!(find("answers.numbers[0]").contains("4155552671"));
    let m = find("answers.termination_label");
    assert!(
        m.contains("`Acme_Genesys`") && m.contains("lower-case"),
        "{m}"
    );
    assert!(find("answers.colour").contains("not a question"));
    let m = find("answers.dtmf_payload");
    assert!(
        m.contains("could not verify") && m.contains("confirm it with"),
        "{m}"
    );
    let mut a = example("genesys.toml");
    a.insert("sip_password".into(), "hunter2".into());
    assert!(
        build(&p, &a).unwrap_err()[0]
            .message
            .contains("generated by Switchboard")
    );
}

#[test]
fn genesys_and_bolna_need_at_most_15_inputs() {
    let c = Catalog::builtin();
    for (id, file) in [("genesys-byoc", "genesys.toml"), ("bolna", "bolna.toml")] {
        let p = c.get(id).unwrap();
        let askable = p
            .questions
            .iter()
            .filter(|q| q.kind != Kind::SecretGenerated)
            .count();
        let typed = example(file).len();
        println!("{id}: {askable} questions at most, {typed} typed in the example");
        assert!(askable <= 15, "{id} asks {askable} questions");
        assert!(typed <= 15, "{id} example needs {typed} inputs");
        let required = p
            .questions
            .iter()
            .filter(|q| q.when.is_none() && q.kind != Kind::SecretGenerated)
            .filter(|q| q.default.is_none() || q.unverified)
            .count();
        assert!(
            required <= typed,
            "{id}: every required answer is in the example"
        );
    }
}

#[test]
fn a_preset_from_a_directory_needs_no_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme-carrier.toml"),
        r#"format = 1
id = "acme-carrier"
version = "0.1.0"
title = "Acme Carrier"
summary = "A carrier added as a data file."
[[questions]]
id = "label"
label = "Termination label"
kind = "text"
[[questions]]
id = "numbers"
label = "Numbers"
kind = "number-list"
[templates]
spec = '''
version = 1
kind = "elastic_trunk"
name = "Acme Carrier"
termination_domain = "{{label}}.pstn.twilio.com"
numbers = {{toml numbers}}
[[origination_urls]]
name = "Acme"
sip_url = "sip:in.acme-carrier.example.com"
'''
sheet = '''
title = "Acme Carrier portal"
[[sections]]
title = "Trunk"
rows = [{ field = "Gateway", value = "{{label}}.pstn.twilio.com" }]
'''
"#,
    )
    .unwrap();
    let c = Catalog::with_dir(dir.path()).unwrap();
    assert_eq!(c.presets.len(), 6);
    let b = build(
        c.get("acme-carrier").unwrap(),
        &answers("label = \"acme-x\"\nnumbers = \"+12125552368\""),
    )
    .unwrap();
    assert_eq!(
        elastic(&b.spec).termination_domain,
        "acme-x.pstn.twilio.com"
    );
    assert_eq!(b.sheet.sections[0].rows[0].value, "acme-x.pstn.twilio.com");

    std::fs::write(dir.path().join("broken.toml"), "format = 1\nid = \"b\"\nversion=\"1\"\ntitle=\"b\"\nsummary=\"b\"\n[templates]\nspec = \"{{#if x}}\"\nsheet = \"\"").unwrap();
    let e = Catalog::with_dir(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("broken.toml") && e.contains("never closed"),
        "{e}"
    );
}
