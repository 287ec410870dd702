//! Elastic SIP Trunking associations: IP ACLs, credential lists and phone numbers put on a
//! trunk, what a trunk's auth type becomes, and what a trunk's deletion leaves (numbers stay).

use crate::common;
use common::*;

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
