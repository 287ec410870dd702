//! The router deployed and answering: a BYOC trunk's router made step by step, each number in
//! the table getting its row's TwiML, an unchanged table re-planned as empty and an edited one
//! redeployed (code only); a SIP domain's router answering SIP URIs; a router next to a trunk
//! voice URL refused.

use switchboard_core::engine::{Event, apply, plan};
use switchboard_core::router::{Destination, ROUTER_PATH, twiml_for};
use switchboard_core::spec::Spec;

use super::{example, inbound, node, router_ops};
use crate::engine_common::{options, sandbox};

#[tokio::test]
async fn byoc_router_deploys_answers_each_number_and_updates() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let mut spec = example();
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        router_ops(&p),
        [
            "service",
            "environment",
            "function",
            "upload",
            "build",
            "deploy",
            "voice_url"
        ]
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();

    let state = sb.state_json();
    let env = &state["environments"][0];
    let domain = env["domain_name"].as_str().unwrap();
    assert!(
        domain.starts_with("carrier-y-router-") && domain.ends_with(".twil.io"),
        "{domain}"
    );
    assert!(env["build_sid"].as_str().unwrap().starts_with("ZB"));
    let trunk = state["byoc_trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Carrier Y")
        .unwrap();
    assert_eq!(
        trunk["voice_url"],
        format!("https://{domain}{ROUTER_PATH}").as_str()
    );
    let by = trunk["sid"].as_str().unwrap().to_string();
    assert_eq!(state["function_versions"][0]["visibility"], "protected");

    let again = plan(&spec, &client).await.unwrap();
    assert!(
        again.is_empty(),
        "{:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );

    let Spec::Byoc(b) = &spec else { unreachable!() };
    let router = b.router.clone().unwrap();
    if node() {
        for row in &router.rows {
            let r = inbound(&sb, &row.number, &by).await;
            assert_eq!(r["params"]["To"], row.number.as_str());
            assert_eq!(r["content_type"], "text/xml");
            assert_eq!(
                r["body"],
                twiml_for(&row.destination, sb.account_sid()).as_str(),
                "{}",
                row.number
            );
        }
        let r = inbound(&sb, "+14155550199", &by).await;
        assert_eq!(
            r["body"],
            twiml_for(&router.default, sb.account_sid()).as_str()
        );
    }

    // edit the table: a new destination for one number, one more row
    if let Spec::Byoc(b) = &mut spec {
        let r = b.router.as_mut().unwrap();
        r.rows[0].destination = Destination::Phone {
            number: "+14155559999".into(),
            caller_id: None,
        };
        r.rows.push(switchboard_core::router::RouteRow {
            number: "+14155550103".into(),
            destination: Destination::Webhook {
                url: "https://hooks.acme-corp.com/support".into(),
            },
        });
    }
    let p = plan(&spec, &client).await.unwrap();
    assert_eq!(
        router_ops(&p),
        ["upload", "build", "deploy"],
        "only the code changes"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(plan(&spec, &client).await.unwrap().is_empty());
    if node() {
        let r = inbound(&sb, "+14155550100", &by).await;
        assert_eq!(
            r["body"],
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Number>+14155559999</Number></Dial></Response>"#
        );
        let r = inbound(&sb, "+14155550103", &by).await;
        assert!(r["body"].as_str().unwrap().contains("/support</Redirect>"));
    }
}

#[tokio::test]
async fn sip_domain_router_routes_sip_uris() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec::from_toml_str(
        r#"
version = 1
kind = "sip_domain"
domain = "phones.sip.twilio.com"
registration = true

[[credential_lists]]
name = "Phones"
usernames = ["+14155550100"]
registrations = true

[router]
service_name = "phones-router"
rows = [{ number = "+14155550100", destination = { kind = "sip", uri = "sip:+14155550100@phones.sip.twilio.com" } }]
default = { kind = "phone", number = "+14155552671" }
"#,
    )
    .unwrap();
    sb.add_numbers(&["+14155550100".to_string()]).unwrap();
    let p = plan(&spec, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(plan(&spec, &client).await.unwrap().is_empty());
    let state = sb.state_json();
    let d = state["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain_name"] == "phones.sip.twilio.com")
        .unwrap();
    assert!(
        d["voice_url"]
            .as_str()
            .unwrap()
            .ends_with(".twil.io/switchboard-router")
    );
    if node() {
        let r = inbound(&sb, "+14155550100", "phones.sip.twilio.com").await;
        assert_eq!(r["params"]["To"], "sip:+14155550100@phones.sip.twilio.com");
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Sip>sip:+14155550100@phones.sip.twilio.com</Sip>")
        );
        let r = inbound(&sb, "1001", "phones.sip.twilio.com").await;
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Number>+14155552671</Number>")
        );
    }
}

#[tokio::test]
async fn a_router_with_a_voice_url_is_refused() {
    let (_sb, client) = sandbox(true).await;
    let mut spec = example();
    if let Spec::Byoc(b) = &mut spec {
        b.trunk.voice_url = Some("https://hooks.acme-corp.com/voice".into());
    }
    let err = plan(&spec, &client).await.unwrap_err();
    assert!(err.to_string().contains("trunk.voice_url"), "{err}");
}
