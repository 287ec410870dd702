//! Exports of specs: TOML / JSON round trips, Terraform HCL parsed back with hcl-rs, the
//! twilio-cli script run against a recording stand-in for `twilio`, and golden files for each.
//! Regenerate goldens with `UPDATE_GOLDEN=1 cargo test -p switchboard-core --test integration -- export_formats`.

use crate::preset_common;

use std::collections::BTreeMap;

use preset_common::{build_example, golden, repo_root};
use switchboard_core::export::{Format, export_text as export, shell_quote, spec_json};
use switchboard_core::spec::Spec;

fn specs() -> Vec<(&'static str, Spec)> {
    let ex =
        |f: &str| Spec::from_path(&repo_root().join("examples").join(f)).expect("example spec");
    vec![
        (
            "genesys",
            build_example("genesys-byoc", "genesys.toml").spec,
        ),
        ("bolna", build_example("bolna", "bolna.toml").spec),
        ("elastic", ex("elastic-trunk.toml")),
        ("byoc", ex("byoc.toml")),
        ("sip-domain", ex("sip-domain.toml")),
        ("byoc-router", ex("byoc-router.toml")),
        ("byoc-inbound", byoc_inbound()),
        ("sip-router", sip_router()),
    ]
}

fn example_text(f: &str) -> String {
    std::fs::read_to_string(repo_root().join("examples").join(f)).expect("example spec")
}

/// examples/byoc.toml, and the carrier's calls come in by its source addresses.
fn byoc_inbound() -> Spec {
    Spec::from_toml_str(&format!("{}{INBOUND}", example_text("byoc.toml"))).unwrap()
}

const INBOUND: &str = r#"
[inbound]
sip_domain = "carrier-x.sip.twilio.com"
carrier_ips = ["52.215.127.30", "54.172.60.0/30"]
"#;

/// examples/sip-domain.toml with a number router instead of one voice URL.
fn sip_router() -> Spec {
    let text = example_text("sip-domain.toml")
        .replace("voice_url = \"https://hooks.acme-corp.com/sip\"\n", "");
    Spec::from_toml_str(&format!(
        r#"{text}
[router]
service_name = "acme-phones-router"

[[router.rows]]
number = "+14155550100"
destination = {{ kind = "sip", uri = "sip:desk-101@acme.sip.twilio.com" }}

[[router.rows]]
number = "+14155550101"
destination = {{ kind = "webhook", url = "https://hooks.acme-corp.com/sales" }}

[router.default]
kind = "webhook"
url = "https://hooks.acme-corp.com/sip"
"#
    ))
    .unwrap()
}

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

/// resource type → label → attribute → expression text.
type Resources = BTreeMap<(String, String), BTreeMap<String, String>>;

fn parse_hcl(text: &str) -> Resources {
    let body: hcl::Body = hcl::from_str(text).expect("the Terraform export parses as HCL");
    let mut out = Resources::new();
    for b in body.blocks().filter(|b| b.identifier() == "resource") {
        let labels: Vec<String> = b.labels().iter().map(|l| l.as_str().to_string()).collect();
        assert_eq!(labels.len(), 2, "a resource has a type and a name");
        let attrs = b
            .body()
            .attributes()
            .map(|a| (a.key().to_string(), a.expr().to_string()))
            .collect();
        let key = (labels[0].clone(), labels[1].clone());
        assert!(
            out.insert(key.clone(), attrs).is_none(),
            "{key:?} is declared twice"
        );
    }
    out
}

#[test]
fn terraform_parses_and_references_resolve() {
    for (name, spec) in specs() {
        let text = export(&spec, Format::Terraform);
        golden(&format!("{name}.tf"), &text);
        let res = parse_hcl(&text);
        assert!(!res.is_empty(), "{name} declares resources");
        for attrs in res.values() {
            for v in attrs.values() {
                if let Some(r) = v.strip_suffix(".sid") {
                    let (ty, label) = r.split_once('.').expect("type.name.sid");
                    assert!(
                        res.contains_key(&(ty.to_string(), label.to_string())),
                        "{name}: `{v}` refers to an undeclared resource"
                    );
                }
            }
        }
        assert!(
            !text.contains("password = \""),
            "{name}: no literal passwords"
        );
    }
    let g = export(&specs()[0].1, Format::Terraform);
    let res = parse_hcl(&g);
    let trunk = &res[&("twilio_trunking_trunks_v1".into(), "trunk".into())];
    assert_eq!(trunk["domain_name"], "\"acme-genesys.pstn.twilio.com\"");
    assert_eq!(trunk["secure"], "false");
    let o = res
        .iter()
        .find(|((t, _), _)| t == "twilio_trunking_trunks_origination_urls_v1")
        .unwrap()
        .1;
    assert_eq!(o["sip_url"], "\"sip:acme-twilio.byoc.mypurecloud.ie\"");
    assert_eq!(o["trunk_sid"], "twilio_trunking_trunks_v1.trunk.sid");
    let cred = res
        .iter()
        .find(|((t, _), _)| t == "twilio_api_accounts_sip_credential_lists_credentials_v2010")
        .unwrap()
        .1;
    assert!(cred["password"].starts_with("var.sip_password_"));
    let n = res
        .iter()
        .filter(|((t, _), _)| t == "twilio_trunking_trunks_phone_numbers_v1")
        .count();
    assert_eq!(n, 2);
    assert_eq!(
        res.keys()
            .filter(
                |(t, _)| t == "twilio_api_accounts_sip_ip_access_control_lists_ip_addresses_v2010"
            )
            .count(),
        2
    );
}

#[test]
fn terraform_strings_are_escaped() {
    let spec = Spec::from_toml_str(
        r#"version = 1
kind = "elastic_trunk"
name = "Acme \"HQ\" ${var.x} %{ if }"
termination_domain = "acme-hq.pstn.twilio.com"
"#,
    )
    .unwrap();
    let res = parse_hcl(&export(&spec, Format::Terraform));
    let body: hcl::Body = hcl::from_str(&export(&spec, Format::Terraform)).unwrap();
    let name = body
        .blocks()
        .find(|b| b.identifier() == "resource")
        .unwrap()
        .body()
        .attributes()
        .find(|a| a.key() == "friendly_name")
        .unwrap()
        .expr()
        .clone();
    assert!(matches!(
        name,
        hcl::Expression::String(_) | hcl::Expression::TemplateExpr(_)
    ));
    assert!(res.values().next().unwrap()["friendly_name"].contains("$${var.x}"));
}

#[test]
fn twilio_cli_script_passes_values_through_exactly() {
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    let spec = Spec::from_toml_str(
        r#"version = 1
kind = "elastic_trunk"
name = "Bob's $HOME `x` trunk"
termination_domain = "acme-bob.pstn.twilio.com"
numbers = ["+12125552368"]
[[credential_lists]]
name = "Bob's users"
usernames = ["bob"]
[[ip_acls]]
name = "Office"
addresses = ["52.215.127.10", "54.172.60.0/30"]
[[origination_urls]]
name = "PBX"
sip_url = "sip:pbx.example.com;transport=tcp"
"#,
    )
    .unwrap();
    let script = export(&spec, Format::TwilioCli);
    golden("quoting.twilio-cli.sh", &script);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("calls.log");
    // A stand-in for twilio-cli: logs each argument on its own line and prints a fake SID.
    let fake = dir.path().join("twilio");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\necho '--' >> '{}'\necho SIDFAKE\n",
            log.display(),
            log.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fake)
        .status()
        .unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("PATH", &path)
        .env_remove("SIP_PASSWORD_BOB_S_USERS_BOB")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the script refuses to run without the password"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("SIP_PASSWORD_BOB_S_USERS_BOB"));
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("PATH", &path)
        .env("SIP_PASSWORD_BOB_S_USERS_BOB", "Pa ss'word1X")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls = std::fs::read_to_string(&log).unwrap();
    let calls: Vec<Vec<&str>> = calls
        .split("--\n")
        .filter(|c| !c.is_empty())
        .map(|c| c.lines().collect())
        .collect();
    let first = &calls[0];
    assert_eq!(first[0], "api:trunking:v1:trunks:create");
    let arg =
        |c: &[&str], flag: &str| c[c.iter().position(|a| *a == flag).unwrap() + 1].to_string();
    assert_eq!(arg(first, "--friendly-name"), "Bob's $HOME `x` trunk");
    let cred = calls
        .iter()
        .find(|c| c[0] == "api:core:sip:credential-lists:credentials:create")
        .unwrap();
    assert_eq!(arg(cred, "--password"), "Pa ss'word1X");
    assert_eq!(arg(cred, "--credential-list-sid"), "SIDFAKE");
    let ips: Vec<_> = calls
        .iter()
        .filter(|c| c[0] == "api:core:sip:ip-access-control-lists:ip-addresses:create")
        .map(|c| (arg(c, "--ip-address"), arg(c, "--cidr-prefix-length")))
        .collect();
    assert_eq!(
        ips,
        [
            ("52.215.127.10".into(), "32".into()),
            ("54.172.60.0".into(), "30".into())
        ]
    );
    let o = calls
        .iter()
        .find(|c| c[0] == "api:trunking:v1:trunks:origination-urls:create")
        .unwrap();
    assert_eq!(arg(o, "--sip-url"), "sip:pbx.example.com;transport=tcp");
    assert!(
        calls
            .iter()
            .any(|c| c[0] == "api:trunking:v1:trunks:phone-numbers:create")
    );
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

#[test]
fn names_that_normalise_alike_get_distinct_labels() {
    let spec = Spec::from_toml_str(
        r#"version = 1
kind = "elastic_trunk"
name = "T"
termination_domain = "acme-t.pstn.twilio.com"
[[ip_acls]]
name = "Office A"
addresses = ["52.215.127.10"]
[[ip_acls]]
name = "office-a"
addresses = ["52.215.127.11"]
"#,
    )
    .unwrap();
    let res = parse_hcl(&export(&spec, Format::Terraform));
    let acls: Vec<_> = res
        .keys()
        .filter(|(t, _)| t == "twilio_api_accounts_sip_ip_access_control_lists_v2010")
        .map(|(_, l)| l.as_str())
        .collect();
    assert_eq!(acls, ["acl_office_a", "acl_office_a_2"]);
    let script = export(&spec, Format::TwilioCli);
    assert!(script.contains("ACL_OFFICE_A=$(") && script.contains("ACL_OFFICE_A_2=$("));
}

/// Runs a twilio-cli export against a stand-in for `twilio` that logs each call's arguments and
/// prints a fake SID; returns the run and the calls, one argument list each.
fn run_script(script: &str, env: &[(&str, &str)]) -> (std::process::Output, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("calls.log");
    let fake = dir.path().join("twilio");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{0}'; done\necho '--' >> '{0}'\necho SIDFAKE\n",
            log.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fake)
        .status()
        .unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .env("PATH", &path)
        .env_remove("ROUTER_VOICE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let calls = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .split("--\n")
        .filter(|c| !c.is_empty())
        .map(|c| c.lines().map(str::to_string).collect())
        .collect();
    (out, calls)
}

fn flag(call: &[String], name: &str) -> String {
    let at = call
        .iter()
        .position(|a| a == name)
        .unwrap_or_else(|| panic!("{name} missing in {call:?}"));
    call[at + 1].clone()
}

fn calls_of<'a>(calls: &'a [Vec<String>], cmd: &str) -> Vec<&'a Vec<String>> {
    calls.iter().filter(|c| c[0] == cmd).collect()
}

/// The part of an export before its first command or block: where what is left out is said.
fn top(text: &str) -> &str {
    let end = ["terraform {", "set -eu"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap();
    &text[..end]
}

#[test]
fn the_router_is_named_at_the_top_with_what_to_do_instead() {
    let byoc = Spec::from_path(&repo_root().join("examples/byoc-router.toml")).unwrap();
    for (format, url_input) in [
        (Format::Terraform, "var.router_voice_url"),
        (Format::TwilioCli, "$ROUTER_VOICE_URL"),
    ] {
        let text = export(&byoc, format);
        let head = top(&text);
        for want in [
            "NOT IN THIS FILE: the number router.",
            "Serverless service \"carrier-y-router\"",
            "`switchboard apply <spec file>`",
            url_input,
            "https://carrier-y-router-NNNN.twil.io/switchboard-router",
            "+14155550100 -> webhook https://hooks.acme-corp.com/sales",
            "+14155550101 -> Studio flow FW0123456789abcdef0123456789abcdef",
            "+14155550102 -> SIP sip:reception@pbx.acme-corp.com",
            "+442071838750 -> phone +14155552671",
            "every other number -> SIP sip:operator@pbx.acme-corp.com",
        ] {
            assert!(
                head.contains(want),
                "{format:?} lacks {want:?} at the top:\n{head}"
            );
        }
    }
    // Specs without a router or inbound say nothing is left out.
    for (name, spec) in specs().into_iter().take(5) {
        for format in [Format::Terraform, Format::TwilioCli] {
            assert!(
                !export(&spec, format).contains("NOT IN THIS FILE"),
                "{name} {format:?}"
            );
        }
    }

    let res = parse_hcl(&export(&byoc, Format::Terraform));
    let trunk = &res[&("twilio_voice_byoc_trunks_v1".into(), "trunk".into())];
    assert_eq!(trunk["voice_url"], "var.router_voice_url");
    assert_eq!(trunk["voice_method"], "\"POST\"");
    let body: hcl::Body = hcl::from_str(&export(&byoc, Format::Terraform)).unwrap();
    assert!(
        body.blocks()
            .any(|b| b.identifier() == "variable" && b.labels()[0].as_str() == "router_voice_url"),
        "the router's address is a variable"
    );

    let sip = sip_router();
    let text = export(&sip, Format::Terraform);
    let res = parse_hcl(&text);
    let d = &res[&(
        "twilio_api_accounts_sip_domains_v2010".into(),
        "domain".into(),
    )];
    assert_eq!(d["voice_url"], "var.router_voice_url");
    let numbers_note = text
        .split("\n\n")
        .find(|p| p.contains("NOT IN THIS FILE: pointing the routed numbers at the router"))
        .expect("the numbers Terraform cannot point are named");
    assert!(numbers_note.contains("+14155550100") && numbers_note.contains("+14155550101"));
}

#[test]
fn the_script_points_the_trunk_domain_and_numbers_at_the_router() {
    let url = "https://carrier-y-router-1234.twil.io/switchboard-router";
    let byoc =
        Spec::from_toml_str(&format!("{}{INBOUND}", example_text("byoc-router.toml"))).unwrap();
    let script = export(&byoc, Format::TwilioCli);
    let (out, calls) = run_script(&script, &[]);
    assert!(!out.status.success(), "no router address, no run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ROUTER_VOICE_URL"));
    assert!(
        calls.is_empty(),
        "nothing is created before the check: {calls:?}"
    );

    let (out, calls) = run_script(&script, &[("ROUTER_VOICE_URL", url)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trunk = calls_of(&calls, "api:voice:v1:byoc-trunks:create");
    assert_eq!(flag(trunk[0], "--voice-url"), url);
    assert_eq!(flag(trunk[0], "--voice-method"), "POST");

    let sip = export(&sip_router(), Format::TwilioCli);
    let (out, calls) = run_script(
        &sip,
        &[
            ("ROUTER_VOICE_URL", url),
            ("SIP_PASSWORD_ACME_PHONES_DESK_101", "Desk101-Passw0rd!"),
            ("SIP_PASSWORD_ACME_PHONES_DESK_102", "Desk102-Passw0rd!"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let domain = calls_of(&calls, "api:core:sip:domains:create");
    assert_eq!(flag(domain[0], "--voice-url"), url);
    let looked_up: Vec<String> = calls_of(&calls, "api:core:incoming-phone-numbers:list")
        .iter()
        .map(|c| flag(c, "--phone-number"))
        .collect();
    assert_eq!(looked_up, ["+14155550100", "+14155550101"]);
    let updates = calls_of(&calls, "api:core:incoming-phone-numbers:update");
    assert_eq!(updates.len(), 2);
    for u in updates {
        assert_eq!(
            (
                flag(u, "--sid"),
                flag(u, "--voice-url"),
                flag(u, "--voice-method")
            ),
            ("SIDFAKE".to_string(), url.to_string(), "POST".to_string())
        );
    }
    assert!(
        !calls
            .iter()
            .any(|c| c[0].starts_with("api:core:incoming-phone-numbers:")
                && (c[0].ends_with(":remove") || c[0].ends_with(":delete"))),
        "numbers are never released"
    );
}

#[test]
fn byoc_inbound_becomes_a_domain_ip_records_and_mappings() {
    let text = format!(
        "{}{}",
        example_text("byoc.toml"),
        INBOUND.replace(
            "\"54.172.60.0/30\"]",
            "\"54.172.60.0/30\", \"52.215.127.30\", \"10.0.0.300\"]"
        )
    );
    let spec = Spec::from_toml_str(&text).unwrap();

    let tf = export(&spec, Format::Terraform);
    let res = parse_hcl(&tf);
    let d = &res[&(
        "twilio_api_accounts_sip_domains_v2010".into(),
        "inbound".into(),
    )];
    assert_eq!(d["domain_name"], "\"carrier-x.sip.twilio.com\"");
    assert_eq!(d["byoc_trunk_sid"], "twilio_voice_byoc_trunks_v1.trunk.sid");
    let records: Vec<(&str, &str, &str)> = res
        .iter()
        .filter(|((t, _), _)| t == "twilio_voice_ip_records_v1")
        .map(|((_, l), a)| {
            (
                l.as_str(),
                a["ip_address"].as_str(),
                a["cidr_prefix_length"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        records,
        [
            ("carrier_1", "\"52.215.127.30\"", "32"),
            ("carrier_2", "\"54.172.60.0\"", "30")
        ],
        "each address once"
    );
    for (label, ..) in &records {
        let m = &res[&(
            "twilio_voice_source_ip_mappings_v1".into(),
            label.to_string(),
        )];
        assert_eq!(
            m["ip_record_sid"],
            format!("twilio_voice_ip_records_v1.{label}.sid")
        );
        assert_eq!(
            m["sip_domain_sid"],
            "twilio_api_accounts_sip_domains_v2010.inbound.sid"
        );
    }
    assert!(
        tf.contains("NOT IN THIS FILE: carrier addresses that are not valid:\n#   `10.0.0.300`"),
        "{tf}"
    );

    let (out, calls) = run_script(&export(&spec, Format::TwilioCli), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let domain = calls_of(&calls, "api:core:sip:domains:create");
    assert_eq!(flag(domain[0], "--domain-name"), "carrier-x.sip.twilio.com");
    assert_eq!(flag(domain[0], "--byoc-trunk-sid"), "SIDFAKE");
    let records: Vec<(String, String)> = calls_of(&calls, "api:voice:v1:ip-records:create")
        .iter()
        .map(|c| (flag(c, "--ip-address"), flag(c, "--cidr-prefix-length")))
        .collect();
    assert_eq!(
        records,
        [
            ("52.215.127.30".to_string(), "32".to_string()),
            ("54.172.60.0".to_string(), "30".to_string())
        ]
    );
    let maps = calls_of(&calls, "api:voice:v1:source-ip-mappings:create");
    assert_eq!(maps.len(), 2);
    assert_eq!(flag(maps[0], "--sip-domain-sid"), "SIDFAKE");
    assert_eq!(flag(maps[0], "--ip-record-sid"), "SIDFAKE");
}
