//! BYOC (Voice v1) through Prism: connection policies, targets, BYOC trunks.

use super::*;

pub(super) async fn byoc(
    c: &Client,
    tag: &str,
    domain: &SipDomainSid,
) -> (ByocTrunkSid, ConnectionPolicySid, ConnectionPolicyTargetSid) {
    let p = must(
        "create_connection_policy",
        c.create_connection_policy(Some(&format!("Carrier {tag}")))
            .await,
    );
    let all: Vec<_> = must(
        "list_connection_policies",
        c.list_connection_policies().try_collect().await,
    );
    assert!(all.iter().any(|x| x.sid == p.sid));
    must(
        "fetch_connection_policy",
        c.fetch_connection_policy(&p.sid).await,
    );
    must(
        "update_connection_policy",
        c.update_connection_policy(&p.sid, "Carrier A").await,
    );
    let target = TargetParams {
        target: Some("sip:sbc.carrier.example:5060".into()),
        friendly_name: Some("Carrier SBC".into()),
        priority: Some(10),
        weight: Some(10),
        enabled: Some(true),
    };
    let t = must("create_target", c.create_target(&p.sid, &target).await);
    let targets: Vec<_> = must("list_targets", c.list_targets(&p.sid).try_collect().await);
    assert_eq!(targets.len(), 1);
    must("fetch_target", c.fetch_target(&p.sid, &t.sid).await);
    let every_field = TargetParams {
        target: Some("sip:sbc2.carrier.example:5080".into()),
        friendly_name: Some("Carrier SBC 2".into()),
        priority: Some(5),
        weight: Some(50),
        enabled: Some(false),
    };
    must(
        "update_target",
        c.update_target(&p.sid, &t.sid, &every_field).await,
    );
    let params = ByocTrunkParams {
        friendly_name: Some("Carrier trunk".into()),
        voice_url: Some("https://example.com/in".into()),
        voice_method: Some(HttpMethod::Post),
        voice_fallback_url: Some("https://example.com/in-fallback".into()),
        voice_fallback_method: Some(HttpMethod::Get),
        status_callback_url: Some("https://example.com/in-status".into()),
        status_callback_method: Some(HttpMethod::Post),
        cnam_lookup_enabled: Some(true),
        connection_policy_sid: Some(p.sid.clone()),
        from_domain_sid: Some(domain.clone()),
    };
    let bt = must("create_byoc_trunk", c.create_byoc_trunk(&params).await);
    let trunks: Vec<_> = must("list_byoc_trunks", c.list_byoc_trunks().try_collect().await);
    assert!(trunks.iter().any(|x| x.sid == bt.sid));
    must("fetch_byoc_trunk", c.fetch_byoc_trunk(&bt.sid).await);
    let upd = ByocTrunkParams {
        friendly_name: Some("Carrier trunk 2".into()),
        cnam_lookup_enabled: Some(false),
        ..Default::default()
    };
    must(
        "update_byoc_trunk",
        c.update_byoc_trunk(&bt.sid, &upd).await,
    );
    let with_byoc = SipDomainParams {
        byoc_trunk_sid: Some(bt.sid.clone()),
        ..Default::default()
    };
    must(
        "update_sip_domain (ByocTrunkSid)",
        c.update_sip_domain(domain, &with_byoc).await,
    );
    // A second trunk/policy pair is deleted here so that every delete is exercised while the
    // first pair stays for the test call.
    let spare_policy = must(
        "create_connection_policy",
        c.create_connection_policy(None).await,
    );
    let spare = ByocTrunkParams {
        connection_policy_sid: Some(spare_policy.sid.clone()),
        ..Default::default()
    };
    let spare_trunk = must("create_byoc_trunk", c.create_byoc_trunk(&spare).await);
    must(
        "delete_byoc_trunk",
        c.delete_byoc_trunk(&spare_trunk.sid).await,
    );
    must("delete_target", c.delete_target(&p.sid, &t.sid).await);
    let t2 = must("create_target", c.create_target(&p.sid, &target).await);
    assert_ne!(t2.sid, t.sid);
    must(
        "delete_connection_policy",
        c.delete_connection_policy(&spare_policy.sid).await,
    );
    (bt.sid, p.sid, t2.sid)
}
