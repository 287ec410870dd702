//! Voice v1: BYOC trunks, connection policies and targets.

use crate::common;
use common::*;

#[tokio::test]
async fn byoc_policies_targets() {
    let tw = Tw::start().await;
    let r = tw
        .post(
            &tw.v1("/ConnectionPolicies"),
            &[("FriendlyName", "Carrier SBCs")],
        )
        .await;
    assert_eq!(r.status, 201);
    let ny = r.body["sid"].as_str().unwrap().to_string();
    let long = "n".repeat(256);
    assert_invalid(
        &tw.post(&tw.v1("/ConnectionPolicies"), &[("FriendlyName", &long)])
            .await,
        "FriendlyName",
    );
    let targets = r.body["links"]["targets"].as_str().unwrap().to_string();
    let r = tw
        .post(
            &targets,
            &[
                ("Target", "sip:sbc1.carrier.example:5060"),
                ("FriendlyName", "SBC 1"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        (
            r.body["priority"].as_u64(),
            r.body["weight"].as_u64(),
            r.body["enabled"].as_bool()
        ),
        (Some(10), Some(10), Some(true))
    );
    let ne = r.body["url"].as_str().unwrap().to_string();
    let r = tw
        .post(
            &ne,
            &[("Priority", "5"), ("Weight", "7"), ("Enabled", "false")],
        )
        .await;
    assert_eq!(
        (
            r.body["priority"].as_u64(),
            r.body["weight"].as_u64(),
            r.body["enabled"].as_bool()
        ),
        (Some(5), Some(7), Some(false))
    );
    assert_eq!(
        tw.get(&targets).await.body["targets"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_invalid(&tw.post(&targets, &[]).await, "Target");
    let sips = tw.post(&targets, &[("Target", "sips:sbc.example")]).await;
    assert_invalid(&sips, "Target");
    assert!(
        sips.body["message"]
            .as_str()
            .unwrap()
            .contains("sips: URIs are not supported")
    );
    assert_invalid(
        &tw.post(
            &targets,
            &[("Target", "sip:a.example"), ("Priority", "70000")],
        )
        .await,
        "Priority",
    );
    assert_invalid(
        &tw.post(&targets, &[("Target", "sip:a.example"), ("Weight", "0")])
            .await,
        "Weight",
    );
    assert_invalid(
        &tw.post(&targets, &[("Target", "sip:a.example"), ("Enabled", "on")])
            .await,
        "Enabled",
    );
    assert_invalid(
        &tw.post(
            &targets,
            &[
                ("Target", "sip:a.example"),
                ("FriendlyName", &"n".repeat(256)),
            ],
        )
        .await,
        "FriendlyName",
    );

    let dom = tw
        .create(
            &tw.api("/SIP/Domains.json"),
            &[("DomainName", "byoc.sip.twilio.com")],
        )
        .await;
    let r = tw
        .post(
            &tw.v1("/ByocTrunks"),
            &[
                ("FriendlyName", "Carrier"),
                ("VoiceUrl", "https://example.com/in"),
                ("ConnectionPolicySid", &ny),
                ("FromDomainSid", &dom),
                ("CnamLookupEnabled", "true"),
            ],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let by = r.body["sid"].as_str().unwrap().to_string();
    let by_url = r.body["url"].as_str().unwrap().to_string();
    assert_eq!(r.body["connection_policy_sid"], ny);
    assert_eq!(r.body["from_domain_sid"], dom);
    assert_invalid(
        &tw.post(&tw.v1("/ByocTrunks"), &[("VoiceMethod", "PUT")])
            .await,
        "VoiceMethod",
    );
    assert_invalid(
        &tw.post(
            &tw.v1("/ByocTrunks"),
            &[("ConnectionPolicySid", "NY00000000000000000000000000000000")],
        )
        .await,
        "ConnectionPolicySid",
    );
    assert_invalid(
        &tw.post(
            &tw.v1("/ByocTrunks"),
            &[("FromDomainSid", "SD00000000000000000000000000000000")],
        )
        .await,
        "FromDomainSid",
    );
    assert_invalid(
        &tw.post(&tw.v1("/ByocTrunks"), &[("FriendlyName", &"n".repeat(256))])
            .await,
        "FriendlyName",
    );
    assert_eq!(
        tw.get(&tw.v1("/ByocTrunks")).await.body["byoc_trunks"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // a domain can point back at the BYOC trunk; deleting the trunk clears that
    let r = tw
        .post(
            &tw.api(&format!("/SIP/Domains/{dom}.json")),
            &[("ByocTrunkSid", &by)],
        )
        .await;
    assert_eq!(r.body["byoc_trunk_sid"], by);
    // a policy in use cannot be deleted
    assert_error(
        &tw.delete(&tw.v1(&format!("/ConnectionPolicies/{ny}")))
            .await,
        409,
        None,
    );
    let r = tw
        .post(
            &by_url,
            &[("FriendlyName", "Carrier 2"), ("ConnectionPolicySid", "")],
        )
        .await;
    assert!(r.body["connection_policy_sid"].is_null());
    assert_eq!(tw.delete(&by_url).await.status, 204);
    assert!(
        tw.get(&tw.api(&format!("/SIP/Domains/{dom}.json")))
            .await
            .body["byoc_trunk_sid"]
            .is_null()
    );
    assert_eq!(tw.delete(&ne).await.status, 204);
    assert_eq!(
        tw.delete(&tw.v1(&format!("/ConnectionPolicies/{ny}")))
            .await
            .status,
        204
    );
    assert_error(&tw.get(&targets).await, 404, Some(20404));
    assert_error(
        &tw.get(&tw.v1("/ByocTrunks/BYnothex")).await,
        404,
        Some(20404),
    );
}
