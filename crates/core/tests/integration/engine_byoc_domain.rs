//! BYOC and SIP domain specs against the sandbox: the examples apply cleanly and re-plan empty,
//! and a failure at every POST is rolled back exactly.

use crate::engine_common;

use engine_common::{options, sandbox, snapshot};
use switchboard_core::engine::{ApplyError, Event, apply, plan, rollback};
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Faults};

fn example(name: &str) -> Spec {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    Spec::from_path(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[tokio::test]
async fn every_example_applies_to_the_demo_sandbox_and_re_plans_empty() {
    let (_sb, client) = sandbox(true).await;
    for name in ["elastic-trunk.toml", "sip-domain.toml", "byoc.toml"] {
        let dir = tempfile::tempdir().unwrap();
        let spec = example(name);
        let p = plan(&spec, &client)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!p.is_empty(), "{name}");
        apply(p, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = plan(&spec, &client).await.unwrap();
        assert!(
            again.is_empty(),
            "{name}: {:#?}",
            again.changes().map(|s| &s.description).collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn byoc_from_domain_must_exist() {
    let (_sb, client) = sandbox(true).await;
    let mut spec = example("byoc.toml");
    if let Spec::Byoc(b) = &mut spec {
        b.trunk.from_domain = Some("nowhere.sip.twilio.com".into());
    }
    let err = plan(&spec, &client).await.unwrap_err();
    assert!(err.to_string().contains("trunk.from_domain"), "{err}");
}

#[tokio::test]
async fn domain_and_byoc_failures_at_every_post_roll_back_exactly() {
    let (sb, client) = sandbox(true).await;
    for name in ["sip-domain.toml", "byoc.toml"] {
        let spec = example(name);
        let posts = plan(&spec, &client).await.unwrap().changes().count();
        for k in 1..=posts as u64 {
            sb.reset();
            let dir = tempfile::tempdir().unwrap();
            let before = snapshot(&sb);
            let p = plan(&spec, &client).await.unwrap();
            sb.set_faults(Faults {
                rules: vec![FaultRule {
                    method: "POST".into(),
                    path_contains: String::new(),
                    nth: k,
                    status: 400,
                }],
                ..Faults::default()
            });
            let err = apply(p, &client, &options(&dir), &mut |_: &Event| {})
                .await
                .unwrap_err();
            sb.set_faults(Faults::default());
            assert!(
                matches!(
                    err,
                    ApplyError::Failed {
                        rolled_back: true,
                        ..
                    }
                ),
                "{name} POST #{k}: {err}"
            );
            assert_eq!(snapshot(&sb), before, "{name} POST #{k}");
        }
    }
}

#[tokio::test]
async fn rollback_of_a_finished_run_undoes_it() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let before = snapshot(&sb);
    let spec = example("sip-domain.toml");
    let p = plan(&spec, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_ne!(snapshot(&sb), before);
    rollback(&client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    assert_eq!(snapshot(&sb), before);
}
