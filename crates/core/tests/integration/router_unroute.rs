//! A SIP domain's routing table loses a row: the number stops going to the router. The deployed
//! code records the voice URL each routed number had before the router, so the number gets it
//! back (with its method); a number pointed at the router with no record has its voice URL
//! cleared. Each is one Detach step saying so; a rollback points the number at the router
//! again; no number is ever released.

use crate::engine_common;

use engine_common::{
    ALICE_NUMBER, BOB_NUMBER, expect_rolled_back_after, number_state, options, phones_spec,
    sandbox, set_voice, snapshot,
};
use switchboard_core::engine::{Event, Op, RouterOp, StepKind, apply, plan, rollback};
use switchboard_core::router::ROUTER_PATH;
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Sandbox};
use switchboard_twilio::{Client, HttpMethod};

const IVR_NUMBER: &str = ALICE_NUMBER;
const BARE_NUMBER: &str = BOB_NUMBER;
const OLD_IVR: &str = "https://hooks.acme-corp.com/old-ivr";

fn spec(rows: &[&str]) -> Spec {
    phones_spec(rows)
}

fn router_url(sb: &Sandbox) -> String {
    let state = sb.state_json();
    let domain = state["environments"][0]["domain_name"].as_str().unwrap();
    format!("https://{domain}{ROUTER_PATH}")
}

/// Both rows applied; +1 312 555 7412 had a GET voice URL before.
async fn both_routed(sb: &Sandbox, client: &Client, dir: &tempfile::TempDir) -> String {
    set_voice(client, IVR_NUMBER, OLD_IVR, HttpMethod::Get).await;
    let full = spec(&[IVR_NUMBER, BARE_NUMBER]);
    let p = plan(&full, client).await.unwrap();
    apply(p, client, &options(dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(
        plan(&full, client).await.unwrap().is_empty(),
        "re-run empty"
    );
    let url = router_url(sb);
    assert_eq!(number_state(sb, IVR_NUMBER)["voice_url"], url.as_str());
    url
}

fn unpoints(p: &switchboard_core::engine::Plan) -> Vec<&switchboard_core::engine::Step> {
    p.changes()
        .filter(|s| matches!(&s.op, Some(Op::Router(RouterOp::UnpointNumber { .. }))))
        .collect()
}

#[tokio::test]
async fn a_number_dropped_from_the_table_gets_its_old_voice_url_back() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let url = both_routed(&sb, &client, &dir).await;
    let numbers = snapshot(&sb)["phone_numbers"].as_array().unwrap().len();

    let smaller = spec(&[BARE_NUMBER]);
    let p = plan(&smaller, &client).await.unwrap();
    let steps = unpoints(&p);
    assert_eq!(steps.len(), 1, "{:#?}", p.steps);
    assert_eq!(steps[0].kind, StepKind::Detach);
    assert_eq!(
        steps[0].description,
        format!(
            "Take +1 312 555 7412 off the number router: the routing table no longer lists it; \
             its voice URL goes back to {OLD_IVR} with GET, as before the router (the number \
             stays on the account; a rollback points it at the router again)"
        )
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let n = number_state(&sb, IVR_NUMBER);
    assert_eq!(n["voice_url"], OLD_IVR);
    assert_eq!(n["voice_method"], "GET");
    assert_eq!(
        number_state(&sb, BARE_NUMBER)["voice_url"],
        url.as_str(),
        "the row still in the table keeps the router"
    );
    assert!(
        plan(&smaller, &client).await.unwrap().is_empty(),
        "desired state"
    );
    assert_eq!(
        snapshot(&sb)["phone_numbers"].as_array().unwrap().len(),
        numbers,
        "no number released"
    );

    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let n = number_state(&sb, IVR_NUMBER);
    assert_eq!(n["voice_url"], url.as_str(), "the router has it again");
    assert_eq!(n["voice_method"], "POST");
    // Putting the row back is then satisfied, and dropping it again restores the same URL: the
    // record survived the rollback (the old build is deployed again).
    let full = spec(&[IVR_NUMBER, BARE_NUMBER]);
    assert!(plan(&full, &client).await.unwrap().is_empty());
    let again = plan(&smaller, &client).await.unwrap();
    assert!(unpoints(&again)[0].description.contains(OLD_IVR));
}

#[tokio::test]
async fn a_number_added_later_is_recorded_and_given_back_too() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    // First only the bare number, then the IVR number joins the table.
    set_voice(&client, IVR_NUMBER, OLD_IVR, HttpMethod::Get).await;
    for rows in [&[BARE_NUMBER][..], &[IVR_NUMBER, BARE_NUMBER][..]] {
        let p = plan(&spec(rows), &client).await.unwrap();
        apply(p, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap();
    }
    let url = router_url(&sb);
    assert_eq!(number_state(&sb, IVR_NUMBER)["voice_url"], url.as_str());
    // Both rows leave: each number gets what it had (the bare one had no voice URL).
    let p = plan(&spec(&[]), &client).await.unwrap();
    let steps = unpoints(&p);
    assert_eq!(steps.len(), 2, "{:#?}", p.steps);
    assert!(
        steps
            .iter()
            .any(|s| s.description.contains("+1 212 555 2368")
                && s.description
                    .contains("its voice URL is cleared, as before the router")),
        "{steps:#?}"
    );
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(number_state(&sb, IVR_NUMBER)["voice_url"], OLD_IVR);
    assert_eq!(number_state(&sb, IVR_NUMBER)["voice_method"], "GET");
    assert!(number_state(&sb, BARE_NUMBER)["voice_url"].is_null());
    assert!(plan(&spec(&[]), &client).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_number_pointed_at_the_router_by_hand_is_cleared_and_says_why() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let url = both_routed(&sb, &client, &dir).await;
    set_voice(&client, "+16175553049", &url, HttpMethod::Post).await;
    let full = spec(&[IVR_NUMBER, BARE_NUMBER]);
    let p = plan(&full, &client).await.unwrap();
    let steps = unpoints(&p);
    assert_eq!(steps.len(), 1, "{:#?}", p.steps);
    assert!(
        steps[0]
            .description
            .starts_with("Take +1 617 555 3049 off the number router")
            && steps[0]
                .description
                .contains("no record of its voice URL before the router"),
        "{}",
        steps[0].description
    );
    assert_eq!(p.changes().count(), 1, "the code is unchanged");
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert!(number_state(&sb, "+16175553049")["voice_url"].is_null());
    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(number_state(&sb, "+16175553049")["voice_url"], url.as_str());
}

#[tokio::test]
async fn a_failed_run_points_a_dropped_number_at_the_router_again() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let url = both_routed(&sb, &client, &dir).await;
    let before = number_state(&sb, IVR_NUMBER);
    let p = plan(&spec(&[BARE_NUMBER]), &client).await.unwrap();
    let unpoint = unpoints(&p)[0].id;
    let deploy = p
        .changes()
        .find(|s| matches!(&s.op, Some(Op::Router(RouterOp::Deploy { .. }))))
        .expect("the new table is deployed")
        .id;
    // The deployment fails after the number was taken off the router.
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/Deployments".into(),
        nth: 1,
        status: 400,
    };
    expect_rolled_back_after(&sb, &client, &dir, p, (unpoint, deploy), rule).await;
    let mut after = number_state(&sb, IVR_NUMBER);
    assert_ne!(
        after["meta"], before["meta"],
        "the number was changed and put back"
    );
    after["meta"] = before["meta"].clone();
    assert_eq!(after, before);
    assert_eq!(before["voice_url"], url.as_str());
}

#[tokio::test]
async fn a_voice_url_with_a_password_in_it_is_not_copied_into_the_router_code() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let secret_url = "https://ivr:Pa55w0rdX@hooks.acme-corp.com/old-ivr";
    set_voice(&client, IVR_NUMBER, secret_url, HttpMethod::Post).await;
    let full = spec(&[IVR_NUMBER, BARE_NUMBER]);
    let p = plan(&full, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let state = sb.state_json().to_string();
    assert!(
        !state.contains("Pa55w0rdX"),
        "the deployed code and the account hold no copy of the password"
    );
    let p = plan(&spec(&[BARE_NUMBER]), &client).await.unwrap();
    let steps = unpoints(&p);
    assert_eq!(steps.len(), 1);
    assert!(
        steps[0].description.contains("no record of its voice URL"),
        "{}",
        steps[0].description
    );
}
