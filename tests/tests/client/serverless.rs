//! The client against the sandbox: every Serverless operation (services, environments,
//! functions, the multipart version upload, builds and their status, deployments), the errors
//! Twilio's rules give, and the deployed Function's URL.

use std::time::Duration;

use futures::TryStreamExt;
use switchboard_tests::{code_of, empty};
use switchboard_twilio::*;

const CODE: &str =
    "exports.handler = (context, event, callback) => callback(null, '<Response/>');\n";

#[tokio::test]
async fn deploy_one_function_end_to_end() {
    let (sb, c) = empty().await;
    let svc = c
        .create_service(&NewService {
            unique_name: "acme-router".into(),
            friendly_name: "Acme router".into(),
            ..NewService::default()
        })
        .await
        .unwrap();
    assert_eq!(svc.unique_name.as_deref(), Some("acme-router"));
    assert_eq!(svc.include_credentials, Some(true), "Twilio's default");
    assert_eq!(svc.ui_editable, Some(false));
    let base = svc.domain_base.clone().unwrap();
    assert!(base.starts_with("acme-router-"), "{base}");
    assert_eq!(
        c.list_services()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(c.fetch_service(&svc.sid).await.unwrap().sid, svc.sid);
    assert_eq!(
        c.fetch_service_named("acme-router").await.unwrap().sid,
        svc.sid
    );
    let dup = c
        .create_service(&NewService {
            unique_name: "acme-router".into(),
            friendly_name: "again".into(),
            ..NewService::default()
        })
        .await;
    assert_eq!(code_of(dup).0, 409);
    assert!(
        c.fetch_service_named("nobody")
            .await
            .unwrap_err()
            .is_not_found()
    );

    let env = c
        .create_environment(&svc.sid, "production", None)
        .await
        .unwrap();
    let domain = env.domain_name.clone().unwrap();
    assert_eq!(domain, format!("{base}.twil.io"));
    assert!(env.build_sid.is_none());
    let stage = c
        .create_environment(&svc.sid, "staging", Some("stage"))
        .await
        .unwrap();
    assert_eq!(stage.domain_name.unwrap(), format!("{base}-stage.twil.io"));
    assert_eq!(
        c.list_environments(&svc.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        2
    );
    c.delete_environment(&svc.sid, &stage.sid).await.unwrap();
    c.fetch_environment(&svc.sid, &env.sid).await.unwrap();

    let f = c.create_function(&svc.sid, "router").await.unwrap();
    let f2 = c
        .update_function(&svc.sid, &f.sid, "switchboard-router")
        .await
        .unwrap();
    assert_eq!(f2.friendly_name.as_deref(), Some("switchboard-router"));
    assert_eq!(
        c.list_functions(&svc.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    c.fetch_function(&svc.sid, &f.sid).await.unwrap();

    let v = c
        .create_function_version(
            &svc.sid,
            &f.sid,
            &NewFunctionVersion {
                path: "router".into(),
                visibility: Visibility::Protected,
                content: CODE.into(),
                file_name: "router.js".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(v.path.as_deref(), Some("/router"), "Twilio prepends /");
    assert_eq!(v.visibility, Some(Visibility::Protected));
    assert_eq!(
        c.list_function_versions(&svc.sid, &f.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    c.fetch_function_version(&svc.sid, &f.sid, &v.sid)
        .await
        .unwrap();
    let content = c
        .fetch_function_version_content(&svc.sid, &f.sid, &v.sid)
        .await
        .unwrap();
    assert_eq!(
        content.content.as_deref(),
        Some(CODE),
        "the upload is byte for byte"
    );

    let none = c.create_build(&svc.sid, &NewBuild::default()).await;
    assert_eq!(code_of(none), (400, 20001));
    let b = c
        .create_build(
            &svc.sid,
            &NewBuild {
                function_versions: vec![v.sid.clone()],
                ..NewBuild::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(b.status, Some(BuildStatus::Building));
    assert_eq!(b.function_versions[0].sid, v.sid);
    assert_eq!(b.function_versions[0].path.as_deref(), Some("/router"));
    let early = c.create_deployment(&svc.sid, &env.sid, &b.sid).await;
    assert_eq!(code_of(early).0, 400, "a building build is not deployed");
    assert_eq!(
        c.fetch_build_status(&svc.sid, &b.sid).await.unwrap().status,
        Some(BuildStatus::Building)
    );
    let done = c
        .wait_for_build(
            &svc.sid,
            &b.sid,
            Duration::from_millis(100),
            Duration::from_secs(10),
        )
        .await
        .unwrap();
    assert_eq!(done, BuildStatus::Completed);
    assert_eq!(
        c.fetch_build(&svc.sid, &b.sid).await.unwrap().status,
        Some(BuildStatus::Completed)
    );
    assert_eq!(
        c.list_builds(&svc.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );

    let d = c
        .create_deployment(&svc.sid, &env.sid, &b.sid)
        .await
        .unwrap();
    assert_eq!(d.build_sid.as_ref(), Some(&b.sid));
    c.fetch_deployment(&svc.sid, &env.sid, &d.sid)
        .await
        .unwrap();
    assert_eq!(
        c.list_deployments(&svc.sid, &env.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    let env = c.fetch_environment(&svc.sid, &env.sid).await.unwrap();
    assert_eq!(
        env.build_sid.as_ref(),
        Some(&b.sid),
        "the deployment sets the environment's build"
    );
    // The Function now answers at https://<domain>/router (the sandbox serves it under
    // /__sandbox/functions/<domain>/router when Node.js is installed).
    assert!(sb.state_json()["function_versions"][0]["content"] == CODE);

    c.delete_build(&svc.sid, &b.sid).await.unwrap();
    c.delete_function(&svc.sid, &f.sid).await.unwrap();
    c.delete_service(&svc.sid).await.unwrap();
    assert!(c.fetch_service(&svc.sid).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn the_upload_goes_to_the_upload_host() {
    let (sb, _) = empty().await;
    // Everything at the sandbox except the upload host, which points nowhere: the upload must
    // fail to connect while the other calls work.
    let creds = Credentials::auth_token(sb.account_sid(), Secret::new(sb.auth_token())).unwrap();
    let c = Client::builder(creds)
        .endpoints(
            Endpoints::single(&sb.base_url()).with(Host::ServerlessUpload, "http://127.0.0.1:9"),
        )
        .retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let svc = c
        .create_service(&NewService {
            unique_name: "u".into(),
            friendly_name: "u".into(),
            ..NewService::default()
        })
        .await
        .unwrap();
    let f = c.create_function(&svc.sid, "f").await.unwrap();
    let err = c
        .create_function_version(
            &svc.sid,
            &f.sid,
            &NewFunctionVersion {
                path: "/f".into(),
                visibility: Visibility::Public,
                content: CODE.into(),
                file_name: "f.js".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Network { ref url, .. } if url.starts_with("http://127.0.0.1:9/")),
        "{err:?}"
    );
}
