//! The Terraform export parsed back with hcl-rs: every reference names a declared resource, no
//! literal password, the Genesys example's values, strings escaped so `${...}` stays text, and
//! names that normalise alike given distinct labels (in the twilio-cli script too).

use switchboard_core::export::{Format, export_text as export};
use switchboard_core::spec::Spec;

use super::{parse_hcl, specs};
use crate::preset_common::golden;

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
