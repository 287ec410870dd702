//! SIP resources in v2010: IP ACLs and addresses, credential lists and credentials, domains
//! and their auth mappings, and the rules Twilio applies to them.

use crate::common;
use common::*;

#[tokio::test]
async fn acl_and_ip_address_crud() {
    let tw = Tw::start().await;
    let r = tw
        .post(
            &tw.api("/SIP/IpAccessControlLists.json"),
            &[("FriendlyName", "Carrier")],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let acl = r.body["sid"].as_str().unwrap().to_string();
    let date = r.body["date_created"].as_str().unwrap();
    assert!(
        date.ends_with("+0000") && date.contains(", "),
        "RFC 2822: {date}"
    );
    let uri = r.body["uri"].as_str().unwrap().to_string();
    let long = "n".repeat(256);
    let acls = tw.api("/SIP/IpAccessControlLists.json");
    let too_long = tw.post(&acls, &[("FriendlyName", &long)]).await;
    assert_invalid(&too_long, "FriendlyName");
    assert_eq!(
        uri,
        format!(
            "/2010-04-01/Accounts/{}/SIP/IpAccessControlLists/{acl}.json",
            tw.ac
        )
    );
    let ips_uri = r.body["subresource_uris"]["ip_addresses"]
        .as_str()
        .unwrap()
        .to_string();
    let ips = format!("{}{ips_uri}", tw.base);

    let r = tw
        .post(
            &ips,
            &[
                ("FriendlyName", "SBC"),
                ("IpAddress", "192.0.2.10"),
                ("CidrPrefixLength", "30"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["cidr_prefix_length"], 30);
    assert_eq!(r.body["ip_access_control_list_sid"], acl);
    let ip = format!("{}{}", tw.base, r.body["uri"].as_str().unwrap());
    assert_eq!(tw.get(&ip).await.body["ip_address"], "192.0.2.10");
    let r = tw.post(&ip, &[("IpAddress", "192.0.2.11")]).await;
    assert_eq!(
        (r.status, r.body["ip_address"].as_str()),
        (200, Some("192.0.2.11"))
    );
    assert_eq!(
        r.body["cidr_prefix_length"], 30,
        "partial update keeps the prefix"
    );
    // default prefix is 32; Twilio stores 0 as 32
    let r = tw
        .post(&ips, &[("FriendlyName", "b"), ("IpAddress", "192.0.2.20")])
        .await;
    assert_eq!(r.body["cidr_prefix_length"], 32);
    let r = tw
        .post(
            &ips,
            &[
                ("FriendlyName", "c"),
                ("IpAddress", "192.0.2.30"),
                ("CidrPrefixLength", "0"),
            ],
        )
        .await;
    assert_eq!(r.body["cidr_prefix_length"], 32);
    assert_eq!(
        tw.get(&ips).await.body["ip_addresses"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let r = tw
        .post(
            &format!("{}{uri}", tw.base),
            &[("FriendlyName", "Carrier 2")],
        )
        .await;
    assert_eq!(r.body["friendly_name"], "Carrier 2");
    assert_invalid(
        &tw.post(&format!("{}{uri}", tw.base), &[]).await,
        "FriendlyName",
    );
    assert_eq!(tw.delete(&ip).await.status, 204);
    assert_error(&tw.get(&ip).await, 404, Some(20404));
    assert_eq!(tw.delete(&format!("{}{uri}", tw.base)).await.status, 204);
    assert_error(&tw.get(&ips).await, 404, Some(20404));
    // v2010 instance paths need .json
    assert_error(
        &tw.get(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}")))
            .await,
        404,
        Some(20404),
    );
}

#[tokio::test]
async fn ip_address_rules() {
    let tw = Tw::start().await;
    let ips = tw.api(&format!("/SIP/IpAccessControlLists/{ACL}/IpAddresses.json"));
    for bad in [
        "2001:db8::1",
        "203.0.113.*",
        "pbx.example.com",
        "203.0.113.0/24",
        "256.1.1.1",
        "1.2.3",
    ] {
        let r = tw
            .post(&ips, &[("FriendlyName", "x"), ("IpAddress", bad)])
            .await;
        assert_error(&r, 400, Some(20001));
        assert_invalid(&r, "IpAddress");
    }
    for bad in ["33", "-1", "x"] {
        let r = tw
            .post(
                &ips,
                &[
                    ("FriendlyName", "x"),
                    ("IpAddress", "192.0.2.1"),
                    ("CidrPrefixLength", bad),
                ],
            )
            .await;
        assert_invalid(&r, "CidrPrefixLength");
    }
    assert_invalid(
        &tw.post(&ips, &[("IpAddress", "192.0.2.1")]).await,
        "FriendlyName",
    );
    assert_invalid(&tw.post(&ips, &[("FriendlyName", "x")]).await, "IpAddress");
    let long = "n".repeat(256);
    assert_invalid(
        &tw.post(&ips, &[("FriendlyName", &long), ("IpAddress", "192.0.2.1")])
            .await,
        "FriendlyName",
    );
    assert_eq!(
        tw.post(
            &ips,
            &[
                ("FriendlyName", &"n".repeat(255)),
                ("IpAddress", "192.0.2.1")
            ]
        )
        .await
        .status,
        201
    );
    // duplicates within a list
    assert_error(
        &tw.post(
            &ips,
            &[("FriendlyName", "dup"), ("IpAddress", "203.0.113.10")],
        )
        .await,
        409,
        None,
    );
}

#[tokio::test]
async fn acl_limits() {
    let tw = Tw::empty().await;
    let acls = tw.api("/SIP/IpAccessControlLists.json");
    let first = tw.create(&acls, &[("FriendlyName", "big")]).await;
    let ips = tw.api(&format!(
        "/SIP/IpAccessControlLists/{first}/IpAddresses.json"
    ));
    for i in 0..100 {
        let ip = format!("10.0.{}.{}", i / 250, i % 250 + 1);
        assert_eq!(
            tw.post(&ips, &[("FriendlyName", "n"), ("IpAddress", &ip)])
                .await
                .status,
            201
        );
    }
    let r = tw
        .post(&ips, &[("FriendlyName", "n"), ("IpAddress", "10.9.9.9")])
        .await;
    assert_error(&r, 400, Some(20001));
    assert!(r.body["message"].as_str().unwrap().contains("100"));
    for _ in 1..1000 {
        assert_eq!(tw.post(&acls, &[("FriendlyName", "n")]).await.status, 201);
    }
    let r = tw.post(&acls, &[("FriendlyName", "one too many")]).await;
    assert_error(&r, 400, Some(20001));
    assert!(r.body["message"].as_str().unwrap().contains("1000"));
}

#[tokio::test]
async fn credential_lists_and_credentials() {
    let tw = Tw::start().await;
    let lists = tw.api("/SIP/CredentialLists.json");
    let r = tw.post(&lists, &[("FriendlyName", "Phones")]).await;
    assert_eq!(r.status, 201);
    let cl = r.body["sid"].as_str().unwrap().to_string();
    let creds = format!(
        "{}{}",
        tw.base,
        r.body["subresource_uris"]["credentials"].as_str().unwrap()
    );
    // unique friendly names (Twilio 21240)
    assert_error(
        &tw.post(&lists, &[("FriendlyName", "Phones")]).await,
        400,
        Some(21240),
    );
    assert_invalid(
        &tw.post(&lists, &[("FriendlyName", &"n".repeat(65))]).await,
        "FriendlyName",
    );
    assert_invalid(&tw.post(&lists, &[]).await, "FriendlyName");

    let secret = "Sup3rSecretPassw0rd";
    let r = tw
        .post(&creds, &[("Username", "alice"), ("Password", secret)])
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["credential_list_sid"], cl);
    assert!(
        !r.body.to_string().contains(secret),
        "the password is never returned"
    );
    assert!(r.body.get("password").is_none());
    let cr = format!("{}{}", tw.base, r.body["uri"].as_str().unwrap());
    assert_eq!(tw.get(&cr).await.body["username"], "alice");
    assert!(!tw.get(&creds).await.body.to_string().contains(secret));
    assert!(
        !tw.sb.state_json().to_string().contains(secret),
        "the password is not stored"
    );
    let r = tw.post(&cr, &[("Password", "An0therGoodPassword")]).await;
    assert_eq!(r.status, 200);
    assert_invalid(&tw.post(&cr, &[("Password", "short1A")]).await, "Password");

    for bad in [
        "alllowercase1x",
        "ALLUPPERCASE1X",
        "NoDigitsAtAllX",
        "Sh0rt",
        "Abcdefghij1",
    ] {
        let r = tw
            .post(&creds, &[("Username", "bob"), ("Password", bad)])
            .await;
        assert_error(&r, 400, Some(20001));
        assert_invalid(&r, "Password");
        assert!(
            !r.body.to_string().contains(bad),
            "the refusal never echoes the password"
        );
    }
    assert_invalid(
        &tw.post(
            &creds,
            &[("Username", &"u".repeat(33)), ("Password", secret)],
        )
        .await,
        "Username",
    );
    assert_eq!(
        tw.post(
            &creds,
            &[("Username", &"u".repeat(32)), ("Password", secret)]
        )
        .await
        .status,
        201
    );
    assert_error(
        &tw.post(&creds, &[("Username", "alice"), ("Password", secret)])
            .await,
        409,
        None,
    );
    assert_invalid(&tw.post(&creds, &[("Password", secret)]).await, "Username");
    assert_invalid(&tw.post(&creds, &[("Username", "carol")]).await, "Password");

    let renamed = tw
        .post(
            &tw.api(&format!("/SIP/CredentialLists/{cl}.json")),
            &[("FriendlyName", "Desk phones")],
        )
        .await;
    assert_eq!(renamed.body["friendly_name"], "Desk phones");
    assert_eq!(tw.delete(&cr).await.status, 204);
    assert_eq!(
        tw.delete(&tw.api(&format!("/SIP/CredentialLists/{cl}.json")))
            .await
            .status,
        204
    );
}
