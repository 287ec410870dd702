//! A SIP domain's router and the account's numbers: each routed number gets the router as its
//! voice URL (the plan says what it had before), a call from the phone network rings its phone,
//! a rollback gives each number its old voice URL and method back; a routed number the router
//! cannot answer (not on the account, or on an Elastic SIP trunk) is refused by row.

use switchboard_core::engine::{Event, PlanError, apply, plan, rollback};
use switchboard_core::router::ROUTER_PATH;
use switchboard_core::spec::Spec;

use super::{inbound_to_number, node, old_voice_url, phones_spec, router_ops};
use crate::engine_common::{number_state, options, sandbox, snapshot};

#[tokio::test]
async fn sip_domain_router_takes_the_account_numbers_calls_and_rollback_gives_them_back() {
    let (sb, client) = sandbox(true).await;
    old_voice_url(&client).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let spec = phones_spec();
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
            "voice_url",
            "number",
            "number"
        ]
    );
    let words: Vec<&str> = p.changes().map(|s| s.description.as_str()).collect();
    assert!(
        words.contains(
            &"Send calls to +1 312 555 7412 to the number router (its voice URL was https://hooks.acme-corp.com/old-ivr with GET)"
        ),
        "{words:#?}"
    );
    assert!(
        words.contains(&"Send calls to +1 212 555 2368 to the number router (it had no voice URL)"),
        "{words:#?}"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();

    let state = sb.state_json();
    let domain = state["environments"][0]["domain_name"].as_str().unwrap();
    let url = format!("https://{domain}{ROUTER_PATH}");
    for n in ["+13125557412", "+12125552368"] {
        let s = number_state(&sb, n);
        assert_eq!(s["voice_url"], url.as_str(), "{n}");
        assert_eq!(s["voice_method"], "POST", "{n}");
    }
    let again = plan(&spec, &client).await.unwrap();
    assert!(
        again.is_empty(),
        "{:#?}",
        again.changes().map(|s| &s.description).collect::<Vec<_>>()
    );
    assert!(
        again
            .steps
            .iter()
            .any(|s| s.description == "Calls to +1 312 555 7412 already go to the number router"),
        "the number's step is satisfied"
    );

    if node() {
        let r = inbound_to_number(&sb, "+13125557412").await;
        assert_eq!(r["voice_url"], url.as_str());
        assert_eq!(r["params"]["To"], "+13125557412");
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Dial><Sip>sip:alice@office.sip.twilio.com</Sip></Dial>"),
            "{r}"
        );
        let r = inbound_to_number(&sb, "+12125552368").await;
        assert!(
            r["body"]
                .as_str()
                .unwrap()
                .contains("<Sip>sip:bob@office.sip.twilio.com</Sip>"),
            "{r}"
        );
    }

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let old = number_state(&sb, "+13125557412");
    assert_eq!(old["voice_url"], "https://hooks.acme-corp.com/old-ivr");
    assert_eq!(old["voice_method"], "GET");
    assert!(number_state(&sb, "+12125552368")["voice_url"].is_null());
    assert_eq!(
        snapshot(&sb)["phone_numbers"],
        before["phone_numbers"],
        "every number as before, none released"
    );
}

#[tokio::test]
async fn a_routed_number_the_router_cannot_answer_is_refused_by_row() {
    let (sb, client) = sandbox(true).await;
    let mut spec = phones_spec();
    if let Spec::SipDomain(d) = &mut spec {
        let rows = &mut d.router.as_mut().unwrap().rows;
        // not on the account
        rows[0].number = "+14155550100".into();
        // on the demo Elastic SIP trunk
        rows[1].number = "+14155552671".into();
    }
    let before = snapshot(&sb);
    let Err(PlanError::Invalid { issues }) = plan(&spec, &client).await else {
        panic!("the plan is refused");
    };
    let at = |path: &str| {
        issues
            .iter()
            .find(|i| i.path == path)
            .unwrap_or_else(|| panic!("an issue at {path}: {issues:#?}"))
            .message
            .clone()
    };
    let m = at("router.rows[0].number");
    assert!(
        m.contains("+14155550100 is not a number on this account"),
        "{m}"
    );
    let m = at("router.rows[1].number");
    assert!(
        m.contains("+14155552671 answers through Elastic SIP trunk TK"),
        "{m}"
    );
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert_eq!(snapshot(&sb), before, "nothing was changed");
}
