//! Serverless resources one by one: the shape Twilio gives each (service, environment,
//! function, version, build, deployment) and every refusal its rules call for, through the
//! multipart upload and a build's progress to `completed`.

use crate::common;

use std::time::Duration;

use common::{Tw, assert_error, assert_invalid};
use serde_json::Value;

use super::{CODE, upload};

#[tokio::test]
async fn shapes_and_rules() {
    let tw = Tw::empty().await;
    let r = tw
        .post(
            &tw.v1("/Services"),
            &[("UniqueName", "acme-router"), ("FriendlyName", "Acme")],
        )
        .await;
    assert_eq!(r.status, 201);
    let keys: Vec<&str> = r
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "sid",
        "account_sid",
        "friendly_name",
        "unique_name",
        "include_credentials",
        "ui_editable",
        "domain_base",
        "date_created",
        "date_updated",
        "url",
        "links",
    ] {
        assert!(keys.contains(&k), "service has {k}: {}", r.body);
    }
    assert_eq!(r.body["include_credentials"], true);
    assert_eq!(r.body["ui_editable"], false);
    let base = r.body["domain_base"].as_str().unwrap();
    assert!(base.starts_with("acme-router-") && base.len() == "acme-router-".len() + 4);
    let svc = r.body["sid"].as_str().unwrap().to_string();
    // fetch by unique name
    assert_eq!(
        tw.get(&tw.v1("/Services/acme-router")).await.body["sid"],
        svc.as_str()
    );
    // duplicate unique name, missing friendly name, bad characters
    assert_error(
        &tw.post(
            &tw.v1("/Services"),
            &[("UniqueName", "acme-router"), ("FriendlyName", "x")],
        )
        .await,
        409,
        None,
    );
    assert_invalid(
        &tw.post(&tw.v1("/Services"), &[("UniqueName", "x")]).await,
        "FriendlyName",
    );
    assert_invalid(
        &tw.post(
            &tw.v1("/Services"),
            &[("UniqueName", "a b"), ("FriendlyName", "x")],
        )
        .await,
        "UniqueName",
    );
    let long = "a".repeat(51);
    assert_invalid(
        &tw.post(
            &tw.v1("/Services"),
            &[("UniqueName", long.as_str()), ("FriendlyName", "x")],
        )
        .await,
        "UniqueName",
    );
    // environments: suffix shapes the domain
    let e = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Environments")),
            &[("UniqueName", "staging"), ("DomainSuffix", "stage")],
        )
        .await;
    assert_eq!(e.status, 201);
    assert_eq!(
        e.body["domain_name"],
        format!("{base}-stage.twil.io").as_str()
    );
    assert_eq!(e.body["build_sid"], Value::Null);
    assert_invalid(
        &tw.post(
            &tw.v1(&format!("/Services/{svc}/Environments")),
            &[("UniqueName", "x"), ("DomainSuffix", "seventeen-chars-x")],
        )
        .await,
        "DomainSuffix",
    );
    // functions and the upload
    let fun = tw
        .create(
            &tw.v1(&format!("/Services/{svc}/Functions")),
            &[("FriendlyName", "router")],
        )
        .await;
    let plain = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Functions/{fun}/Versions")),
            &[("Path", "/x"), ("Visibility", "public")],
        )
        .await;
    assert_invalid(&plain, "multipart");
    let missing = upload(
        &tw,
        &svc,
        &fun,
        vec![("Content", CODE), ("Visibility", "public")],
    )
    .await;
    assert_invalid(&missing, "Path");
    let bad = upload(
        &tw,
        &svc,
        &fun,
        vec![("Content", CODE), ("Path", "x"), ("Visibility", "open")],
    )
    .await;
    assert_invalid(&bad, "Visibility");
    let v = upload(
        &tw,
        &svc,
        &fun,
        vec![("Content", CODE), ("Path", "x"), ("Visibility", "public")],
    )
    .await;
    assert_eq!(v.status, 201, "{}", v.body);
    assert_eq!(v.body["path"], "/x", "a leading / is added");
    let zn = v.body["sid"].as_str().unwrap();
    let c = tw
        .get(&tw.v1(&format!(
            "/Services/{svc}/Functions/{fun}/Versions/{zn}/Content"
        )))
        .await;
    assert_eq!(c.body["content"], CODE);
    // builds: need a version of this service; start building
    assert_invalid(
        &tw.post(&tw.v1(&format!("/Services/{svc}/Builds")), &[])
            .await,
        "FunctionVersions",
    );
    assert_invalid(
        &tw.post(
            &tw.v1(&format!("/Services/{svc}/Builds")),
            &[("FunctionVersions", "ZN00000000000000000000000000000000")],
        )
        .await,
        "FunctionVersions",
    );
    let b = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Builds")),
            &[("FunctionVersions", zn)],
        )
        .await;
    assert_eq!(b.body["status"], "building");
    assert_eq!(b.body["runtime"], "node22");
    assert_eq!(b.body["function_versions"][0]["visibility"], "PUBLIC");
    let zb = b.body["sid"].as_str().unwrap();
    let env = e.body["sid"].as_str().unwrap();
    let early = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Environments/{env}/Deployments")),
            &[("BuildSid", zb)],
        )
        .await;
    assert_invalid(&early, "building");
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let st = tw
        .get(&tw.v1(&format!("/Services/{svc}/Builds/{zb}/Status")))
        .await;
    assert_eq!(st.body["status"], "completed");
    let d = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Environments/{env}/Deployments")),
            &[("BuildSid", zb)],
        )
        .await;
    assert_eq!(d.status, 201);
    let e2 = tw
        .get(&tw.v1(&format!("/Services/{svc}/Environments/{env}")))
        .await;
    assert_eq!(
        e2.body["build_sid"], zb,
        "a deployment sets the environment's build"
    );
    // deleting the service takes everything with it
    assert_eq!(
        tw.delete(&tw.v1(&format!("/Services/{svc}"))).await.status,
        204
    );
    assert_eq!(
        tw.get(&tw.v1(&format!("/Services/{svc}/Builds/{zb}")))
            .await
            .status,
        404
    );
    assert_eq!(
        tw.get(&tw.v1(&format!("/Services/{svc}"))).await.status,
        404
    );
}
