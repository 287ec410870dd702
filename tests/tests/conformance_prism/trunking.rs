//! Elastic SIP Trunking through Prism: trunks, origination URLs, trunk links, v1 paging.

use super::*;

pub(super) async fn trunks(c: &Client, tag: &str) -> TrunkSid {
    let params = TrunkParams {
        friendly_name: Some("Conformance trunk".into()),
        domain_name: Some(format!("conf-{tag}.pstn.twilio.com")),
        disaster_recovery_url: Some("https://example.com/dr".into()),
        disaster_recovery_method: Some(HttpMethod::Get),
        transfer_mode: Some(TransferMode::SipOnly),
        transfer_caller_id: Some(TransferCallerId::FromTransferor),
        secure: Some(true),
        cnam_lookup_enabled: Some(true),
    };
    let t = must("create_trunk", c.create_trunk(&params).await);
    let all: Vec<Trunk> = must("list_trunks", c.list_trunks().try_collect().await);
    assert!(
        all.iter().any(|x| x.sid == t.sid),
        "the new trunk is listed"
    );
    must("fetch_trunk", c.fetch_trunk(&t.sid).await);
    let every_field = TrunkParams {
        friendly_name: Some("Conformance trunk 2".into()),
        domain_name: Some(format!("conf-{tag}-2.pstn.twilio.com")),
        disaster_recovery_method: Some(HttpMethod::Post),
        transfer_mode: Some(TransferMode::EnableAll),
        transfer_caller_id: Some(TransferCallerId::FromTransferee),
        secure: Some(false),
        cnam_lookup_enabled: Some(false),
        ..params
    };
    let u = must("update_trunk", c.update_trunk(&t.sid, &every_field).await);
    assert_eq!(u.secure, Some(false));
    must("fetch_recording", c.fetch_recording(&t.sid).await);
    let rec = c
        .update_recording(
            &t.sid,
            Some(RecordingMode::RecordFromAnswerDual),
            Some(RecordingTrim::TrimSilence),
        )
        .await;
    assert_eq!(
        must("update_recording", rec).mode,
        Some(RecordingMode::RecordFromAnswerDual)
    );
    origination_urls(c, &t.sid).await;
    t.sid
}

async fn origination_urls(c: &Client, trunk: &TrunkSid) {
    let new = NewOriginationUrl {
        friendly_name: "Primary SBC".into(),
        sip_url: "sip:sbc1.example.com:5060".into(),
        priority: 10,
        weight: 20,
        enabled: true,
    };
    let o = must(
        "create_origination_url",
        c.create_origination_url(trunk, &new).await,
    );
    let listed: Vec<_> = must(
        "list_origination_urls",
        c.list_origination_urls(trunk).try_collect().await,
    );
    assert_eq!(listed.len(), 1);
    must(
        "fetch_origination_url",
        c.fetch_origination_url(trunk, &o.sid).await,
    );
    let every_field = OriginationUrlUpdate {
        friendly_name: Some("Backup SBC".into()),
        sip_url: Some("sip:sbc2.example.com:5080".into()),
        priority: Some(20),
        weight: Some(5),
        enabled: Some(false),
    };
    let u = c.update_origination_url(trunk, &o.sid, &every_field).await;
    assert_eq!(must("update_origination_url", u).enabled, Some(false));
    must(
        "delete_origination_url",
        c.delete_origination_url(trunk, &o.sid).await,
    );
}

pub(super) async fn trunk_links(
    c: &Client,
    trunk: &TrunkSid,
    acl: &IpAccessControlListSid,
    cl: &CredentialListSid,
) {
    let a = must("add_trunk_ip_acl", c.add_trunk_ip_acl(trunk, acl).await);
    assert_eq!(&a.sid, acl, "an ACL link carries the ACL's SID");
    let links: Vec<_> = must(
        "list_trunk_ip_acls",
        c.list_trunk_ip_acls(trunk).try_collect().await,
    );
    assert_eq!(links.len(), 1);
    must("fetch_trunk_ip_acl", c.fetch_trunk_ip_acl(trunk, acl).await);
    must(
        "add_trunk_credential_list",
        c.add_trunk_credential_list(trunk, cl).await,
    );
    let links: Vec<_> = must(
        "list_trunk_credential_lists",
        c.list_trunk_credential_lists(trunk).try_collect().await,
    );
    assert_eq!(links.len(), 1);
    must(
        "fetch_trunk_credential_list",
        c.fetch_trunk_credential_list(trunk, cl).await,
    );
    let t = must("fetch_trunk", c.fetch_trunk(trunk).await);
    assert_eq!(t.auth_type.as_deref(), Some("IP_ACL,CREDENTIAL_LIST"));
}

/// v1 paging through Prism: the client follows `meta.next_page_url` (which points at the
/// sandbox) on its configured host, so every page request is checked by Prism too.
pub(super) async fn paging(c: &Client, tag: &str) {
    for i in 0..2 {
        let p = TrunkParams {
            friendly_name: Some(format!("Paging {i}")),
            domain_name: Some(format!("page-{tag}-{i}.pstn.twilio.com")),
            ..Default::default()
        };
        must("create_trunk", c.create_trunk(&p).await);
    }
    let first =
        Request::get(Host::Trunking, "/v1/Trunks").query(vec![("PageSize".into(), "1".into())]);
    let pages: Vec<Page<Trunk>> = must(
        "pages (v1 Trunks)",
        c.pages(first, "trunks").try_collect().await,
    );
    assert!(
        pages.len() >= 3,
        "one trunk per page, at least three trunks"
    );
    assert!(pages.iter().all(|p| p.items.len() == 1));
    let sids: std::collections::HashSet<_> = pages.iter().map(|p| p.items[0].sid.clone()).collect();
    assert_eq!(sids.len(), pages.len(), "every trunk seen once");
    for t in pages.iter().flat_map(|p| &p.items) {
        if t.friendly_name
            .as_deref()
            .is_some_and(|n| n.starts_with("Paging "))
        {
            must("delete_trunk", c.delete_trunk(&t.sid).await);
        }
    }
}
