//! Failures while deploying: a refused request at the deployment, the build or the trunk's
//! voice URL (or at pointing a number) rolls back what the run made; a 5xx on each create is
//! retried without making a second one.

use switchboard_core::engine::{Event, apply, plan};
use switchboard_sandbox::{FaultRule, Faults};

use super::{example, old_voice_url, phones_spec};
use crate::engine_common::{expect_rolled_back, options, sandbox, snapshot};

#[tokio::test]
async fn failures_during_the_router_deployment_roll_back_what_the_run_made() {
    let (sb, client) = sandbox(true).await;
    let spec = example();
    for failing in ["/Deployments", "/Builds", "/ByocTrunks/"] {
        sb.reset();
        let before = snapshot(&sb);
        let dir = tempfile::tempdir().unwrap();
        let p = plan(&spec, &client).await.unwrap();
        let rule = FaultRule {
            method: "POST".into(),
            path_contains: failing.into(),
            nth: if failing == "/ByocTrunks/" { 1 } else { 0 },
            status: 400,
        };
        expect_rolled_back(&sb, &client, &dir, p, rule).await;
        assert_eq!(snapshot(&sb), before, "{failing}: the account is as before");
    }
}

#[tokio::test]
async fn a_5xx_on_each_router_create_is_retried_without_duplicates() {
    let (sb, client) = sandbox(true).await;
    let spec = example();
    for (path, nth) in [
        ("/v1/Services", 1),
        ("/Environments", 1),
        ("/Functions", 1),
        ("/Deployments", 1),
    ] {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let p = plan(&spec, &client).await.unwrap();
        sb.set_faults(Faults {
            rules: vec![FaultRule {
                method: "POST".into(),
                path_contains: path.into(),
                nth,
                status: 503,
            }],
            ..Faults::default()
        });
        apply(p, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        sb.set_faults(Faults::default());
        let state = sb.state_json();
        for key in ["services", "environments", "functions", "deployments"] {
            assert_eq!(state[key].as_array().unwrap().len(), 1, "{path}: one {key}");
        }
        assert!(plan(&spec, &client).await.unwrap().is_empty(), "{path}");
    }
}

#[tokio::test]
async fn a_failure_pointing_a_number_rolls_the_numbers_back() {
    let (sb, client) = sandbox(true).await;
    old_voice_url(&client).await;
    let before = snapshot(&sb);
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&phones_spec(), &client).await.unwrap();
    let rule = FaultRule {
        method: "POST".into(),
        path_contains: "/IncomingPhoneNumbers/".into(),
        nth: 2,
        status: 400,
    };
    expect_rolled_back(&sb, &client, &dir, p, rule).await;
    assert_eq!(snapshot(&sb), before, "the account is as before");
}
