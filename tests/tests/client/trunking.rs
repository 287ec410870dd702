//! The client against the sandbox: every Elastic SIP Trunking operation, end to end.

use futures::TryStreamExt;
use switchboard_tests::{code_of, demo, empty};
use switchboard_twilio::*;

fn trunk_params(name: &str, domain: &str) -> TrunkParams {
    TrunkParams {
        friendly_name: Some(name.into()),
        domain_name: Some(domain.into()),
        transfer_mode: Some(TransferMode::EnableAll),
        secure: Some(true),
        cnam_lookup_enabled: Some(false),
        disaster_recovery_url: Some("https://example.com/dr".into()),
        disaster_recovery_method: Some(HttpMethod::Post),
        ..Default::default()
    }
}

#[tokio::test]
async fn trunk_create_fetch_update_list_delete() {
    let (_sb, c) = empty().await;
    let t = c
        .create_trunk(&trunk_params("Office", "office-1.pstn.twilio.com"))
        .await
        .unwrap();
    assert_eq!(t.friendly_name.as_deref(), Some("Office"));
    assert_eq!(t.domain_name.as_deref(), Some("office-1.pstn.twilio.com"));
    assert_eq!(t.transfer_mode, Some(TransferMode::EnableAll));
    assert_eq!(t.secure, Some(true));
    assert_eq!(t.disaster_recovery_method, Some(HttpMethod::Post));

    let fetched = c.fetch_trunk(&t.sid).await.unwrap();
    assert_eq!(fetched.sid, t.sid);

    let upd = TrunkParams {
        friendly_name: Some("Office 2".into()),
        secure: Some(false),
        ..Default::default()
    };
    let u = c.update_trunk(&t.sid, &upd).await.unwrap();
    assert_eq!(u.friendly_name.as_deref(), Some("Office 2"));
    assert_eq!(u.secure, Some(false));
    assert_eq!(
        u.domain_name.as_deref(),
        Some("office-1.pstn.twilio.com"),
        "updates are partial"
    );

    let all: Vec<Trunk> = c.list_trunks().try_collect().await.unwrap();
    assert_eq!(all.len(), 1);

    c.delete_trunk(&t.sid).await.unwrap();
    assert!(c.fetch_trunk(&t.sid).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn trunk_rules_come_back_as_twilio_errors() {
    let (_sb, c) = empty().await;
    c.create_trunk(&trunk_params("A", "dup.pstn.twilio.com"))
        .await
        .unwrap();
    let (status, _) = code_of(
        c.create_trunk(&trunk_params("B", "dup.pstn.twilio.com"))
            .await,
    );
    assert_eq!(status, 409, "domain names are unique");
    let (status, _) = code_of(
        c.create_trunk(&trunk_params("C", "foreign.example.com"))
            .await,
    );
    assert_eq!(status, 400, "domain must end in pstn.twilio.com");
    let long = "x".repeat(65);
    let (status, _) = code_of(
        c.create_trunk(&TrunkParams {
            friendly_name: Some(long),
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 400, "friendly name at most 64");
}

#[tokio::test]
async fn origination_urls_crud() {
    let (_sb, c) = empty().await;
    let t = c
        .create_trunk(&trunk_params("T", "orig.pstn.twilio.com"))
        .await
        .unwrap();
    let new = NewOriginationUrl {
        friendly_name: "Primary SBC".into(),
        sip_url: "sip:sbc1.example.com:5060".into(),
        priority: 10,
        weight: 20,
        enabled: true,
    };
    let o = c.create_origination_url(&t.sid, &new).await.unwrap();
    assert_eq!(
        (o.priority, o.weight, o.enabled),
        (Some(10), Some(20), Some(true))
    );
    assert_eq!(o.sip_url.as_deref(), Some("sip:sbc1.example.com:5060"));
    assert_eq!(o.trunk_sid.as_ref(), Some(&t.sid));

    let got = c.fetch_origination_url(&t.sid, &o.sid).await.unwrap();
    assert_eq!(got.friendly_name.as_deref(), Some("Primary SBC"));
    let u = c
        .update_origination_url(
            &t.sid,
            &o.sid,
            &OriginationUrlUpdate {
                priority: Some(20),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((u.priority, u.weight), (Some(20), Some(20)));
    let list: Vec<_> = c.list_origination_urls(&t.sid).try_collect().await.unwrap();
    assert_eq!(list.len(), 1);

    for (bad, why) in [
        (
            NewOriginationUrl {
                sip_url: "sips:sbc.example.com".into(),
                ..new.clone()
            },
            "sips refused",
        ),
        (
            NewOriginationUrl {
                weight: 0,
                ..new.clone()
            },
            "weight 1-65535",
        ),
        (
            NewOriginationUrl {
                priority: 65536,
                ..new.clone()
            },
            "priority 0-65535",
        ),
    ] {
        let (status, _) = code_of(c.create_origination_url(&t.sid, &bad).await);
        assert_eq!(status, 400, "{why}");
    }

    c.delete_origination_url(&t.sid, &o.sid).await.unwrap();
    assert!(
        c.fetch_origination_url(&t.sid, &o.sid)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn acl_and_credential_list_associations() {
    let (_sb, c) = empty().await;
    let t = c
        .create_trunk(&trunk_params("T", "assoc.pstn.twilio.com"))
        .await
        .unwrap();
    let acl = c.create_ip_acl("SBCs").await.unwrap();
    let one = NewIpAddress {
        friendly_name: "sbc1".into(),
        ip_address: "203.0.113.10".into(),
        cidr_prefix_length: None,
    };
    c.create_ip_address(&acl.sid, &one).await.unwrap();
    let block = NewIpAddress {
        friendly_name: "range".into(),
        ip_address: "198.51.100.0".into(),
        cidr_prefix_length: Some(28),
    };
    let b = c.create_ip_address(&acl.sid, &block).await.unwrap();
    assert_eq!(b.cidr_prefix_length, Some(28));

    let link = c.add_trunk_ip_acl(&t.sid, &acl.sid).await.unwrap();
    assert_eq!(link.sid, acl.sid);
    assert_eq!(
        c.fetch_trunk_ip_acl(&t.sid, &acl.sid)
            .await
            .unwrap()
            .trunk_sid
            .as_ref(),
        Some(&t.sid)
    );

    let cl = c.create_credential_list("PBX users").await.unwrap();
    c.create_credential(&cl.sid, "pbx-main", &Secret::new("Str0ngPassw0rd!x"))
        .await
        .unwrap();
    c.add_trunk_credential_list(&t.sid, &cl.sid).await.unwrap();

    let acls: Vec<_> = c.list_trunk_ip_acls(&t.sid).try_collect().await.unwrap();
    let cls: Vec<_> = c
        .list_trunk_credential_lists(&t.sid)
        .try_collect()
        .await
        .unwrap();
    assert_eq!((acls.len(), cls.len()), (1, 1));
    let auth = c
        .fetch_trunk(&t.sid)
        .await
        .unwrap()
        .auth_type
        .unwrap_or_default();
    assert!(
        auth.contains("IP_ACL") && auth.contains("CREDENTIAL_LIST"),
        "auth_type is {auth}"
    );

    c.remove_trunk_ip_acl(&t.sid, &acl.sid).await.unwrap();
    c.remove_trunk_credential_list(&t.sid, &cl.sid)
        .await
        .unwrap();
    assert!(
        c.fetch_trunk_ip_acl(&t.sid, &acl.sid)
            .await
            .unwrap_err()
            .is_not_found()
    );
    // Detaching keeps the lists themselves.
    c.fetch_ip_acl(&acl.sid).await.unwrap();
    c.fetch_credential_list(&cl.sid).await.unwrap();
}

#[tokio::test]
async fn numbers_on_a_trunk_lose_their_voice_url_and_are_never_released() {
    let (_sb, c) = demo().await;
    let t = c
        .create_trunk(&trunk_params("T", "nums.pstn.twilio.com"))
        .await
        .unwrap();
    let numbers: Vec<IncomingPhoneNumber> = c
        .list_incoming_phone_numbers(&NumberFilter::default())
        .try_collect()
        .await
        .unwrap();
    let n = numbers
        .iter()
        .find(|n| n.trunk_sid.is_none())
        .expect("a free seeded number")
        .clone();
    c.update_incoming_phone_number(
        &n.sid,
        &NumberUpdate {
            voice_url: Some("https://example.com/v".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let linked = c.add_trunk_phone_number(&t.sid, &n.sid).await.unwrap();
    assert_eq!(linked.trunk_sid.as_ref(), Some(&t.sid));
    let after = c.fetch_incoming_phone_number(&n.sid).await.unwrap();
    assert_eq!(after.trunk_sid.as_ref(), Some(&t.sid));
    assert!(
        after.voice_url.as_deref().unwrap_or("").is_empty(),
        "voice URL cleared: {:?}",
        after.voice_url
    );
    let on_trunk: Vec<_> = c
        .list_trunk_phone_numbers(&t.sid)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(on_trunk.len(), 1);
    c.fetch_trunk_phone_number(&t.sid, &n.sid).await.unwrap();

    c.remove_trunk_phone_number(&t.sid, &n.sid).await.unwrap();
    let detached = c.fetch_incoming_phone_number(&n.sid).await.unwrap();
    assert!(detached.trunk_sid.is_none());
    assert_eq!(
        detached.phone_number, n.phone_number,
        "the number stays on the account"
    );

    // Setting TrunkSid on the number is the other way to attach it.
    let u = c
        .update_incoming_phone_number(
            &n.sid,
            &NumberUpdate {
                trunk_sid: Some(t.sid.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(u.trunk_sid.as_ref(), Some(&t.sid));
    c.delete_trunk(&t.sid).await.unwrap();
    let kept = c.fetch_incoming_phone_number(&n.sid).await.unwrap();
    assert!(
        kept.trunk_sid.is_none(),
        "deleting a trunk detaches, never releases"
    );
}

#[tokio::test]
async fn recording_settings() {
    let (_sb, c) = empty().await;
    let t = c
        .create_trunk(&trunk_params("T", "rec.pstn.twilio.com"))
        .await
        .unwrap();
    let r = c.fetch_recording(&t.sid).await.unwrap();
    assert_eq!(r.mode, Some(RecordingMode::DoNotRecord));
    let r = c
        .update_recording(
            &t.sid,
            Some(RecordingMode::RecordFromAnswerDual),
            Some(RecordingTrim::TrimSilence),
        )
        .await
        .unwrap();
    assert_eq!(
        r,
        Recording {
            mode: Some(RecordingMode::RecordFromAnswerDual),
            trim: Some(RecordingTrim::TrimSilence)
        }
    );
    assert_eq!(c.fetch_recording(&t.sid).await.unwrap(), r);
}
