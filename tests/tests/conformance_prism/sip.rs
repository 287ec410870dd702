//! SIP resources (API v2010) through Prism: IP ACLs, credential lists, domains and mappings.

use super::*;

pub(super) async fn ip_acls(c: &Client, tag: &str) -> IpAccessControlListSid {
    let acl = must(
        "create_ip_acl",
        c.create_ip_acl(&format!("Conformance ACL {tag}")).await,
    );
    let all: Vec<_> = must("list_ip_acls", c.list_ip_acls().try_collect().await);
    assert!(
        all.iter().any(|a| a.sid == acl.sid),
        "the new ACL is listed"
    );
    must("fetch_ip_acl", c.fetch_ip_acl(&acl.sid).await);
    must("rename_ip_acl", c.rename_ip_acl(&acl.sid, "Office").await);
    let single = NewIpAddress {
        friendly_name: "PBX".into(),
        ip_address: "203.0.113.10".into(),
        cidr_prefix_length: None,
    };
    let block = NewIpAddress {
        friendly_name: "Carrier block".into(),
        ip_address: "198.51.100.0".into(),
        cidr_prefix_length: Some(24),
    };
    let ip = must(
        "create_ip_address",
        c.create_ip_address(&acl.sid, &single).await,
    );
    let cidr = must(
        "create_ip_address (CIDR)",
        c.create_ip_address(&acl.sid, &block).await,
    );
    assert_eq!(cidr.cidr_prefix_length, Some(24));
    let ips: Vec<_> = must(
        "list_ip_addresses",
        c.list_ip_addresses(&acl.sid).try_collect().await,
    );
    assert_eq!(ips.len(), 2);
    must(
        "fetch_ip_address",
        c.fetch_ip_address(&acl.sid, &ip.sid).await,
    );
    let u = c
        .update_ip_address(
            &acl.sid,
            &ip.sid,
            Some("PBX 2"),
            Some("203.0.113.11"),
            Some(32),
        )
        .await;
    assert_eq!(
        must("update_ip_address", u).ip_address.as_deref(),
        Some("203.0.113.11")
    );
    must(
        "delete_ip_address",
        c.delete_ip_address(&acl.sid, &cidr.sid).await,
    );
    acl.sid
}

pub(super) async fn credential_lists(c: &Client, tag: &str) -> CredentialListSid {
    let cl = must(
        "create_credential_list",
        c.create_credential_list(&format!("Conformance creds {tag}"))
            .await,
    );
    let all: Vec<_> = must(
        "list_credential_lists",
        c.list_credential_lists().try_collect().await,
    );
    assert!(
        all.iter().any(|l| l.sid == cl.sid),
        "the new list is listed"
    );
    must(
        "fetch_credential_list",
        c.fetch_credential_list(&cl.sid).await,
    );
    must(
        "rename_credential_list",
        c.rename_credential_list(&cl.sid, "Phones").await,
    );
    let pw = Secret::new("Str0ngPassw0rdX");
    let cr = must(
        "create_credential",
        c.create_credential(&cl.sid, "alice", &pw).await,
    );
    let creds: Vec<_> = must(
        "list_credentials",
        c.list_credentials(&cl.sid).try_collect().await,
    );
    assert_eq!(creds.len(), 1);
    must(
        "fetch_credential",
        c.fetch_credential(&cl.sid, &cr.sid).await,
    );
    let pw2 = Secret::new("An0therStr0ngOne");
    must(
        "update_credential_password",
        c.update_credential_password(&cl.sid, &cr.sid, &pw2).await,
    );
    must(
        "delete_credential",
        c.delete_credential(&cl.sid, &cr.sid).await,
    );
    cl.sid
}

pub(super) async fn domains(
    c: &Client,
    tag: &str,
    acl: &IpAccessControlListSid,
    cl: &CredentialListSid,
    number: &IncomingPhoneNumber,
) -> SipDomainSid {
    let params = SipDomainParams {
        domain_name: Some(format!("conf-{tag}.sip.twilio.com")),
        friendly_name: Some("Conformance domain".into()),
        voice_url: Some("https://example.com/sip".into()),
        voice_method: Some(HttpMethod::Post),
        voice_fallback_url: Some("https://example.com/sip-fallback".into()),
        voice_fallback_method: Some(HttpMethod::Get),
        voice_status_callback_url: Some("https://example.com/sip-status".into()),
        voice_status_callback_method: Some(HttpMethod::Post),
        sip_registration: Some(true),
        emergency_calling_enabled: Some(false),
        secure: Some(true),
        byoc_trunk_sid: None,
        emergency_caller_sid: Some(number.sid.clone()),
    };
    let d = must("create_sip_domain", c.create_sip_domain(&params).await);
    let all: Vec<_> = must("list_sip_domains", c.list_sip_domains().try_collect().await);
    assert!(all.iter().any(|x| x.sid == d.sid));
    must("fetch_sip_domain", c.fetch_sip_domain(&d.sid).await);
    let upd = SipDomainParams {
        friendly_name: Some("Conformance domain 2".into()),
        secure: Some(false),
        ..Default::default()
    };
    must("update_sip_domain", c.update_sip_domain(&d.sid, &upd).await);
    let kinds = [
        (DomainMapping::CallsCredentialList, cl.to_string()),
        (DomainMapping::CallsIpAcl, acl.to_string()),
        (DomainMapping::RegistrationsCredentialList, cl.to_string()),
    ];
    for (kind, list) in &kinds {
        let m = must(
            "add_domain_mapping",
            c.add_domain_mapping(&d.sid, *kind, list).await,
        );
        assert_eq!(&m.sid, list, "a mapping carries the mapped list's SID");
        let listed: Vec<_> = must(
            "list_domain_mappings",
            c.list_domain_mappings(&d.sid, *kind).try_collect().await,
        );
        assert_eq!(listed.len(), 1, "{kind:?}");
        must(
            "fetch_domain_mapping",
            c.fetch_domain_mapping(&d.sid, *kind, list).await,
        );
    }
    for (kind, list) in &kinds {
        must(
            "remove_domain_mapping",
            c.remove_domain_mapping(&d.sid, *kind, list).await,
        );
    }
    d.sid
}
