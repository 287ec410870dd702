//! Voice v1 IP Records and Source IP Mappings (rules 87–90) and an inbound call from a
//! carrier's mapped address reaching the BYOC trunk of the mapped SIP domain (rule 86).

use crate::common;
use common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn fields(schema: &str) -> BTreeSet<&'static str> {
    common::schemas::fields(schema).iter().copied().collect()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[tokio::test]
async fn ip_records_are_checked_shaped_and_fixed_once_made() {
    let tw = Tw::start().await;
    let r = tw
        .post(
            &tw.v1("/IpRecords"),
            &[
                ("IpAddress", "203.0.113.10"),
                ("FriendlyName", "Carrier SBC 1"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(keys(&r.body), fields("voice.v1.ip_record"));
    assert_eq!(r.body["cidr_prefix_length"], 32, "default prefix");
    assert_eq!(r.body["account_sid"], tw.ac.as_str());
    let il = r.body["sid"].as_str().unwrap().to_string();
    assert!(il.starts_with("IL"));

    // rule 87
    assert_invalid(&tw.post(&tw.v1("/IpRecords"), &[]).await, "IpAddress");
    for bad in [
        "2001:db8::1",
        "203.0.113.300",
        "sbc.example.com",
        "203.0.113.0/24",
    ] {
        let r = tw.post(&tw.v1("/IpRecords"), &[("IpAddress", bad)]).await;
        assert_error(&r, 400, Some(20001));
        assert_invalid(&r, "IpAddress");
    }
    for bad in ["0", "33", "x"] {
        let r = tw
            .post(
                &tw.v1("/IpRecords"),
                &[("IpAddress", "198.51.100.0"), ("CidrPrefixLength", bad)],
            )
            .await;
        assert_invalid(&r, "CidrPrefixLength");
    }
    let long = "n".repeat(256);
    let r = tw
        .post(
            &tw.v1("/IpRecords"),
            &[("IpAddress", "198.51.100.0"), ("FriendlyName", &long)],
        )
        .await;
    assert_invalid(&r, "FriendlyName");
    let r = tw
        .post(&tw.v1("/IpRecords"), &[("IpAddress", "203.0.113.10")])
        .await;
    assert_error(&r, 409, Some(20409));
    let r = tw
        .post(
            &tw.v1("/IpRecords"),
            &[("IpAddress", "203.0.113.0"), ("CidrPrefixLength", "24")],
        )
        .await;
    assert_eq!(r.status, 201, "another prefix is another record");

    // rule 88
    let url = tw.v1(&format!("/IpRecords/{il}"));
    let r = tw.post(&url, &[("FriendlyName", "Carrier SBC A")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["friendly_name"], "Carrier SBC A");
    let r = tw.post(&url, &[("IpAddress", "203.0.113.11")]).await;
    assert_invalid(&r, "IpAddress");
    assert_eq!(tw.get(&url).await.body["ip_address"], "203.0.113.10");
    let list = tw.get(&tw.v1("/IpRecords")).await.body;
    assert_eq!(list["ip_records"].as_array().unwrap().len(), 2);
    assert_eq!(list["meta"]["key"], "ip_records");
    assert_eq!(tw.delete(&url).await.status, 204);
    assert_eq!(tw.get(&url).await.status, 404);
}

#[tokio::test]
async fn source_ip_mappings_tie_a_record_to_one_domain() {
    let tw = Tw::start().await;
    let il = tw
        .create(&tw.v1("/IpRecords"), &[("IpAddress", "203.0.113.10")])
        .await;
    let sd = tw
        .create(
            &tw.api("/SIP/Domains.json"),
            &[("DomainName", "carrier-in.sip.twilio.com")],
        )
        .await;
    let sd2 = tw
        .create(
            &tw.api("/SIP/Domains.json"),
            &[("DomainName", "carrier-in2.sip.twilio.com")],
        )
        .await;

    // rule 90
    assert_invalid(
        &tw.post(&tw.v1("/SourceIpMappings"), &[("SipDomainSid", &sd)])
            .await,
        "IpRecordSid",
    );
    assert_invalid(
        &tw.post(&tw.v1("/SourceIpMappings"), &[("IpRecordSid", &il)])
            .await,
        "SipDomainSid",
    );
    let missing = "IL00000000000000000000000000000000";
    assert_invalid(
        &tw.post(
            &tw.v1("/SourceIpMappings"),
            &[("IpRecordSid", missing), ("SipDomainSid", &sd)],
        )
        .await,
        "IpRecordSid",
    );
    let r = tw
        .post(
            &tw.v1("/SourceIpMappings"),
            &[("IpRecordSid", &il), ("SipDomainSid", &sd)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(keys(&r.body), fields("voice.v1.source_ip_mapping"));
    let ib = r.body["sid"].as_str().unwrap().to_string();
    assert!(ib.starts_with("IB"));
    let again = tw
        .post(
            &tw.v1("/SourceIpMappings"),
            &[("IpRecordSid", &il), ("SipDomainSid", &sd2)],
        )
        .await;
    assert_error(&again, 409, Some(20409));

    let url = tw.v1(&format!("/SourceIpMappings/{ib}"));
    assert_invalid(&tw.post(&url, &[]).await, "SipDomainSid");
    let r = tw.post(&url, &[("SipDomainSid", &sd2)]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["sip_domain_sid"], sd2.as_str());

    // rule 89: the record is in use
    let r = tw.delete(&tw.v1(&format!("/IpRecords/{il}"))).await;
    assert_error(&r, 409, Some(20409));
    // deleting the domain deletes its mappings; then the record can go
    let r = tw
        .delete(&tw.api(&format!("/SIP/Domains/{sd2}.json")))
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(tw.get(&url).await.status, 404);
    assert_eq!(
        tw.delete(&tw.v1(&format!("/IpRecords/{il}"))).await.status,
        204
    );
}

#[tokio::test]
async fn a_call_from_a_mapped_carrier_address_reaches_the_domains_byoc_trunk() {
    let tw = Tw::start().await;
    let by = tw
        .create(
            &tw.v1("/ByocTrunks"),
            &[
                ("FriendlyName", "Carrier"),
                ("VoiceUrl", "https://hooks.example.com/carrier-in"),
            ],
        )
        .await;
    let sd = tw
        .create(
            &tw.api("/SIP/Domains.json"),
            &[
                ("DomainName", "carrier-in.sip.twilio.com"),
                ("ByocTrunkSid", &by),
            ],
        )
        .await;
    let il = tw
        .create(
            &tw.v1("/IpRecords"),
            &[("IpAddress", "203.0.113.0"), ("CidrPrefixLength", "24")],
        )
        .await;
    let inbound = |via: &str| {
        tw.http
            .post(format!("{}/__sandbox/inbound", tw.base))
            .json(&json!({"to": "+14155550100", "from": "+12125550000", "via": via}))
    };
    let r = tw
        .send(inbound("203.0.113.7"), &tw.ac, tw.sb.auth_token())
        .await;
    assert_error(&r, 400, Some(20001));
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("no IP record mapped"),
        "{}",
        r.body
    );
    tw.create(
        &tw.v1("/SourceIpMappings"),
        &[("IpRecordSid", &il), ("SipDomainSid", &sd)],
    )
    .await;
    // the BYOC trunk's voice URL answers (a webhook outside the sandbox here, so it is named
    // in the refusal: the sandbox can only run its own Functions)
    let r = tw
        .send(inbound("203.0.113.7"), &tw.ac, tw.sb.auth_token())
        .await;
    assert_error(&r, 422, Some(20001));
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("https://hooks.example.com/carrier-in"),
        "{}",
        r.body
    );
    let r = tw
        .send(inbound("198.51.100.1"), &tw.ac, tw.sb.auth_token())
        .await;
    assert_error(&r, 400, Some(20001));
}
