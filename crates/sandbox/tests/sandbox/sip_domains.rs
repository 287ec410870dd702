//! SIP domains in v2010 and their auth mappings, and deleting lists still in use.

use crate::common;
use common::*;

#[tokio::test]
async fn lists_in_use_cannot_be_deleted() {
    let tw = Tw::start().await;
    // the seed ACL is on the seed trunk
    let r = tw
        .delete(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}.json")))
        .await;
    assert_error(&r, 409, None);
    assert!(r.body["message"].as_str().unwrap().contains(TRUNK));
    let dom = tw
        .create(
            &tw.api("/SIP/Domains.json"),
            &[("DomainName", "inuse.sip.twilio.com")],
        )
        .await;
    let map = tw.api(&format!(
        "/SIP/Domains/{dom}/Auth/Registrations/CredentialListMappings.json"
    ));
    assert_eq!(
        tw.post(&map, &[("CredentialListSid", CL)]).await.status,
        201
    );
    assert_error(
        &tw.delete(&tw.api(&format!("/SIP/CredentialLists/{CL}.json")))
            .await,
        409,
        None,
    );
    // once detached, deletion works
    let m = tw.api(&format!(
        "/SIP/Domains/{dom}/Auth/Registrations/CredentialListMappings/{CL}.json"
    ));
    assert_eq!(tw.delete(&m).await.status, 204);
    assert_eq!(
        tw.delete(&tw.api(&format!("/SIP/CredentialLists/{CL}.json")))
            .await
            .status,
        204
    );
    assert_eq!(
        tw.delete(&tw.v1(&format!("/Trunks/{TRUNK}/IpAccessControlLists/{ACL}")))
            .await
            .status,
        204
    );
    assert_eq!(
        tw.delete(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}.json")))
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn domains_and_mappings() {
    let tw = Tw::start().await;
    let domains = tw.api("/SIP/Domains.json");
    let r = tw
        .post(
            &domains,
            &[
                ("DomainName", "acme-office.sip.twilio.com"),
                ("FriendlyName", "Acme"),
                ("VoiceUrl", "https://example.com/voice"),
                ("VoiceMethod", "GET"),
                ("SipRegistration", "true"),
                ("Secure", "false"),
                ("EmergencyCallerSid", PN_FREE),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let sd = r.body["sid"].as_str().unwrap().to_string();
    assert_eq!(r.body["auth_type"], "");
    assert_eq!(r.body["sip_registration"], true);
    assert_eq!(r.body["voice_method"], "GET");
    assert_eq!(r.body["emergency_caller_sid"], PN_FREE);
    for key in [
        "credential_list_mappings",
        "ip_access_control_list_mappings",
    ] {
        let u = format!(
            "{}{}",
            tw.base,
            r.body["subresource_uris"][key].as_str().unwrap()
        );
        assert_eq!(tw.get(&u).await.body[key].as_array().unwrap().len(), 0);
    }

    for bad in [
        "acme.pstn.twilio.com",
        "acme.example.com",
        "ac me.sip.twilio.com",
        "sip.twilio.com",
    ] {
        assert_invalid(
            &tw.post(&domains, &[("DomainName", bad)]).await,
            "DomainName",
        );
    }
    assert_error(
        &tw.post(&domains, &[("DomainName", "acme-office.sip.twilio.com")])
            .await,
        409,
        None,
    );
    assert_invalid(&tw.post(&domains, &[]).await, "DomainName");
    assert_invalid(
        &tw.post(
            &domains,
            &[("DomainName", "b.sip.twilio.com"), ("VoiceMethod", "PUT")],
        )
        .await,
        "VoiceMethod",
    );
    assert_invalid(
        &tw.post(
            &domains,
            &[("DomainName", "b.sip.twilio.com"), ("SipRegistration", "1")],
        )
        .await,
        "SipRegistration",
    );
    assert_invalid(
        &tw.post(
            &domains,
            &[
                ("DomainName", "b.sip.twilio.com"),
                ("FriendlyName", &"n".repeat(65)),
            ],
        )
        .await,
        "FriendlyName",
    );
    let missing_by = "BY00000000000000000000000000000000";
    assert_invalid(
        &tw.post(
            &domains,
            &[
                ("DomainName", "b.sip.twilio.com"),
                ("ByocTrunkSid", missing_by),
            ],
        )
        .await,
        "ByocTrunkSid",
    );

    let base = tw.api(&format!("/SIP/Domains/{sd}"));
    for (coll, param, sid) in [
        ("Auth/Calls/CredentialListMappings", "CredentialListSid", CL),
        (
            "Auth/Calls/IpAccessControlListMappings",
            "IpAccessControlListSid",
            ACL,
        ),
        (
            "Auth/Registrations/CredentialListMappings",
            "CredentialListSid",
            CL,
        ),
    ] {
        let list = format!("{base}/{coll}.json");
        let r = tw.post(&list, &[(param, sid)]).await;
        assert_eq!(r.status, 201, "{coll}: {}", r.body);
        assert_eq!(r.body["sid"], sid);
        assert!(r.body.get("uri").is_none() && r.body.get("domain_sid").is_none());
        assert_error(&tw.post(&list, &[(param, sid)]).await, 409, None);
        assert_invalid(&tw.post(&list, &[]).await, param);
        let l = tw.get(&list).await;
        assert_eq!(
            l.body["contents"].as_array().unwrap().len(),
            1,
            "{coll} list key is contents"
        );
        let one = format!("{base}/{coll}/{sid}.json");
        assert!(tw.get(&one).await.body["friendly_name"].is_string());
    }
    let d = tw.get(&format!("{base}.json")).await;
    assert_eq!(d.body["auth_type"], "IP_ACL,CREDENTIAL_LIST");
    // the older collections see the Auth/Calls mappings
    let old = tw.get(&format!("{base}/CredentialListMappings.json")).await;
    assert_eq!(old.body["credential_list_mappings"][0]["domain_sid"], sd);

    assert_eq!(
        tw.delete(&format!(
            "{base}/Auth/Calls/IpAccessControlListMappings/{ACL}.json"
        ))
        .await
        .status,
        204
    );
    assert_error(
        &tw.get(&format!(
            "{base}/Auth/Calls/IpAccessControlListMappings/{ACL}.json"
        ))
        .await,
        404,
        Some(20404),
    );
    let r = tw
        .post(
            &format!("{base}.json"),
            &[("FriendlyName", "Acme 2"), ("VoiceUrl", "")],
        )
        .await;
    assert_eq!(r.body["friendly_name"], "Acme 2");
    assert!(
        r.body["voice_url"].is_null(),
        "an empty value clears the URL"
    );
    assert_eq!(tw.delete(&format!("{base}.json")).await.status, 204);
    assert_error(&tw.get(&format!("{base}.json")).await, 404, Some(20404));
}
