//! The client against the sandbox: SIP ACLs, credential lists, domains and their mappings.

use futures::TryStreamExt;
use switchboard_tests::{code_of, empty};
use switchboard_twilio::*;

#[tokio::test]
async fn acl_and_addresses_crud_with_rules() {
    let (_sb, c) = empty().await;
    let acl = c.create_ip_acl("Carrier").await.unwrap();
    assert_eq!(
        c.rename_ip_acl(&acl.sid, "Carrier EU")
            .await
            .unwrap()
            .friendly_name
            .as_deref(),
        Some("Carrier EU")
    );
    let ip = c
        .create_ip_address(
            &acl.sid,
            &NewIpAddress {
                friendly_name: "a".into(),
                ip_address: "192.0.2.1".into(),
                cidr_prefix_length: None,
            },
        )
        .await
        .unwrap();
    let got = c.fetch_ip_address(&acl.sid, &ip.sid).await.unwrap();
    assert_eq!(got.ip_address.as_deref(), Some("192.0.2.1"));
    let u = c
        .update_ip_address(&acl.sid, &ip.sid, Some("b"), None, Some(30))
        .await
        .unwrap();
    assert_eq!(
        (u.friendly_name.as_deref(), u.cidr_prefix_length),
        (Some("b"), Some(30))
    );
    let all: Vec<_> = c.list_ip_addresses(&acl.sid).try_collect().await.unwrap();
    assert_eq!(all.len(), 1);
    let acls: Vec<_> = c.list_ip_acls().try_collect().await.unwrap();
    assert_eq!(acls.len(), 1);

    for bad in ["2001:db8::1", "192.0.2.*", "sbc.example.com", "300.1.1.1"] {
        let r = c
            .create_ip_address(
                &acl.sid,
                &NewIpAddress {
                    friendly_name: "x".into(),
                    ip_address: bad.into(),
                    cidr_prefix_length: None,
                },
            )
            .await;
        assert_eq!(
            code_of(r).0,
            400,
            "{bad} must be refused: IPv4 dotted decimal only"
        );
    }

    c.delete_ip_address(&acl.sid, &ip.sid).await.unwrap();
    c.delete_ip_acl(&acl.sid).await.unwrap();
    assert!(c.fetch_ip_acl(&acl.sid).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn credentials_never_return_passwords_and_enforce_policy() {
    let (sb, c) = empty().await;
    let cl = c.create_credential_list("Phones").await.unwrap();
    assert_eq!(
        c.rename_credential_list(&cl.sid, "Desk phones")
            .await
            .unwrap()
            .friendly_name
            .as_deref(),
        Some("Desk phones")
    );
    let cr = c
        .create_credential(&cl.sid, "+14155552671", &Secret::new("Abcdefgh1234"))
        .await
        .unwrap();
    assert_eq!(cr.username.as_deref(), Some("+14155552671"));
    assert!(!sb.state_json().to_string().is_empty());
    c.update_credential_password(&cl.sid, &cr.sid, &Secret::new("NewPassw0rd99"))
        .await
        .unwrap();
    c.fetch_credential(&cl.sid, &cr.sid).await.unwrap();
    let all: Vec<_> = c.list_credentials(&cl.sid).try_collect().await.unwrap();
    assert_eq!(all.len(), 1);

    for weak in [
        "short1A",
        "alllowercase123",
        "ALLUPPERCASE123",
        "NoDigitsHereAtAll",
    ] {
        let r = c
            .create_credential(&cl.sid, "user2", &Secret::new(weak))
            .await;
        assert_eq!(code_of(r).0, 400, "weak password {weak} must be refused");
    }
    let r = c
        .create_credential(&cl.sid, &"u".repeat(33), &Secret::new("Abcdefgh1234"))
        .await;
    assert_eq!(code_of(r).0, 400, "usernames are at most 32 characters");

    c.delete_credential(&cl.sid, &cr.sid).await.unwrap();
    c.delete_credential_list(&cl.sid).await.unwrap();
    let lists: Vec<_> = c.list_credential_lists().try_collect().await.unwrap();
    assert!(lists.is_empty());
}

#[tokio::test]
async fn domains_and_all_three_mappings() {
    let (_sb, c) = empty().await;
    let p = SipDomainParams {
        domain_name: Some("office-phones.sip.twilio.com".into()),
        friendly_name: Some("Office phones".into()),
        voice_url: Some("https://example.com/voice".into()),
        voice_method: Some(HttpMethod::Post),
        sip_registration: Some(true),
        emergency_calling_enabled: Some(false),
        ..Default::default()
    };
    let d = c.create_sip_domain(&p).await.unwrap();
    assert_eq!(
        d.domain_name.as_deref(),
        Some("office-phones.sip.twilio.com")
    );
    assert_eq!(d.sip_registration, Some(true));
    let u = c
        .update_sip_domain(
            &d.sid,
            &SipDomainParams {
                secure: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(u.secure, Some(true));
    assert_eq!(
        c.fetch_sip_domain(&d.sid)
            .await
            .unwrap()
            .voice_url
            .as_deref(),
        Some("https://example.com/voice")
    );
    let ds: Vec<_> = c.list_sip_domains().try_collect().await.unwrap();
    assert_eq!(ds.len(), 1);

    let cl = c.create_credential_list("Phones").await.unwrap();
    let acl = c.create_ip_acl("Office").await.unwrap();
    for (kind, sid) in [
        (DomainMapping::CallsCredentialList, cl.sid.as_str()),
        (DomainMapping::CallsIpAcl, acl.sid.as_str()),
        (DomainMapping::RegistrationsCredentialList, cl.sid.as_str()),
    ] {
        let m = c.add_domain_mapping(&d.sid, kind, sid).await.unwrap();
        assert_eq!(m.sid, sid);
        c.fetch_domain_mapping(&d.sid, kind, sid).await.unwrap();
        let all: Vec<_> = c
            .list_domain_mappings(&d.sid, kind)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 1, "{kind:?}");
    }
    let auth = c
        .fetch_sip_domain(&d.sid)
        .await
        .unwrap()
        .auth_type
        .unwrap_or_default();
    assert!(
        auth.contains("CREDENTIAL_LIST") && auth.contains("IP_ACL"),
        "auth_type {auth}"
    );

    // A CL SID where an AL is expected is refused before any request.
    let err = c
        .add_domain_mapping(&d.sid, DomainMapping::CallsIpAcl, cl.sid.as_str())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");

    for (kind, sid) in [
        (DomainMapping::CallsCredentialList, cl.sid.as_str()),
        (DomainMapping::CallsIpAcl, acl.sid.as_str()),
        (DomainMapping::RegistrationsCredentialList, cl.sid.as_str()),
    ] {
        c.remove_domain_mapping(&d.sid, kind, sid).await.unwrap();
        assert!(
            c.fetch_domain_mapping(&d.sid, kind, sid)
                .await
                .unwrap_err()
                .is_not_found()
        );
    }

    let bad = SipDomainParams {
        domain_name: Some("phones.example.com".into()),
        ..Default::default()
    };
    assert_eq!(
        code_of(c.create_sip_domain(&bad).await).0,
        400,
        "must end in sip.twilio.com"
    );
    let dup = SipDomainParams {
        domain_name: Some("office-phones.sip.twilio.com".into()),
        ..Default::default()
    };
    assert_eq!(
        code_of(c.create_sip_domain(&dup).await).0,
        409,
        "domain names are unique"
    );

    c.delete_sip_domain(&d.sid).await.unwrap();
    assert!(c.fetch_sip_domain(&d.sid).await.unwrap_err().is_not_found());
}
