//! Basic auth with the auth token and with API keys; the Keys resource.

use crate::common;
use common::*;

#[tokio::test]
async fn token_and_wrong_token() {
    let tw = Tw::start().await;
    assert_eq!(tw.get(&tw.v1("/Trunks")).await.status, 200);
    let wrong = tw.as_user(&tw.ac, "00000000000000000000000000000000");
    let r = tw.get_as(&wrong, &tw.v1("/Trunks")).await;
    assert_error(&r, 401, Some(20003));
    assert_eq!(r.headers["www-authenticate"], "Basic realm=\"Twilio API\"");
    let r = tw
        .get_as(&wrong, &tw.api("/IncomingPhoneNumbers.json"))
        .await;
    assert_error(&r, 401, Some(20003));
    // no credentials at all, and admin endpoints need auth too
    let r = tw.http.get(tw.v1("/Trunks")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = tw
        .get_as(&wrong, &format!("{}/__sandbox/state", tw.base))
        .await;
    assert_error(&r, 401, Some(20003));
    // unknown paths are refused before they are looked up
    assert_error(
        &tw.get_as(&wrong, &format!("{}/nope", tw.base)).await,
        401,
        Some(20003),
    );
}

#[tokio::test]
async fn api_keys_lifecycle() {
    let tw = Tw::start().await;
    let keys = tw.api("/Keys.json");
    let r = tw.post(&keys, &[("FriendlyName", "switchboard")]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let sid = r.body["sid"].as_str().unwrap().to_string();
    let secret = r.body["secret"].as_str().unwrap().to_string();
    assert!(sid.starts_with("SK") && secret.len() == 32);
    let key_url = tw.api(&format!("/Keys/{sid}.json"));
    let fetched = tw.get(&key_url).await;
    assert_eq!(fetched.body["friendly_name"], "switchboard");
    assert!(
        fetched.body.get("secret").is_none(),
        "secret only on create"
    );
    assert!(!tw.get(&keys).await.body.to_string().contains(&secret));
    assert!(
        !tw.sb.state_json().to_string().contains(&secret),
        "the secret is not stored"
    );

    // the key authenticates, with the Account SID still in v2010 paths
    let as_key = tw.as_user(&sid, &secret);
    assert_eq!(tw.get_as(&as_key, &tw.v1("/Trunks")).await.status, 200);
    let acct = tw.get_as(&as_key, &tw.api(".json")).await;
    assert_eq!(acct.status, 200);
    assert!(
        acct.body["auth_token"].is_null(),
        "a key never learns the auth token"
    );
    assert_error(
        &tw.get_as(&tw.as_user(&sid, "wrong"), &tw.v1("/Trunks"))
            .await,
        401,
        Some(20003),
    );

    let r = tw.post(&key_url, &[("FriendlyName", "renamed")]).await;
    assert_eq!(r.body["friendly_name"], "renamed");
    assert_invalid(
        &tw.post(&keys, &[("FriendlyName", &"n".repeat(65))]).await,
        "FriendlyName",
    );

    // revoked at once
    assert_eq!(tw.delete(&key_url).await.status, 204);
    assert_error(
        &tw.get_as(&as_key, &tw.v1("/Trunks")).await,
        401,
        Some(20003),
    );
    assert_error(&tw.get(&key_url).await, 404, Some(20404));
}
