//! Elastic SIP Trunking: trunks, origination URLs, associations, recording and their rules.

use crate::common;
use common::*;

#[tokio::test]
async fn trunk_crud_and_shape() {
    let tw = Tw::start().await;
    let r = tw
        .post(
            &tw.v1("/Trunks"),
            &[
                ("FriendlyName", "Branch"),
                ("DomainName", "Branch-1.pstn.twilio.com"),
                ("TransferMode", "enable-all"),
                ("Secure", "true"),
                ("DisasterRecoveryUrl", "https://example.com/dr"),
                ("DisasterRecoveryMethod", "GET"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let sid = r.body["sid"].as_str().unwrap().to_string();
    assert!(sid.starts_with("TK") && sid.len() == 34);
    assert_eq!(r.body["domain_name"], "branch-1.pstn.twilio.com");
    assert_eq!(r.body["transfer_mode"], "enable-all");
    assert_eq!(r.body["secure"], true);
    assert_eq!(r.body["auth_type"], "");
    assert_eq!(r.body["recording"]["mode"], "do-not-record");
    let url = r.body["url"].as_str().unwrap().to_string();
    assert_eq!(url, tw.v1(&format!("/Trunks/{sid}")));
    let date = r.body["date_created"].as_str().unwrap();
    assert!(date.ends_with('Z') && date.len() == 20, "ISO 8601: {date}");
    // following the absolute url and links works
    assert_eq!(tw.get(&url).await.body["friendly_name"], "Branch");
    let links = r.body["links"].as_object().unwrap();
    for key in [
        "origination_urls",
        "credential_lists",
        "ip_access_control_lists",
        "phone_numbers",
    ] {
        let r = tw.get(links[key].as_str().unwrap()).await;
        assert_eq!(r.status, 200, "link {key}");
    }

    let r = tw
        .post(
            &url,
            &[("FriendlyName", "Branch 2"), ("CnamLookupEnabled", "true")],
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["friendly_name"], "Branch 2");
    assert_eq!(r.body["cnam_lookup_enabled"], true);
    assert_eq!(
        r.body["transfer_mode"], "enable-all",
        "partial update keeps other fields"
    );

    let list = tw.get(&tw.v1("/Trunks")).await;
    assert_eq!(list.body["trunks"].as_array().unwrap().len(), 2);
    assert_eq!(list.body["meta"]["key"], "trunks");

    assert_eq!(tw.delete(&url).await.status, 204);
    assert_error(&tw.get(&url).await, 404, Some(20404));
    assert_error(&tw.delete(&url).await, 404, Some(20404));
}

#[tokio::test]
async fn trunk_rules() {
    let tw = Tw::start().await;
    let url = tw.v1("/Trunks");
    for bad in [
        "office.example.com",
        "pstn.twilio.com",
        "off_ice.pstn.twilio.com",
        "office.sip.twilio.com",
    ] {
        let r = tw.post(&url, &[("DomainName", bad)]).await;
        assert_error(&r, 400, Some(20001));
        assert_invalid(&r, "DomainName");
    }
    // unique domain names (the seed owns demo-office)
    let r = tw
        .post(&url, &[("DomainName", "demo-office.pstn.twilio.com")])
        .await;
    assert_error(&r, 409, None);
    assert_invalid(&r, "DomainName");
    let long = "x".repeat(65);
    assert_invalid(
        &tw.post(&url, &[("FriendlyName", &long)]).await,
        "FriendlyName",
    );
    assert_eq!(
        tw.post(&url, &[("FriendlyName", &"x".repeat(64))])
            .await
            .status,
        201
    );
    assert_invalid(
        &tw.post(&url, &[("TransferMode", "all")]).await,
        "TransferMode",
    );
    assert_invalid(
        &tw.post(&url, &[("TransferCallerId", "me")]).await,
        "TransferCallerId",
    );
    assert_invalid(
        &tw.post(&url, &[("DisasterRecoveryMethod", "PUT")]).await,
        "DisasterRecoveryMethod",
    );
    assert_invalid(&tw.post(&url, &[("Secure", "maybe")]).await, "Secure");
    assert_invalid(
        &tw.post(&url, &[("DisasterRecoveryUrl", "notaurl")]).await,
        "DisasterRecoveryUrl",
    );
    // a malformed SID in the path is a 404
    assert_error(&tw.get(&tw.v1("/Trunks/TK123")).await, 404, Some(20404));
    assert_error(
        &tw.get(&tw.v1("/Trunks/PN5eed0000000000000000000000000001"))
            .await,
        404,
        Some(20404),
    );
    assert_error(&tw.get(&tw.v1("/Nothing/Here")).await, 404, Some(20404));
    // updating to another trunk's domain is refused too
    let sid = tw
        .create(&url, &[("DomainName", "second.pstn.twilio.com")])
        .await;
    let r = tw
        .post(
            &tw.v1(&format!("/Trunks/{sid}")),
            &[("DomainName", "DEMO-office.pstn.twilio.com")],
        )
        .await;
    assert_error(&r, 409, None);
}

#[tokio::test]
async fn json_body_is_treated_as_missing_parameters() {
    let tw = Tw::start().await;
    let url = tw.v1(&format!("/Trunks/{TRUNK}/OriginationUrls"));
    let body = serde_json::json!({"SipUrl": "sip:a.example.com", "Priority": 1, "Weight": 1, "Enabled": true, "FriendlyName": "x"});
    let r = tw
        .send(tw.http.post(&url).json(&body), &tw.ac, tw.sb.auth_token())
        .await;
    assert_error(&r, 400, Some(20001));
    assert_invalid(&r, "Weight");
    // only the content type decides: form-shaped text sent as JSON is not read either
    let form_text = "SipUrl=sip%3Aa.example.com&Priority=1&Weight=1&Enabled=true&FriendlyName=x";
    let mislabelled = tw
        .http
        .post(&url)
        .header("content-type", "application/json")
        .body(form_text);
    let r = tw.send(mislabelled, &tw.ac, tw.sb.auth_token()).await;
    assert_error(&r, 400, Some(20001));
    let labelled = tw
        .http
        .post(&url)
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(form_text);
    assert_eq!(
        tw.send(labelled, &tw.ac, tw.sb.auth_token()).await.status,
        201
    );
}

#[tokio::test]
async fn origination_urls() {
    let tw = Tw::start().await;
    let url = tw.v1(&format!("/Trunks/{TRUNK}/OriginationUrls"));
    let full = [
        ("SipUrl", "sip:pbx2.example.com:5060;transport=tcp"),
        ("Priority", "20"),
        ("Weight", "5"),
        ("Enabled", "false"),
        ("FriendlyName", "Backup"),
    ];
    let r = tw.post(&url, &full).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["priority"], 20);
    assert_eq!(r.body["weight"], 5);
    assert_eq!(r.body["enabled"], false);
    assert_eq!(r.body["trunk_sid"], TRUNK);
    let ou = r.body["url"].as_str().unwrap().to_string();
    assert_eq!(
        tw.get(&ou).await.body["sip_url"],
        "sip:pbx2.example.com:5060;transport=tcp"
    );
    let r = tw
        .post(&ou, &[("Priority", "0"), ("Weight", "65535")])
        .await;
    assert_eq!(
        (r.body["priority"].as_u64(), r.body["weight"].as_u64()),
        (Some(0), Some(65535))
    );
    assert_eq!(
        tw.get(&url).await.body["origination_urls"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // every one of the five is required on create
    for skip in 0..full.len() {
        let form: Vec<_> = full
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, p)| *p)
            .collect();
        let r = tw.post(&url, &form).await;
        assert_error(&r, 400, Some(20001));
        assert_invalid(&r, full[skip].0);
    }
    let with = |k: &'static str, v: &'static str| {
        full.iter()
            .map(move |p| if p.0 == k { (k, v) } else { *p })
            .collect::<Vec<_>>()
    };
    let sips = tw.post(&url, &with("SipUrl", "sips:pbx.example.com")).await;
    assert_invalid(&sips, "SipUrl");
    assert!(
        sips.body["message"]
            .as_str()
            .unwrap()
            .contains("sips: URIs are not supported")
    );
    assert_invalid(
        &tw.post(&url, &with("SipUrl", "pbx.example.com")).await,
        "SipUrl",
    );
    assert_invalid(&tw.post(&url, &with("Priority", "65536")).await, "Priority");
    assert_invalid(&tw.post(&url, &with("Priority", "-1")).await, "Priority");
    assert_invalid(&tw.post(&url, &with("Weight", "0")).await, "Weight");
    assert_invalid(&tw.post(&url, &with("Weight", "65536")).await, "Weight");
    assert_invalid(&tw.post(&url, &with("Enabled", "yes")).await, "Enabled");
    let long = "n".repeat(65);
    let form: Vec<_> = full
        .iter()
        .map(|p| {
            if p.0 == "FriendlyName" {
                ("FriendlyName", long.as_str())
            } else {
                *p
            }
        })
        .collect();
    assert_invalid(&tw.post(&url, &form).await, "FriendlyName");

    assert_eq!(tw.delete(&ou).await.status, 204);
    assert_error(&tw.get(&ou).await, 404, Some(20404));
}

#[tokio::test]
async fn acl_and_credential_list_associations() {
    let tw = Tw::start().await;
    let trunk = tw.create(&tw.v1("/Trunks"), &[("FriendlyName", "T")]).await;
    let acls = tw.v1(&format!("/Trunks/{trunk}/IpAccessControlLists"));
    let r = tw.post(&acls, &[("IpAccessControlListSid", ACL)]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["sid"], ACL);
    assert_eq!(r.body["trunk_sid"], trunk);
    assert_eq!(r.body["friendly_name"], "Office PBX signalling");
    assert_error(
        &tw.post(&acls, &[("IpAccessControlListSid", ACL)]).await,
        409,
        None,
    );
    assert_invalid(&tw.post(&acls, &[]).await, "IpAccessControlListSid");
    let unknown = "AL0000000000000000000000000000beef";
    assert_invalid(
        &tw.post(&acls, &[("IpAccessControlListSid", unknown)]).await,
        "IpAccessControlListSid",
    );

    let cls = tw.v1(&format!("/Trunks/{trunk}/CredentialLists"));
    assert_eq!(
        tw.post(&cls, &[("CredentialListSid", CL)]).await.status,
        201
    );
    let t = tw.get(&tw.v1(&format!("/Trunks/{trunk}"))).await;
    assert_eq!(t.body["auth_type"], "IP_ACL,CREDENTIAL_LIST");
    assert_eq!(
        t.body["auth_type_set"],
        serde_json::json!(["IP_ACL", "CREDENTIAL_LIST"])
    );
    assert_eq!(
        tw.get(&format!("{cls}/{CL}")).await.body["friendly_name"],
        "Office PBX users"
    );
    assert_eq!(
        tw.get(&acls).await.body["ip_access_control_lists"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    assert_eq!(tw.delete(&format!("{acls}/{ACL}")).await.status, 204);
    assert_eq!(tw.delete(&format!("{cls}/{CL}")).await.status, 204);
    assert_error(&tw.get(&format!("{cls}/{CL}")).await, 404, Some(20404));
    // the lists themselves survive
    assert_eq!(
        tw.get(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}.json")))
            .await
            .status,
        200
    );
    assert_eq!(
        tw.get(&tw.v1(&format!("/Trunks/{trunk}"))).await.body["auth_type"],
        ""
    );
}

#[tokio::test]
async fn phone_number_association_and_trunk_delete() {
    let tw = Tw::start().await;
    let trunk = tw.create(&tw.v1("/Trunks"), &[("FriendlyName", "T")]).await;
    let pns = tw.v1(&format!("/Trunks/{trunk}/PhoneNumbers"));
    let before = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_WITH_URL}.json")))
        .await;
    assert!(
        before.body["voice_url"].is_string(),
        "seed number has a voice_url"
    );
    let r = tw.post(&pns, &[("PhoneNumberSid", PN_WITH_URL)]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["trunk_sid"], trunk);
    assert!(r.body["voice_url"].is_null());
    assert!(
        r.body["links"]["phone_number"]
            .as_str()
            .unwrap()
            .starts_with(&tw.base)
    );
    let after = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_WITH_URL}.json")))
        .await;
    assert_eq!(after.body["trunk_sid"], trunk);
    assert!(after.body["voice_url"].is_null() && after.body["voice_application_sid"].is_null());
    // re-attach (same or other trunk) is refused
    assert_error(
        &tw.post(&pns, &[("PhoneNumberSid", PN_WITH_URL)]).await,
        409,
        None,
    );
    let other = tw.v1(&format!("/Trunks/{TRUNK}/PhoneNumbers"));
    assert_error(
        &tw.post(&other, &[("PhoneNumberSid", PN_WITH_URL)]).await,
        409,
        None,
    );
    assert_invalid(
        &tw.post(
            &pns,
            &[("PhoneNumberSid", "PN00000000000000000000000000000000")],
        )
        .await,
        "PhoneNumberSid",
    );
    assert_eq!(tw.get(&format!("{pns}/{PN_WITH_URL}")).await.status, 200);
    assert_error(
        &tw.get(&format!("{pns}/{PN_ON_TRUNK}")).await,
        404,
        Some(20404),
    );

    // detach: the number stays on the account
    assert_eq!(tw.delete(&format!("{pns}/{PN_WITH_URL}")).await.status, 204);
    let n = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_WITH_URL}.json")))
        .await;
    assert_eq!(n.status, 200);
    assert!(n.body["trunk_sid"].is_null());

    // deleting a trunk detaches its numbers
    assert_eq!(
        tw.post(&pns, &[("PhoneNumberSid", PN_FREE)]).await.status,
        201
    );
    assert_eq!(
        tw.delete(&tw.v1(&format!("/Trunks/{trunk}"))).await.status,
        204
    );
    let n = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_FREE}.json")))
        .await;
    assert_eq!(n.status, 200, "a deleted trunk never releases numbers");
    assert!(n.body["trunk_sid"].is_null());
}

#[tokio::test]
async fn recording() {
    let tw = Tw::start().await;
    let url = tw.v1(&format!("/Trunks/{TRUNK}/Recording"));
    let r = tw.get(&url).await;
    assert_eq!(
        r.body,
        serde_json::json!({"mode": "do-not-record", "trim": "do-not-trim"})
    );
    let r = tw
        .post(
            &url,
            &[
                ("Mode", "record-from-answer-dual"),
                ("Trim", "trim-silence"),
            ],
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        serde_json::json!({"mode": "record-from-answer-dual", "trim": "trim-silence"})
    );
    assert_eq!(
        tw.get(&tw.v1(&format!("/Trunks/{TRUNK}"))).await.body["recording"]["mode"],
        "record-from-answer-dual"
    );
    assert_invalid(&tw.post(&url, &[("Mode", "always")]).await, "Mode");
    assert_invalid(&tw.post(&url, &[("Trim", "yes")]).await, "Trim");
}
