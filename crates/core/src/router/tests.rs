use serde_json::json;

use super::*;
use crate::validate::Severity;

const AC: &str = "AC0de5a4db0c5e11aa0de5a4db0c5e11aa";

fn table() -> RouterSpec {
    serde_json::from_value(json!({
        "service_name": "acme-router",
        "rows": [
            {"number": "+14155550100", "destination": {"kind": "webhook", "url": "https://crm.example.com/voice?team=sales&x=1"}},
            {"number": "+14155550101", "destination": {"kind": "studio_flow", "flow_sid": "FW0123456789abcdef0123456789abcdef"}},
            {"number": "+14155550102", "destination": {"kind": "sip", "uri": "sip:reception@pbx.example.com;transport=tls"}},
            {"number": "+442071838750", "destination": {"kind": "phone", "number": "+14155552671", "caller_id": "+14155550100"}}
        ],
        "default": {"kind": "sip", "uri": "sip:operator@pbx.example.com"}
    }))
    .unwrap()
}

fn errors(spec: &RouterSpec) -> Vec<(String, String)> {
    spec.issues("router")
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.path, i.message))
        .collect()
}

#[test]
fn a_good_table_has_no_errors_and_round_trips() {
    let t = table();
    assert!(errors(&t).is_empty(), "{:?}", errors(&t));
    let back: RouterSpec = serde_json::from_value(serde_json::to_value(&t).unwrap()).unwrap();
    assert_eq!(back, t);
    let v = serde_json::to_value(&t.rows[3].destination).unwrap();
    assert_eq!(
        v,
        json!({"kind": "phone", "number": "+14155552671", "caller_id": "+14155550100"})
    );
}

#[test]
fn bad_fields_are_named() {
    let t: RouterSpec = serde_json::from_value(json!({
        "service_name": "acme router",
        "rows": [
            {"number": "4155550100", "destination": {"kind": "webhook", "url": "http://crm.example.com/voice"}},
            {"number": "+14155550101", "destination": {"kind": "studio_flow", "flow_sid": "FX0123"}},
            {"number": "+14155550101", "destination": {"kind": "sip", "uri": "pbx.example.com"}},
            {"number": "+14155550103", "destination": {"kind": "phone", "number": "+1 415 555 2671", "caller_id": "nobody"}}
        ],
        "default": {"kind": "webhook", "url": "not a url"}
    }))
    .unwrap();
    let e = errors(&t);
    let paths: Vec<&str> = e.iter().map(|(p, _)| p.as_str()).collect();
    for want in [
        "router.service_name",
        "router.rows[0].number",
        "router.rows[0].destination.url",
        "router.rows[1].destination.flow_sid",
        "router.rows[2].number",
        "router.rows[2].destination.uri",
        "router.rows[3].destination.number",
        "router.rows[3].destination.caller_id",
        "router.default.url",
    ] {
        assert!(paths.contains(&want), "{want} missing from {e:?}");
    }
    let dup = e
        .iter()
        .find(|(p, _)| p == "router.rows[2].number")
        .unwrap();
    assert!(dup.1.contains("row 2"), "{dup:?}");
    let https = e
        .iter()
        .find(|(p, _)| p == "router.rows[0].destination.url")
        .unwrap();
    assert!(https.1.contains("https://"), "{https:?}");
    // an unknown kind or field is refused by serde
    assert!(serde_json::from_value::<Destination>(json!({"kind": "queue", "name": "x"})).is_err());
    assert!(
        serde_json::from_value::<Destination>(
            json!({"kind": "webhook", "url": "https://a.b", "x": 1})
        )
        .is_err()
    );
    let long = RouterSpec {
        service_name: "a".repeat(51),
        ..table()
    };
    assert_eq!(errors(&long)[0].0, "router.service_name");
}

#[test]
fn twiml_per_destination_is_escaped() {
    let t = table();
    assert_eq!(
        twiml_for(&t.rows[0].destination, AC),
        r#"<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">https://crm.example.com/voice?team=sales&amp;x=1</Redirect></Response>"#
    );
    assert_eq!(
        twiml_for(&t.rows[1].destination, AC),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">https://webhooks.twilio.com/v1/Accounts/{AC}/Flows/FW0123456789abcdef0123456789abcdef</Redirect></Response>"#
        )
    );
    assert_eq!(
        twiml_for(&t.rows[3].destination, AC),
        r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+14155550100"><Number>+14155552671</Number></Dial></Response>"#
    );
}

#[test]
fn generation_is_deterministic_and_changes_with_the_table() {
    let t = table();
    let a = generate(&t, AC);
    assert_eq!(a, generate(&t.clone(), AC));
    let mut reordered = t.clone();
    reordered.rows.reverse();
    assert_eq!(
        a.lines()
            .filter(|l| l.starts_with("  \"+"))
            .collect::<Vec<_>>(),
        generate(&reordered, AC)
            .lines()
            .filter(|l| l.starts_with("  \"+"))
            .collect::<Vec<_>>(),
        "the lookup table does not depend on row order"
    );
    let mut edited = t.clone();
    edited.rows[0].destination = Destination::Phone {
        number: "+14155559999".into(),
        caller_id: None,
    };
    assert_ne!(a, generate(&edited, AC));
}

/// The parameters Twilio posts to a voice URL for an inbound call.
fn twilio_params(to: &str, from: &str) -> serde_json::Value {
    json!({
        "AccountSid": AC,
        "ApiVersion": "2010-04-01",
        "CallSid": "CA0123456789abcdef0123456789abcdef",
        "CallStatus": "ringing",
        "CallToken": "%7B%22parentCallInfoToken%22%3A%22eyJ%22%7D",
        "Called": to,
        "CalledCountry": "US",
        "Caller": from,
        "CallerCountry": "US",
        "Direction": "inbound",
        "From": from,
        "FromCountry": "US",
        "StirVerstat": "TN-Validation-Passed-A",
        "To": to,
        "ToCountry": "US",
        "request": {"headers": {}, "cookies": {}},
    })
}

#[tokio::test]
async fn the_generated_function_answers_every_row_and_the_default() {
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("node is not installed: skipped");
        return;
    }
    let t = table();
    let code = generate(&t, AC);
    let run = |to: &'static str| {
        let code = code.clone();
        async move {
            let r = switchboard_sandbox::run_function(
                "node",
                &code,
                json!({"ACCOUNT_SID": AC, "DOMAIN_NAME": "acme-router-1234.twil.io", "PATH": ROUTER_PATH}),
                twilio_params(to, "+12125550000"),
            )
            .await
            .unwrap_or_else(|e| panic!("{to}: {e}"));
            assert_eq!(r.status, 200);
            assert_eq!(r.content_type(), Some("text/xml"));
            r.body
        }
    };
    for row in &t.rows {
        let want = twiml_for(&row.destination, AC);
        let n: &'static str = Box::leak(row.number.clone().into_boxed_str());
        assert_eq!(run(n).await, want, "To={n}");
        // as a SIP domain sends it
        let sip: &'static str =
            Box::leak(format!("sip:{n}@acme.sip.twilio.com;transport=tls").into_boxed_str());
        assert_eq!(run(sip).await, want, "To={sip}");
    }
    // a SIP phone dialling the number without '+'
    assert_eq!(
        run("sip:14155550102@acme.sip.twilio.com").await,
        twiml_for(&t.rows[2].destination, AC)
    );
    let default = twiml_for(&t.default, AC);
    assert_eq!(run("+14155550199").await, default);
    assert_eq!(run("sip:1001@acme.sip.twilio.com").await, default);
    assert_eq!(run("").await, default);
}
