//! Serverless (v1) through a Prism proxy loaded with `twilio_serverless_v1.json`: services,
//! environments, functions, function versions (reads), builds with their status, deployments.
//! The code upload is not in the spec (Twilio takes it on `serverless-upload.twilio.com` as
//! multipart/form-data), so the upload host goes straight to the sandbox
//! (`SWITCHBOARD_CONFORMANCE_SERVERLESS_UPLOAD`); Prism checks every other call, requests and
//! responses (`--errors`). These exchanges do not pass through the recorder.

use std::time::Duration;

use super::*;

fn serverless_client() -> Client {
    client_at(
        Endpoints::single(&proxy_url("SERVERLESS"))
            .with(Host::ServerlessUpload, &proxy_url("SERVERLESS_UPLOAD")),
    )
}

#[tokio::test]
#[ignore = "needs Prism: scripts/ci/conformance.sh runs it"]
async fn every_serverless_operation_passes_prism() {
    let c = serverless_client();
    let tag = run_tag();
    let unique = format!("router-{tag}");
    let svc = must(
        "create_service",
        c.create_service(&NewService {
            unique_name: unique.clone(),
            friendly_name: "Router".into(),
            include_credentials: Some(false),
            ui_editable: Some(false),
        })
        .await,
    );
    let all: Vec<_> = must("list_services", c.list_services().try_collect().await);
    assert!(all.iter().any(|s| s.sid == svc.sid));
    must("fetch_service", c.fetch_service(&svc.sid).await);
    let named = must("fetch_service_named", c.fetch_service_named(&unique).await);
    assert_eq!(named.sid, svc.sid);

    let env = must(
        "create_environment",
        c.create_environment(&svc.sid, "production", Some("prod"))
            .await,
    );
    let envs: Vec<_> = must(
        "list_environments",
        c.list_environments(&svc.sid).try_collect().await,
    );
    assert_eq!(envs.len(), 1);
    must(
        "fetch_environment",
        c.fetch_environment(&svc.sid, &env.sid).await,
    );

    let f = must(
        "create_function",
        c.create_function(&svc.sid, "router").await,
    );
    let fs: Vec<_> = must(
        "list_functions",
        c.list_functions(&svc.sid).try_collect().await,
    );
    assert_eq!(fs.len(), 1);
    must("fetch_function", c.fetch_function(&svc.sid, &f.sid).await);
    must(
        "update_function",
        c.update_function(&svc.sid, &f.sid, "switchboard-router")
            .await,
    );

    // outside the spec: straight to the sandbox
    let v = c
        .create_function_version(
            &svc.sid,
            &f.sid,
            &NewFunctionVersion {
                path: "/router".into(),
                visibility: Visibility::Protected,
                content: "exports.handler = (c, e, cb) => cb(null, '<Response/>');\n".into(),
                file_name: "router.js".into(),
            },
        )
        .await
        .expect("the upload (outside the spec) reaches the sandbox");
    let vs: Vec<_> = must(
        "list_function_versions",
        c.list_function_versions(&svc.sid, &f.sid)
            .try_collect()
            .await,
    );
    assert_eq!(vs.len(), 1);
    must(
        "fetch_function_version",
        c.fetch_function_version(&svc.sid, &f.sid, &v.sid).await,
    );
    let content = must(
        "fetch_function_version_content",
        c.fetch_function_version_content(&svc.sid, &f.sid, &v.sid)
            .await,
    );
    assert!(
        content
            .content
            .unwrap_or_default()
            .contains("exports.handler")
    );

    let b = must(
        "create_build",
        c.create_build(
            &svc.sid,
            &NewBuild {
                function_versions: vec![v.sid.clone()],
                dependencies: Some(r#"[{"name":"twilio","version":"5.0.0"}]"#.into()),
                runtime: Some("node22".into()),
                ..NewBuild::default()
            },
        )
        .await,
    );
    let bs: Vec<_> = must("list_builds", c.list_builds(&svc.sid).try_collect().await);
    assert_eq!(bs.len(), 1);
    must("fetch_build", c.fetch_build(&svc.sid, &b.sid).await);
    must(
        "fetch_build_status",
        c.fetch_build_status(&svc.sid, &b.sid).await,
    );
    let done = must(
        "wait_for_build",
        c.wait_for_build(
            &svc.sid,
            &b.sid,
            Duration::from_millis(300),
            Duration::from_secs(30),
        )
        .await,
    );
    assert_eq!(done, BuildStatus::Completed);

    let d = must(
        "create_deployment",
        c.create_deployment(&svc.sid, &env.sid, &b.sid).await,
    );
    let ds: Vec<_> = must(
        "list_deployments",
        c.list_deployments(&svc.sid, &env.sid).try_collect().await,
    );
    assert_eq!(ds.len(), 1);
    must(
        "fetch_deployment",
        c.fetch_deployment(&svc.sid, &env.sid, &d.sid).await,
    );

    must("delete_build", c.delete_build(&svc.sid, &b.sid).await);
    must("delete_function", c.delete_function(&svc.sid, &f.sid).await);
    must(
        "delete_environment",
        c.delete_environment(&svc.sid, &env.sid).await,
    );
    must("delete_service", c.delete_service(&svc.sid).await);
}
