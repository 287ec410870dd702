//! What the exports cannot make themselves, said at the top with what to do instead (the number
//! router is deployed by `switchboard apply`), the trunk, domain and numbers pointed at the
//! router's address given as an input, and BYOC inbound as a SIP domain, one IP record per
//! carrier address and its source IP mapping, in Terraform and in the script.

use switchboard_core::export::{Format, export_text as export};
use switchboard_core::spec::Spec;

use super::{INBOUND, calls_of, example_text, flag, parse_hcl, run_script, sip_router, specs};
use crate::preset_common::repo_root;

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
