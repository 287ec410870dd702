//! The client against the sandbox: BYOC, calls, account and API keys.

use std::time::Duration;

use futures::TryStreamExt;
use switchboard_tests::{client_for, code_of, demo, empty};
use switchboard_twilio::*;

#[tokio::test]
async fn byoc_policy_targets_and_trunk() {
    let (_sb, c) = empty().await;
    let p = c.create_connection_policy(Some("Carrier")).await.unwrap();
    assert_eq!(
        c.update_connection_policy(&p.sid, "Carrier A")
            .await
            .unwrap()
            .friendly_name
            .as_deref(),
        Some("Carrier A")
    );
    c.fetch_connection_policy(&p.sid).await.unwrap();
    let t = c
        .create_target(
            &p.sid,
            &TargetParams {
                target: Some("sip:sbc.carrier.example:5060".into()),
                priority: Some(10),
                weight: Some(10),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(t.target.as_deref(), Some("sip:sbc.carrier.example:5060"));
    assert_eq!(t.enabled, Some(true), "targets are enabled by default");
    let t2 = c
        .update_target(
            &p.sid,
            &t.sid,
            &TargetParams {
                weight: Some(30),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(t2.weight, Some(30));
    c.fetch_target(&p.sid, &t.sid).await.unwrap();
    assert_eq!(
        c.list_targets(&p.sid)
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    let bad = TargetParams {
        target: Some("sips:sbc.carrier.example".into()),
        ..Default::default()
    };
    assert_eq!(
        code_of(c.create_target(&p.sid, &bad).await).0,
        400,
        "sips: refused"
    );

    let bt = c
        .create_byoc_trunk(&ByocTrunkParams {
            friendly_name: Some("Carrier A".into()),
            voice_url: Some("https://example.com/in".into()),
            voice_method: Some(HttpMethod::Post),
            connection_policy_sid: Some(p.sid.clone()),
            cnam_lookup_enabled: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(bt.connection_policy_sid.as_ref(), Some(&p.sid));
    let bt2 = c
        .update_byoc_trunk(
            &bt.sid,
            &ByocTrunkParams {
                voice_fallback_url: Some("https://example.com/fb".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        bt2.voice_fallback_url.as_deref(),
        Some("https://example.com/fb")
    );
    c.fetch_byoc_trunk(&bt.sid).await.unwrap();
    assert_eq!(
        c.list_byoc_trunks()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        c.list_connection_policies()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );

    c.delete_byoc_trunk(&bt.sid).await.unwrap();
    c.delete_target(&p.sid, &t.sid).await.unwrap();
    c.delete_connection_policy(&p.sid).await.unwrap();
    assert!(
        c.fetch_connection_policy(&p.sid)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn test_call_over_byoc_reaches_completed() {
    let (_sb, c) = demo().await;
    let p = c.create_connection_policy(Some("Carrier")).await.unwrap();
    let bt = c
        .create_byoc_trunk(&ByocTrunkParams {
            connection_policy_sid: Some(p.sid.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let from: Vec<IncomingPhoneNumber> = c
        .list_incoming_phone_numbers(&NumberFilter::default())
        .try_collect()
        .await
        .unwrap();
    let call = c
        .create_call(&NewCall {
            to: "+14155552671".into(),
            from: from[0].phone_number.clone(),
            instructions: CallInstructions::Twiml("<Response><Say>Test</Say></Response>".into()),
            byoc: Some(bt.sid.clone()),
            status_callback: None,
            timeout: Some(30),
            time_limit: Some(10),
        })
        .await
        .unwrap();
    assert_eq!(call.status.as_deref(), Some("queued"));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut seen = vec![];
    loop {
        let now = c.fetch_call(&call.sid).await.unwrap();
        let s = now.status.clone().unwrap_or_default();
        if seen.last() != Some(&s) {
            seen.push(s);
        }
        if now.is_final() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "call stuck: {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        seen.last().map(String::as_str),
        Some("completed"),
        "progression {seen:?}"
    );

    let no_instructions = NewCall {
        to: "+14155552671".into(),
        from: from[0].phone_number.clone(),
        instructions: CallInstructions::Url(String::new()),
        byoc: None,
        status_callback: None,
        timeout: None,
        time_limit: None,
    };
    assert_eq!(
        code_of(c.create_call(&no_instructions).await).0,
        400,
        "one of Url/Twiml/ApplicationSid is required"
    );
}

#[tokio::test]
async fn account_keys_and_wrong_credentials() {
    let (sb, c) = demo().await;
    let a = c.fetch_account().await.unwrap();
    assert_eq!(a.friendly_name.as_deref(), Some("Switchboard Demo"));
    assert!(a.is_active());

    let key = c.create_key("switchboard on test-host").await.unwrap();
    assert!(!key.secret.is_empty());
    let with_key = Client::new(
        Credentials::api_key(sb.account_sid(), key.sid.as_str(), key.secret.clone()).unwrap(),
        Endpoints::single(&sb.base_url()),
    )
    .unwrap();
    let verified = with_key.verify().await.unwrap();
    assert_eq!(verified.sid.as_str(), sb.account_sid());
    assert!(
        verified.friendly_name.is_none(),
        "a key is verified without reading the Account"
    );
    assert_eq!(
        c.verify().await.unwrap().friendly_name.as_deref(),
        Some("Switchboard Demo")
    );
    assert!(
        c.list_keys()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .iter()
            .any(|k| k.sid == key.sid)
    );
    assert_eq!(
        c.fetch_key(&key.sid)
            .await
            .unwrap()
            .friendly_name
            .as_deref(),
        Some("switchboard on test-host")
    );

    c.delete_key(&key.sid).await.unwrap();
    let (status, code) = code_of(with_key.verify().await);
    assert_eq!(
        (status, code),
        (401, 20003),
        "a deleted key is revoked at once"
    );

    let wrong = client_for(&sb, "0000000000000000000000000000beef");
    let err = wrong.fetch_account().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.twilio_code(), Some(20003));
}
