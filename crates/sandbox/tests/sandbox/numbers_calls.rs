//! IncomingPhoneNumbers, Calls and the Account fetch.

use crate::common;
use common::*;
use std::time::Duration;

#[tokio::test]
async fn number_list_filters_and_fetch() {
    let tw = Tw::start().await;
    let list = tw.api("/IncomingPhoneNumbers.json");
    let all = tw.get(&list).await;
    assert_eq!(
        all.body["incoming_phone_numbers"].as_array().unwrap().len(),
        25
    );
    let one = tw.get(&format!("{list}?PhoneNumber=%2B14155552671")).await;
    let items = one.body["incoming_phone_numbers"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["phone_number"], "+14155552671");
    assert!(
        one.body["first_page_uri"]
            .as_str()
            .unwrap()
            .contains("PhoneNumber=%2B14155552671")
    );
    // partial match and * = one digit
    let sf = tw.get(&format!("{list}?PhoneNumber=%2B1415555267*")).await;
    assert_eq!(
        sf.body["incoming_phone_numbers"].as_array().unwrap().len(),
        2
    );
    let sf = tw.get(&format!("{list}?PhoneNumber=555267")).await;
    assert_eq!(
        sf.body["incoming_phone_numbers"].as_array().unwrap().len(),
        2
    );
    let gb = tw.get(&format!("{list}?PhoneNumber=%2B44")).await;
    assert_eq!(
        gb.body["incoming_phone_numbers"].as_array().unwrap().len(),
        3
    );
    let by_name = tw
        .get(&format!("{list}?FriendlyName=%28212%29%20555-2368"))
        .await;
    assert_eq!(
        by_name.body["incoming_phone_numbers"][0]["phone_number"],
        "+12125552368"
    );
    assert_invalid(&tw.get(&format!("{list}?Beta=perhaps")).await, "Beta");

    let n = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_ON_TRUNK}.json")))
        .await;
    assert_eq!(n.body["trunk_sid"], TRUNK);
    assert_eq!(
        n.body["uri"],
        format!(
            "/2010-04-01/Accounts/{}/IncomingPhoneNumbers/{PN_ON_TRUNK}.json",
            tw.ac
        )
    );
    assert_eq!(n.body["capabilities"]["voice"], true);
    assert_error(
        &tw.get(&tw.api("/IncomingPhoneNumbers/PN123.json")).await,
        404,
        Some(20404),
    );
}

#[tokio::test]
async fn number_update_routes_voice() {
    let tw = Tw::start().await;
    let url = tw.api(&format!("/IncomingPhoneNumbers/{PN_WITH_URL}.json"));
    let r = tw.post(&url, &[("TrunkSid", TRUNK)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["trunk_sid"], TRUNK);
    assert!(r.body["voice_url"].is_null() && r.body["voice_application_sid"].is_null());
    // the trunk side sees it
    let on = tw
        .get(&tw.v1(&format!("/Trunks/{TRUNK}/PhoneNumbers")))
        .await;
    assert!(
        on.body["phone_numbers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["sid"] == PN_WITH_URL)
    );
    // an application takes the number off the trunk
    let app = "AP0123456789abcdef0123456789abcdef";
    let r = tw.post(&url, &[("VoiceApplicationSid", app)]).await;
    assert_eq!(
        (
            r.body["voice_application_sid"].as_str(),
            r.body["trunk_sid"].is_null()
        ),
        (Some(app), true)
    );
    let r = tw
        .post(
            &url,
            &[
                ("VoiceUrl", "https://example.com/v"),
                ("VoiceMethod", "GET"),
                ("FriendlyName", "Main line"),
            ],
        )
        .await;
    assert_eq!(
        (
            r.body["voice_url"].as_str(),
            r.body["voice_method"].as_str()
        ),
        (Some("https://example.com/v"), Some("GET"))
    );
    assert_eq!(r.body["friendly_name"], "Main line");

    assert_invalid(
        &tw.post(&url, &[("TrunkSid", "TK00000000000000000000000000000000")])
            .await,
        "TrunkSid",
    );
    assert_invalid(&tw.post(&url, &[("TrunkSid", "nope")]).await, "TrunkSid");
    assert_invalid(
        &tw.post(&url, &[("VoiceMethod", "PATCH")]).await,
        "VoiceMethod",
    );
    assert_invalid(&tw.post(&url, &[("VoiceUrl", "ftp://x")]).await, "VoiceUrl");
    assert_invalid(
        &tw.post(&url, &[("VoiceCallerIdLookup", "y")]).await,
        "VoiceCallerIdLookup",
    );
    assert_invalid(
        &tw.post(&url, &[("VoiceReceiveMode", "sms")]).await,
        "VoiceReceiveMode",
    );
    assert_invalid(
        &tw.post(&url, &[("FriendlyName", &"n".repeat(65))]).await,
        "FriendlyName",
    );
    assert_invalid(
        &tw.post(&url, &[("TrunkSid", TRUNK), ("VoiceApplicationSid", app)])
            .await,
        "TrunkSid",
    );
    // an empty TrunkSid detaches without releasing
    tw.post(&url, &[("TrunkSid", TRUNK)]).await;
    let r = tw.post(&url, &[("TrunkSid", "")]).await;
    assert!(r.body["trunk_sid"].is_null());
    // DELETE exists and releases the number, as on Twilio
    assert_eq!(tw.delete(&url).await.status, 204);
    assert_error(&tw.get(&url).await, 404, Some(20404));
}

#[tokio::test]
async fn calls_progress_and_rules() {
    let tw = Tw::start().await;
    let calls = tw.api("/Calls.json");
    let r = tw
        .post(
            &calls,
            &[
                ("To", "+33123456789"),
                ("From", "+14155552671"),
                ("Twiml", "<Response><Say>hi</Say></Response>"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "queued");
    assert_eq!(r.body["direction"], "outbound-api");
    assert_eq!(r.body["from_formatted"], "(415) 555-2671");
    assert_eq!(r.body["phone_number_sid"], PN_ON_TRUNK);
    assert!(r.body["duration"].is_null() && r.body["end_time"].is_null());
    let url = format!("{}{}", tw.base, r.body["uri"].as_str().unwrap());

    let mut seen = vec!["queued".to_string()];
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(6) {
        let s = tw.get(&url).await.body["status"]
            .as_str()
            .unwrap()
            .to_string();
        if seen.last() != Some(&s) {
            seen.push(s.clone());
        }
        if s == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen, ["queued", "ringing", "in-progress", "completed"]);
    let done = tw.get(&url).await;
    assert_eq!(done.body["duration"], "2");
    assert!(done.body["start_time"].is_string() && done.body["end_time"].is_string());
    assert_eq!(
        tw.get(&calls).await.body["calls"].as_array().unwrap().len(),
        1
    );

    let twiml = ("Twiml", "<Response/>");
    assert_error(
        &tw.post(&calls, &[("From", "+14155552671"), twiml]).await,
        400,
        Some(21201),
    );
    assert_error(
        &tw.post(&calls, &[("To", "+33123456789"), twiml]).await,
        400,
        Some(21213),
    );
    let r = tw
        .post(&calls, &[("To", "+33123456789"), ("From", "+14155552671")])
        .await;
    assert_error(&r, 400, Some(20001));
    assert!(r.body["message"].as_str().unwrap().contains("Url"));
    assert_error(
        &tw.post(&calls, &[("To", "12345"), ("From", "+14155552671"), twiml])
            .await,
        400,
        Some(21211),
    );
    // From must be a number on the account unless routed via BYOC
    assert_error(
        &tw.post(
            &calls,
            &[("To", "+33123456789"), ("From", "+12025550100"), twiml],
        )
        .await,
        400,
        Some(21210),
    );
    let missing_by = "BY00000000000000000000000000000000";
    assert_invalid(
        &tw.post(
            &calls,
            &[
                ("To", "+33123456789"),
                ("From", "+12025550100"),
                twiml,
                ("Byoc", missing_by),
            ],
        )
        .await,
        "Byoc",
    );
    let by = tw
        .create(&tw.v1("/ByocTrunks"), &[("FriendlyName", "Carrier")])
        .await;
    let r = tw
        .post(
            &calls,
            &[
                ("To", "+33123456789"),
                ("From", "+12025550100"),
                twiml,
                ("Byoc", &by),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let base = [
        ("To", "sip:alice@pbx.example.com"),
        ("From", "+14155552671"),
        twiml,
    ];
    let with = |extra: (&'static str, &'static str)| {
        let mut v = base.to_vec();
        v.push(extra);
        v
    };
    assert_eq!(tw.post(&calls, &base).await.status, 201);
    assert_invalid(&tw.post(&calls, &with(("Timeout", "601"))).await, "Timeout");
    assert_invalid(
        &tw.post(&calls, &with(("TimeLimit", "0"))).await,
        "TimeLimit",
    );
    let digits = "1".repeat(33);
    let mut v = base.to_vec();
    v.push(("SendDigits", &digits));
    assert_invalid(&tw.post(&calls, &v).await, "SendDigits");
    assert_invalid(&tw.post(&calls, &with(("Url", "not a url"))).await, "Url");
    assert_invalid(&tw.post(&calls, &with(("Method", "PUT"))).await, "Method");
    assert_invalid(&tw.post(&calls, &with(("Record", "maybe"))).await, "Record");
    assert_invalid(
        &tw.post(&calls, &with(("StatusCallbackEvent", "hangup")))
            .await,
        "StatusCallbackEvent",
    );
    assert_error(
        &tw.post(&calls, &with(("SipAuthUsername", "bob"))).await,
        400,
        Some(21225),
    );
    let long_twiml = format!("<Response>{}</Response>", "x".repeat(4000));
    let r = tw
        .post(
            &calls,
            &[
                ("To", "+33123456789"),
                ("From", "+14155552671"),
                ("Twiml", &long_twiml),
            ],
        )
        .await;
    assert_invalid(&r, "Twiml");
    assert_error(
        &tw.get(&tw.api("/Calls/CA00000000000000000000000000000000.json"))
            .await,
        404,
        Some(20404),
    );
}

#[tokio::test]
async fn account_fetch() {
    let tw = Tw::start().await;
    let url = tw.api(".json");
    let r = tw.get(&url).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["friendly_name"], "Switchboard Demo");
    assert_eq!(r.body["status"], "active");
    assert_eq!(r.body["sid"], tw.ac);
    assert_eq!(r.body["owner_account_sid"], tw.ac);
    assert_eq!(
        r.body["subresource_uris"]["keys"],
        format!("/2010-04-01/Accounts/{}/Keys.json", tw.ac)
    );
    tw.sb.set_account_status("suspended").unwrap();
    assert_eq!(tw.get(&url).await.body["status"], "suspended");
    assert!(tw.sb.set_account_status("frozen").is_err());
    let admin = tw
        .send(
            tw.http
                .post(format!("{}/__sandbox/account", tw.base))
                .body(r#"{"status":"active"}"#),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_eq!(admin.status, 200);
    assert_eq!(tw.get(&url).await.body["status"], "active");
    // another account's SID in the path is a 404
    let other = format!(
        "{}/2010-04-01/Accounts/AC00000000000000000000000000000000.json",
        tw.base
    );
    assert_error(&tw.get(&other).await, 404, Some(20404));
    let other_list = format!(
        "{}/2010-04-01/Accounts/AC00000000000000000000000000000000/IncomingPhoneNumbers.json",
        tw.base
    );
    assert_error(&tw.get(&other_list).await, 404, Some(20404));
}
