//! Fault injection through the library handle and the admin endpoints.

use crate::common;
use common::*;
use std::time::{Duration, Instant};
use switchboard_sandbox::{FaultRule, Faults, SandboxConfig};

#[tokio::test]
async fn latency_is_added() {
    let tw = Tw::start_with(SandboxConfig {
        faults: Faults {
            latency_ms: 300,
            ..Faults::default()
        },
        ..SandboxConfig::default()
    })
    .await;
    let t = Instant::now();
    assert_eq!(tw.get(&tw.v1("/Trunks")).await.status, 200);
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "latency applied: {:?}",
        t.elapsed()
    );
    // admin routes are never delayed or failed
    tw.sb.set_faults(Faults {
        error_rate: 1.0,
        latency_ms: 10_000,
        ..Faults::default()
    });
    let t = Instant::now();
    let r = tw.get(&format!("{}/__sandbox/faults", tw.base)).await;
    assert_eq!(r.status, 200);
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(r.body["error_rate"], 1.0);
}

#[tokio::test]
async fn error_rate_and_rate_limit() {
    let tw = Tw::start().await;
    tw.sb.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    for _ in 0..3 {
        assert_error(&tw.get(&tw.v1("/Trunks")).await, 500, Some(20500));
    }
    tw.sb.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 7,
        ..Faults::default()
    });
    let r = tw.get(&tw.api("/IncomingPhoneNumbers.json")).await;
    assert_error(&r, 429, Some(20429));
    assert_eq!(r.headers["retry-after"], "7");
    tw.sb.set_faults(Faults::default());
    assert_eq!(tw.get(&tw.v1("/Trunks")).await.status, 200);
}

#[tokio::test]
async fn concurrency_cap() {
    let tw = Tw::start().await;
    tw.sb.set_faults(Faults {
        max_concurrency: Some(1),
        latency_ms: 400,
        retry_after_secs: 2,
        ..Faults::default()
    });
    let url = tw.v1("/Trunks");
    let (a, b, c) = tokio::join!(tw.get(&url), tw.get(&url), tw.get(&url));
    let statuses = [a.status, b.status, c.status];
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    for r in [a, b, c].iter().filter(|r| r.status == 429) {
        assert_error(r, 429, Some(20429));
        assert_eq!(r.headers["retry-after"], "2");
    }
    // the cap frees up once requests finish
    assert_eq!(tw.get(&url).await.status, 200);
}

#[tokio::test]
async fn dropped_connection() {
    let tw = Tw::start().await;
    tw.sb.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let err = tw
        .http
        .get(tw.v1("/Trunks"))
        .basic_auth(&tw.ac, Some(tw.sb.auth_token()))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect_err("the connection is closed without a response");
    assert!(!err.is_timeout(), "closed, not hung: {err}");
    tw.sb.set_faults(Faults::default());
    assert_eq!(tw.get(&tw.v1("/Trunks")).await.status, 200);
}

#[tokio::test]
async fn targeted_rule_through_admin_endpoint() {
    let tw = Tw::start().await;
    let faults = serde_json::json!({
        "rules": [{"method": "POST", "path_contains": "/OriginationUrls", "nth": 2, "status": 503}]
    });
    let admin = format!("{}/__sandbox/faults", tw.base);
    let r = tw
        .send(
            tw.http.post(&admin).json(&faults),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        tw.sb.faults().rules,
        vec![FaultRule {
            method: "POST".into(),
            path_contains: "/OriginationUrls".into(),
            nth: 2,
            status: 503
        }]
    );
    let url = tw.v1(&format!("/Trunks/{TRUNK}/OriginationUrls"));
    let form = [
        ("SipUrl", "sip:x.example.com"),
        ("Priority", "1"),
        ("Weight", "1"),
        ("Enabled", "true"),
        ("FriendlyName", "x"),
    ];
    assert_eq!(tw.post(&url, &form).await.status, 201);
    assert_eq!(
        tw.get(&url).await.status,
        200,
        "GET does not match the rule"
    );
    assert_error(&tw.post(&url, &form).await, 503, Some(20500));
    assert_eq!(
        tw.post(&url, &form).await.status,
        201,
        "only the 2nd matching request fails"
    );
    // invalid faults are refused and name the field
    let bad = serde_json::json!({"error_rate": 2.0});
    let r = tw
        .send(tw.http.post(&admin).json(&bad), &tw.ac, tw.sb.auth_token())
        .await;
    assert_error(&r, 400, Some(20001));
    assert!(r.body["message"].as_str().unwrap().contains("error_rate"));
    let r = tw
        .send(
            tw.http.post(&admin).body("{\"nope\": 1}"),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_error(&r, 400, Some(20001));
}
