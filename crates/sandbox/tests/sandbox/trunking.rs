//! Elastic SIP Trunking: trunks, origination URLs, recording and their rules.

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
