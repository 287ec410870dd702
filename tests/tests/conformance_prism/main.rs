//! Conformance of the client's requests: every operation of `switchboard_twilio::Client` is
//! sent through Stoplight Prism proxies that check each request against Twilio's official
//! OpenAPI specs (one Prism per host: api v2010, trunking v1, voice v1) before it reaches the
//! sandbox. Prism answers a request that breaks the spec with 422 instead of forwarding it, so
//! any violation fails the operation that sent it. A recording proxy in front of the Prisms
//! keeps every answer; `conformance/test_recorded.py` then checks each sandbox response against
//! the spec's response schema and shows Prism's validation list for any refusal.
//!
//! `scripts/ci/conformance.sh` starts the sandbox, the Prisms and the recorder and runs these
//! tests with the proxies' URLs in `SWITCHBOARD_CONFORMANCE_{API,TRUNKING,VOICE,CONTROL}`.
//! Without them the tests fail (they never pass without having checked anything).

use std::time::{SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use switchboard_sandbox::{DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN};
use switchboard_twilio::*;

const NEEDS_PRISM: &str = "scripts/ci/conformance.sh starts the Prism proxies and sets it";

mod api;
mod serverless;
mod sip;
mod trunking;
mod voice;

use api::{account_keys, calls, numbers};
use sip::{credential_lists, domains, ip_acls};
use trunking::{paging, trunk_links, trunks};
use voice::byoc;

fn proxy_url(host: &str) -> String {
    let var = format!("SWITCHBOARD_CONFORMANCE_{host}");
    std::env::var(&var).unwrap_or_else(|_| panic!("{var} is not set: {NEEDS_PRISM}"))
}

fn client_at(endpoints: Endpoints) -> Client {
    let creds = Credentials::auth_token(DEMO_ACCOUNT_SID, Secret::new(DEMO_AUTH_TOKEN))
        .expect("the demo account SID is valid");
    Client::builder(creds)
        .endpoints(endpoints)
        // No retries: Prism answers a response that breaks the spec with 500, and one
        // refusal per operation keeps the recording readable.
        .retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client builds")
}

/// A client whose three hosts are the three Prism proxies (through the recorder).
fn proxied_client() -> Client {
    client_at(
        Endpoints::single(&proxy_url("API"))
            .with(Host::Trunking, &proxy_url("TRUNKING"))
            .with(Host::Voice, &proxy_url("VOICE")),
    )
}

/// The result of one client operation; a refusal names the operation (a 422 is Prism's verdict
/// that the request breaks the spec: the recording check prints its validation list).
fn must<T>(op: &str, r: Result<T, Error>) -> T {
    r.unwrap_or_else(|e| match e.status() {
        Some(422) => panic!("Prism refused `{op}`: its request breaks the spec: {e}"),
        Some(500) => panic!("`{op}` got 500: Prism's verdict that the response breaks the spec, or a sandbox failure: {e}"),
        _ => panic!("`{op}` failed through the Prism proxy: {e}"),
    })
}

/// Unique names per run, so a rerun against the same sandbox does not hit uniqueness rules.
fn run_tag() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    format!("{:x}", nanos % 0xffff_ffff)
}

#[tokio::test]
#[ignore = "needs Prism: scripts/ci/conformance.sh runs it"]
async fn every_client_operation_passes_prism() {
    let c = proxied_client();
    let tag = run_tag();

    let account = must("fetch_account", c.fetch_account().await);
    assert!(account.is_active(), "the demo account is active");
    account_keys(&c).await;

    let trunk = trunks(&c, &tag).await;
    let acl = ip_acls(&c, &tag).await;
    let cl = credential_lists(&c, &tag).await;
    trunk_links(&c, &trunk, &acl, &cl).await;
    let number = numbers(&c, &trunk).await;
    let domain = domains(&c, &tag, &acl, &cl, &number).await;
    let (byoc, policy, target) = byoc(&c, &tag, &domain).await;
    calls(&c, &number, &byoc).await;
    paging(&c, &tag).await;

    // Tear down in dependency order; every delete goes through Prism too.
    must("delete_byoc_trunk", c.delete_byoc_trunk(&byoc).await);
    must("delete_target", c.delete_target(&policy, &target).await);
    must(
        "delete_connection_policy",
        c.delete_connection_policy(&policy).await,
    );
    must("delete_sip_domain", c.delete_sip_domain(&domain).await);
    must(
        "remove_trunk_ip_acl",
        c.remove_trunk_ip_acl(&trunk, &acl).await,
    );
    must(
        "remove_trunk_credential_list",
        c.remove_trunk_credential_list(&trunk, &cl).await,
    );
    must(
        "delete_credential_list",
        c.delete_credential_list(&cl).await,
    );
    must("delete_ip_acl", c.delete_ip_acl(&acl).await);
    must("delete_trunk", c.delete_trunk(&trunk).await);
    let gone = c
        .fetch_trunk(&trunk)
        .await
        .expect_err("the trunk was deleted");
    assert!(gone.is_not_found(), "a deleted trunk is a 404: {gone}");
}

/// Negative control: a request that breaks the spec must be refused by Prism with 422 and
/// never reach the sandbox, or the test above could pass without checking anything.
#[tokio::test]
#[ignore = "needs Prism: scripts/ci/conformance.sh runs it"]
async fn prism_refuses_a_request_that_breaks_the_spec() {
    let control = client_at(Endpoints::single(&proxy_url("CONTROL")));
    let name = format!("Control {}", run_tag());
    let bad = Request::create(
        Host::Trunking,
        "/v1/Trunks",
        vec![
            ("FriendlyName".into(), name.clone()),
            ("DisasterRecoveryMethod".into(), "PUT".into()),
        ],
    );
    match control.send_raw(&bad).await {
        Err(e) => assert_eq!(e.status(), Some(422), "Prism refuses PUT: {e}"),
        Ok(body) => panic!(
            "Prism let DisasterRecoveryMethod=PUT through: {}",
            String::from_utf8_lossy(&body)
        ),
    }
    let bad_bool = Request::create(
        Host::Trunking,
        "/v1/Trunks",
        vec![
            ("FriendlyName".into(), name.clone()),
            ("Secure".into(), "maybe".into()),
        ],
    );
    let e = control.send_raw(&bad_bool).await.expect_err("Secure=maybe");
    assert_eq!(e.status(), Some(422), "Prism refuses a non-boolean: {e}");

    // The same proxy forwards a valid request, so the 422s above were verdicts, not a dead port.
    let trunks: Vec<Trunk> = must(
        "list_trunks (control)",
        control.list_trunks().try_collect().await,
    );
    assert!(
        trunks
            .iter()
            .all(|t| t.friendly_name.as_deref() != Some(&name)),
        "a refused request never reached the sandbox"
    );
}
