//! Every response carries exactly the fields of its spec schema (unset ones as null).

use crate::common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn check(schema: &str, body: &Value) {
    let fields = common::schemas::fields(schema);
    let want: BTreeSet<&str> = fields.iter().copied().collect();
    let got: BTreeSet<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(got, want, "{schema}: fields differ from the spec");
}

#[tokio::test]
async fn every_resource_matches_its_schema() {
    let tw = Tw::start().await;
    let trunk = tw.get(&tw.v1(&format!("/Trunks/{TRUNK}"))).await.body;
    check("trunking.v1.trunk", &trunk);
    let ou = &tw
        .get(&tw.v1(&format!("/Trunks/{TRUNK}/OriginationUrls")))
        .await
        .body["origination_urls"][0];
    check("trunking.v1.trunk.origination_url", ou);
    let acl = tw
        .get(&tw.v1(&format!("/Trunks/{TRUNK}/IpAccessControlLists/{ACL}")))
        .await
        .body;
    check("trunking.v1.trunk.ip_access_control_list", &acl);
    let cl = tw
        .post(
            &tw.v1(&format!("/Trunks/{TRUNK}/CredentialLists")),
            &[("CredentialListSid", CL)],
        )
        .await
        .body;
    check("trunking.v1.trunk.credential_list", &cl);
    let pn = tw
        .get(&tw.v1(&format!("/Trunks/{TRUNK}/PhoneNumbers/{PN_ON_TRUNK}")))
        .await
        .body;
    check("trunking.v1.trunk.phone_number", &pn);
    check(
        "trunking.v1.trunk.recording",
        &tw.get(&tw.v1(&format!("/Trunks/{TRUNK}/Recording")))
            .await
            .body,
    );

    let ny = tw
        .post(&tw.v1("/ConnectionPolicies"), &[("FriendlyName", "p")])
        .await
        .body;
    check("voice.v1.connection_policy", &ny);
    let ny_sid = ny["sid"].as_str().unwrap();
    let ne = tw
        .post(
            &tw.v1(&format!("/ConnectionPolicies/{ny_sid}/Targets")),
            &[("Target", "sip:a.example.com")],
        )
        .await
        .body;
    check("voice.v1.connection_policy.connection_policy_target", &ne);
    let by = tw
        .post(&tw.v1("/ByocTrunks"), &[("ConnectionPolicySid", ny_sid)])
        .await
        .body;
    check("voice.v1.byoc_trunk", &by);

    check("api.v2010.account", &tw.get(&tw.api(".json")).await.body);
    let call = tw
        .post(
            &tw.api("/Calls.json"),
            &[
                ("To", "+33123456789"),
                ("From", "+14155552671"),
                ("Url", "https://example.com/t"),
            ],
        )
        .await
        .body;
    check("api.v2010.account.call", &call);
    let n = tw
        .get(&tw.api(&format!("/IncomingPhoneNumbers/{PN_FREE}.json")))
        .await
        .body;
    check("api.v2010.account.incoming_phone_number", &n);
    let key = tw.post(&tw.api("/Keys.json"), &[]).await.body;
    check("api.v2010.account.new_key", &key);
    check(
        "api.v2010.account.key",
        &tw.get(&tw.api("/Keys.json")).await.body["keys"][0],
    );
    check(
        "api.v2010.account.sip.sip_ip_access_control_list",
        &tw.get(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}.json")))
            .await
            .body,
    );
    check(
        "api.v2010.account.sip.sip_ip_access_control_list.sip_ip_address",
        &tw.get(&tw.api(&format!("/SIP/IpAccessControlLists/{ACL}/IpAddresses.json")))
            .await
            .body["ip_addresses"][0],
    );
    check(
        "api.v2010.account.sip.sip_credential_list",
        &tw.get(&tw.api(&format!("/SIP/CredentialLists/{CL}.json")))
            .await
            .body,
    );
    check(
        "api.v2010.account.sip.sip_credential_list.sip_credential",
        &tw.get(&tw.api(&format!("/SIP/CredentialLists/{CL}/Credentials.json")))
            .await
            .body["credentials"][0],
    );
    let sd = tw
        .post(
            &tw.api("/SIP/Domains.json"),
            &[("DomainName", "shape.sip.twilio.com")],
        )
        .await
        .body;
    check("api.v2010.account.sip.sip_domain", &sd);
    let base = tw.api(&format!("/SIP/Domains/{}", sd["sid"].as_str().unwrap()));
    let m = "api.v2010.account.sip.sip_domain.sip_auth";
    let r = tw
        .post(
            &format!("{base}/Auth/Calls/CredentialListMappings.json"),
            &[("CredentialListSid", CL)],
        )
        .await;
    check(
        &format!("{m}.sip_auth_calls.sip_auth_calls_credential_list_mapping"),
        &r.body,
    );
    let r = tw
        .post(
            &format!("{base}/Auth/Calls/IpAccessControlListMappings.json"),
            &[("IpAccessControlListSid", ACL)],
        )
        .await;
    check(
        &format!("{m}.sip_auth_calls.sip_auth_calls_ip_access_control_list_mapping"),
        &r.body,
    );
    let r = tw
        .post(
            &format!("{base}/Auth/Registrations/CredentialListMappings.json"),
            &[("CredentialListSid", CL)],
        )
        .await;
    check(
        &format!("{m}.sip_auth_registrations.sip_auth_registrations_credential_list_mapping"),
        &r.body,
    );
    let r = tw
        .get(&format!("{base}/CredentialListMappings/{CL}.json"))
        .await;
    check(
        "api.v2010.account.sip.sip_domain.sip_credential_list_mapping",
        &r.body,
    );
    let r = tw
        .get(&format!("{base}/IpAccessControlListMappings/{ACL}.json"))
        .await;
    check(
        "api.v2010.account.sip.sip_domain.sip_ip_access_control_list_mapping",
        &r.body,
    );
}

#[tokio::test]
async fn list_envelopes() {
    let tw = Tw::start().await;
    let v1 = tw.get(&tw.v1("/Trunks")).await.body;
    let keys: BTreeSet<&str> = v1.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["meta", "trunks"]));
    let meta: BTreeSet<&str> = v1["meta"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        meta,
        BTreeSet::from([
            "first_page_url",
            "key",
            "next_page_url",
            "previous_page_url",
            "page",
            "page_size",
            "url"
        ])
    );
    let v2 = tw.get(&tw.api("/SIP/CredentialLists.json")).await.body;
    let keys: BTreeSet<&str> = v2.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "credential_lists",
            "first_page_uri",
            "next_page_uri",
            "previous_page_uri",
            "uri",
            "page",
            "page_size",
            "start",
            "end"
        ])
    );
}
