//! A BYOC trunk and a SIP domain, in the shape the UI sends them, validated, planned, applied and
//! planned again to nothing; the domain's address is free before and taken after.

use serde_json::json;

use crate::support::*;
use crate::{PASSWORD, wizard_app};

#[test]
fn byoc_and_sip_domain_specs_as_the_ui_sends_them_plan_and_apply() {
    let (t, _sandbox) = wizard_app();
    // The UI's shape: every field present, absent optionals as null, no `version`.
    let byoc = json!({
        "kind": "byoc",
        "connection_policy": { "name": "Acme carrier", "targets": [
            { "name": null, "sip_url": "sip:sbc1.carrier.example.com:5060", "priority": 10, "weight": 10, "enabled": true },
            { "name": "backup", "sip_url": "sip:sbc2.carrier.example.com:5060", "priority": 20, "weight": 10, "enabled": true }
        ] },
        "trunk": {
            "name": "Acme carrier trunk", "voice_url": "https://example.com/voice", "voice_method": "POST",
            "fallback_url": null, "fallback_method": "POST", "status_callback_url": null,
            "status_callback_method": "POST", "cnam_lookup": false, "from_domain": null
        },
        "router": null
    });
    assert_eq!(
        t.invoke("validate_spec", json!({ "spec": byoc })).unwrap(),
        json!([])
    );
    let plan = t
        .invoke("plan_spec", json!({ "spec": byoc }))
        .expect("byoc plan");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:1" }),
        )
        .unwrap();
    assert_eq!(out["ok"], true, "{out}");
    assert!(
        out["created"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["sid"].as_str().unwrap().starts_with("BY"))
    );
    assert_eq!(
        t.invoke("plan_spec", json!({ "spec": byoc })).unwrap()["empty"],
        true
    );
    let sheet = t.invoke("done_sheet", json!({ "spec": byoc })).unwrap();
    assert!(
        sheet
            .to_string()
            .contains("sip:sbc2.carrier.example.com:5060")
    );

    let domain = json!({
        "kind": "sip_domain", "domain": "acme-phones.sip.twilio.com", "friendly_name": null,
        "voice_url": "https://example.com/phones", "voice_method": "POST", "registration": true,
        "emergency_calling": false, "secure": false,
        "credential_lists": [{ "name": "Acme phones", "usernames": ["alice", "bob"], "calls": true, "registrations": true }],
        "ip_acls": [], "router": null
    });
    let free = t
        .invoke(
            "domain_available",
            json!({ "kind": "sip_domain", "label": "acme-phones" }),
        )
        .unwrap();
    assert_eq!(free["available"], true, "{free}");
    let plan = t.invoke("plan_spec", json!({ "spec": domain })).unwrap();
    for user in ["alice", "bob"] {
        t.invoke(
            "set_sip_password",
            json!({ "list": "Acme phones", "username": user, "password": PASSWORD }),
        )
        .unwrap();
    }
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:2" }),
        )
        .unwrap();
    assert_eq!(out["ok"], true, "{out}");
    let taken = t
        .invoke(
            "domain_available",
            json!({ "kind": "sip_domain", "label": "acme-phones" }),
        )
        .unwrap();
    assert_eq!(taken["available"], false, "{taken}");
    assert!(files_containing(t.dirs.path(), PASSWORD).is_empty());
}
