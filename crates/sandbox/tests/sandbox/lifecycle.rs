//! Seed validity, reset, state file save/load, the blocking starter.

use crate::common;
use common::*;
use switchboard_sandbox::{DEMO_ACCOUNT_SID, Sandbox, SandboxConfig};

#[tokio::test]
async fn seeded_numbers_are_valid_e164() {
    let tw = Tw::start().await;
    let r = tw
        .get(&tw.api("/IncomingPhoneNumbers.json?PageSize=100"))
        .await;
    let numbers = r.body["incoming_phone_numbers"].as_array().unwrap();
    assert!(numbers.len() >= 20);
    let mut countries = std::collections::BTreeSet::new();
    for n in numbers {
        let e164 = n["phone_number"].as_str().unwrap();
        let parsed = phonenumber::parse(None, e164).unwrap_or_else(|e| panic!("{e164}: {e}"));
        assert!(
            phonenumber::is_valid(&parsed),
            "{e164} must be valid for libphonenumber"
        );
        assert_eq!(
            parsed.format().mode(phonenumber::Mode::E164).to_string(),
            e164
        );
        countries.insert(format!("{:?}", parsed.country().id()));
    }
    assert!(countries.len() >= 7, "several countries: {countries:?}");
    let trunk = tw.get(&tw.v1(&format!("/Trunks/{TRUNK}"))).await.body;
    assert_eq!(trunk["friendly_name"], "Office PBX");
    assert_eq!(trunk["domain_name"], "demo-office.pstn.twilio.com");
    assert_eq!(trunk["auth_type"], "IP_ACL");
    let ips = tw
        .get(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}/IpAddresses.json")))
        .await;
    assert_eq!(ips.body["ip_addresses"].as_array().unwrap().len(), 3);
    // deterministic: a second sandbox has the same SIDs
    let other = Tw::start().await;
    assert_eq!(
        other.get(&other.v1("/Trunks")).await.body["trunks"][0]["sid"],
        TRUNK
    );
    assert_eq!(tw.ac, DEMO_ACCOUNT_SID);
}

#[tokio::test]
async fn reset_returns_to_the_seed() {
    let tw = Tw::start().await;
    let seeded = tw.sb.state_json();
    tw.create(&tw.v1("/Trunks"), &[("FriendlyName", "temp")])
        .await;
    assert_eq!(
        tw.delete(&tw.v1(&format!("/Trunks/{TRUNK}"))).await.status,
        204
    );
    assert_ne!(tw.sb.state_json(), seeded);
    tw.sb.reset();
    assert_eq!(tw.sb.state_json(), seeded);
    tw.create(&tw.v1("/Trunks"), &[("FriendlyName", "temp")])
        .await;
    let r = tw
        .send(
            tw.http.post(format!("{}/__sandbox/reset", tw.base)),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_eq!(r.status, 200);
    let state = tw.get(&format!("{}/__sandbox/state", tw.base)).await;
    assert_eq!(state.body, seeded);
    // an unseeded sandbox resets to empty
    let empty = Tw::empty().await;
    assert_eq!(
        empty.get(&empty.v1("/Trunks")).await.body["trunks"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    empty.create(&empty.v1("/Trunks"), &[]).await;
    empty.sb.reset();
    assert_eq!(
        empty.get(&empty.v1("/Trunks")).await.body["trunks"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.json");
    let config = SandboxConfig {
        state_file: Some(file.clone()),
        ..SandboxConfig::default()
    };
    let tw = Tw::start_with(config.clone()).await;
    let sid = tw
        .create(&tw.v1("/Trunks"), &[("FriendlyName", "Persisted")])
        .await;
    let key = tw.post(&tw.api("/Keys.json"), &[]).await.body;
    let (key_sid, secret) = (
        key["sid"].as_str().unwrap().to_string(),
        key["secret"].as_str().unwrap().to_string(),
    );
    tw.sb.shutdown().await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains(switchboard_sandbox::DEMO_AUTH_TOKEN),
        "the auth token is never written"
    );
    assert!(!text.contains(&secret), "key secrets are never written");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().count() == 1,
        "no temp files left"
    );

    let again = Tw::start_with(config).await;
    assert_eq!(
        again.get(&again.v1(&format!("/Trunks/{sid}"))).await.body["friendly_name"],
        "Persisted"
    );
    // the key still authenticates after the restart
    let creds = again.as_user(&key_sid, &secret);
    assert_eq!(again.get_as(&creds, &again.v1("/Trunks")).await.status, 200);

    // a state file for another account is refused
    let other = SandboxConfig {
        account_sid: "AC11111111111111111111111111111111".into(),
        state_file: Some(file),
        ..SandboxConfig::default()
    };
    let err = Sandbox::start(other).await.err().expect("refused");
    assert!(err.to_string().contains("belongs to account"), "{err}");
}

#[tokio::test]
async fn bad_config_is_refused() {
    let err = Sandbox::start(SandboxConfig {
        account_sid: "ACnope".into(),
        ..SandboxConfig::default()
    })
    .await
    .err()
    .expect("refused");
    assert!(err.to_string().contains("ACnope"));
    let dbg = format!("{:?}", SandboxConfig::default());
    assert!(
        !dbg.contains(switchboard_sandbox::DEMO_AUTH_TOKEN),
        "Debug redacts the token"
    );
}

#[test]
fn start_blocking_from_sync_code() {
    let sb = Sandbox::start_blocking(SandboxConfig::default()).expect("starts");
    let base = sb.base_url();
    assert!(base.starts_with("http://127.0.0.1:"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{base}/v1/Trunks"))
            .basic_auth(sb.account_sid(), Some(sb.auth_token()))
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    sb.shutdown_blocking();
    let after = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{base}/v1/Trunks"))
            .send()
            .await
    });
    assert!(after.is_err(), "nothing listens after shutdown");
}
