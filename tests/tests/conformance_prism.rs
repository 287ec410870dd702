//! Conformance of the client's requests: every operation of `switchboard_twilio::Client` is
//! sent through Stoplight Prism proxies that check each request against Twilio's official
//! OpenAPI specs (one Prism per host: api v2010, trunking v1, voice v1) before it reaches the
//! sandbox. Prism answers a request that breaks the spec with 422 instead of forwarding it, so
//! any violation fails the operation that sent it. A recording proxy in front of the Prisms
//! keeps every answer; `conformance/test_recorded.py` then checks each sandbox response against
//! the spec's response schema and shows Prism's validation list for any refusal.
//!
//! `scripts/ci/conformance.sh` starts the sandbox, the Prisms and the recorder and runs these
//! tests with the proxies' URLs in `SWITCHBOARD_CONFORMANCE_{API,TRUNKING,VOICE,CONTROL}`.
//! Without them the tests fail (they never pass without having checked anything).

use std::time::{SystemTime, UNIX_EPOCH};

use futures::TryStreamExt;
use switchboard_sandbox::{DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN};
use switchboard_twilio::*;

const NEEDS_PRISM: &str = "scripts/ci/conformance.sh starts the Prism proxies and sets it";

fn proxy_url(host: &str) -> String {
    let var = format!("SWITCHBOARD_CONFORMANCE_{host}");
    std::env::var(&var).unwrap_or_else(|_| panic!("{var} is not set: {NEEDS_PRISM}"))
}

fn client_at(endpoints: Endpoints) -> Client {
    let creds = Credentials::auth_token(DEMO_ACCOUNT_SID, Secret::new(DEMO_AUTH_TOKEN))
        .expect("the demo account SID is valid");
    Client::builder(creds)
        .endpoints(endpoints)
        // No retries: Prism answers a response that breaks the spec with 500, and one
        // refusal per operation keeps the recording readable.
        .retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client builds")
}

/// A client whose three hosts are the three Prism proxies (through the recorder).
fn proxied_client() -> Client {
    client_at(
        Endpoints::single(&proxy_url("API"))
            .with(Host::Trunking, &proxy_url("TRUNKING"))
            .with(Host::Voice, &proxy_url("VOICE")),
    )
}

/// The result of one client operation; a refusal names the operation (a 422 is Prism's verdict
/// that the request breaks the spec: the recording check prints its validation list).
fn must<T>(op: &str, r: Result<T, Error>) -> T {
    r.unwrap_or_else(|e| match e.status() {
        Some(422) => panic!("Prism refused `{op}`: its request breaks the spec: {e}"),
        Some(500) => panic!("`{op}` got 500: Prism's verdict that the response breaks the spec, or a sandbox failure: {e}"),
        _ => panic!("`{op}` failed through the Prism proxy: {e}"),
    })
}

/// Unique names per run, so a rerun against the same sandbox does not hit uniqueness rules.
fn run_tag() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    format!("{:x}", nanos % 0xffff_ffff)
}

#[tokio::test]
#[ignore = "needs Prism: scripts/ci/conformance.sh runs it"]
async fn every_client_operation_passes_prism() {
    let c = proxied_client();
    let tag = run_tag();

    let account = must("fetch_account", c.fetch_account().await);
    assert!(account.is_active(), "the demo account is active");
    account_keys(&c).await;

    let trunk = trunks(&c, &tag).await;
    let acl = ip_acls(&c, &tag).await;
    let cl = credential_lists(&c, &tag).await;
    trunk_links(&c, &trunk, &acl, &cl).await;
    let number = numbers(&c, &trunk).await;
    let domain = domains(&c, &tag, &acl, &cl, &number).await;
    let (byoc, policy, target) = byoc(&c, &tag, &domain).await;
    calls(&c, &number, &byoc).await;
    paging(&c, &tag).await;

    // Tear down in dependency order; every delete goes through Prism too.
    must("delete_byoc_trunk", c.delete_byoc_trunk(&byoc).await);
    must("delete_target", c.delete_target(&policy, &target).await);
    must(
        "delete_connection_policy",
        c.delete_connection_policy(&policy).await,
    );
    must("delete_sip_domain", c.delete_sip_domain(&domain).await);
    must(
        "remove_trunk_ip_acl",
        c.remove_trunk_ip_acl(&trunk, &acl).await,
    );
    must(
        "remove_trunk_credential_list",
        c.remove_trunk_credential_list(&trunk, &cl).await,
    );
    must(
        "delete_credential_list",
        c.delete_credential_list(&cl).await,
    );
    must("delete_ip_acl", c.delete_ip_acl(&acl).await);
    must("delete_trunk", c.delete_trunk(&trunk).await);
    let gone = c
        .fetch_trunk(&trunk)
        .await
        .expect_err("the trunk was deleted");
    assert!(gone.is_not_found(), "a deleted trunk is a 404: {gone}");
}

async fn account_keys(c: &Client) {
    let key = must("create_key", c.create_key("Conformance key").await);
    let keys: Vec<ApiKey> = must("list_keys", c.list_keys().try_collect().await);
    assert!(
        keys.iter().any(|k| k.sid == key.sid),
        "the new key is listed"
    );
    let fetched = must("fetch_key", c.fetch_key(&key.sid).await);
    assert_eq!(fetched.friendly_name.as_deref(), Some("Conformance key"));
    must("delete_key", c.delete_key(&key.sid).await);
}

async fn trunks(c: &Client, tag: &str) -> TrunkSid {
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

async fn ip_acls(c: &Client, tag: &str) -> IpAccessControlListSid {
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

async fn credential_lists(c: &Client, tag: &str) -> CredentialListSid {
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

async fn trunk_links(
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

/// Numbers: filtered list, paging one per page, fetch, update, and the trunk association.
async fn numbers(c: &Client, trunk: &TrunkSid) -> IncomingPhoneNumber {
    let pages: Vec<Page<IncomingPhoneNumber>> = must(
        "incoming_phone_number_pages",
        c.incoming_phone_number_pages(&NumberFilter {
            page_size: Some(1),
            ..Default::default()
        })
        .try_collect()
        .await,
    );
    assert!(pages.len() > 1, "the seeded numbers span several pages");
    let free = pages
        .iter()
        .flat_map(|p| &p.items)
        .find(|n| n.trunk_sid.is_none() && n.phone_number.starts_with("+1"))
        .expect("a seeded US number not on a trunk")
        .clone();
    let filter = NumberFilter {
        phone_number: Some(free.phone_number.clone()),
        ..Default::default()
    };
    let found: Vec<_> = must(
        "list_incoming_phone_numbers",
        c.list_incoming_phone_numbers(&filter).try_collect().await,
    );
    assert_eq!(found.len(), 1, "filtering by the full number finds it");
    must(
        "fetch_incoming_phone_number",
        c.fetch_incoming_phone_number(&free.sid).await,
    );
    let update = NumberUpdate {
        friendly_name: Some("Conformance number".into()),
        voice_url: Some("https://example.com/voice".into()),
        voice_method: Some(HttpMethod::Get),
        voice_fallback_url: Some("https://example.com/fallback".into()),
        voice_fallback_method: Some(HttpMethod::Post),
        status_callback: Some("https://example.com/status".into()),
        status_callback_method: Some(HttpMethod::Post),
        voice_caller_id_lookup: Some(true),
        ..Default::default()
    };
    must(
        "update_incoming_phone_number",
        c.update_incoming_phone_number(&free.sid, &update).await,
    );
    let on_trunk = NumberUpdate {
        trunk_sid: Some(trunk.clone()),
        ..Default::default()
    };
    let n = must(
        "update_incoming_phone_number (TrunkSid)",
        c.update_incoming_phone_number(&free.sid, &on_trunk).await,
    );
    assert_eq!(n.trunk_sid.as_ref(), Some(trunk));
    must(
        "remove_trunk_phone_number",
        c.remove_trunk_phone_number(trunk, &free.sid).await,
    );
    must(
        "add_trunk_phone_number",
        c.add_trunk_phone_number(trunk, &free.sid).await,
    );
    let linked: Vec<_> = must(
        "list_trunk_phone_numbers",
        c.list_trunk_phone_numbers(trunk).try_collect().await,
    );
    assert!(linked.iter().any(|p| p.sid == free.sid));
    must(
        "fetch_trunk_phone_number",
        c.fetch_trunk_phone_number(trunk, &free.sid).await,
    );
    free
}

async fn domains(
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

async fn byoc(
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

async fn calls(c: &Client, from: &IncomingPhoneNumber, byoc: &ByocTrunkSid) {
    let twiml = NewCall {
        to: "+14155552671".into(),
        from: from.phone_number.clone(),
        instructions: CallInstructions::Twiml("<Response><Say>Hello</Say></Response>".into()),
        byoc: Some(byoc.clone()),
        status_callback: Some("https://example.com/call-status".into()),
        timeout: Some(30),
        time_limit: Some(60),
    };
    let call = must("create_call", c.create_call(&twiml).await);
    must("fetch_call", c.fetch_call(&call.sid).await);
    let url = NewCall {
        to: "sip:alice@pbx.example.com".into(),
        instructions: CallInstructions::Url("https://example.com/twiml".into()),
        byoc: None,
        ..twiml
    };
    let call = must("create_call (Url, SIP To)", c.create_call(&url).await);
    must("fetch_call", c.fetch_call(&call.sid).await);
}

/// v1 paging through Prism: the client follows `meta.next_page_url` (which points at the
/// sandbox) on its configured host, so every page request is checked by Prism too.
async fn paging(c: &Client, tag: &str) {
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

/// Negative control: a request that breaks the spec must be refused by Prism with 422 and
/// never reach the sandbox, or the test above could pass without checking anything.
#[tokio::test]
#[ignore = "needs Prism: scripts/ci/conformance.sh runs it"]
async fn prism_refuses_a_request_that_breaks_the_spec() {
    let control = client_at(Endpoints::single(&proxy_url("CONTROL")));
    let name = format!("Control {}", run_tag());
    let bad = Request::create(
        Host::Trunking,
        "/v1/Trunks",
        vec![
            ("FriendlyName".into(), name.clone()),
            ("DisasterRecoveryMethod".into(), "PUT".into()),
        ],
    );
    match control.send_raw(&bad).await {
        Err(e) => assert_eq!(e.status(), Some(422), "Prism refuses PUT: {e}"),
        Ok(body) => panic!(
            "Prism let DisasterRecoveryMethod=PUT through: {}",
            String::from_utf8_lossy(&body)
        ),
    }
    let bad_bool = Request::create(
        Host::Trunking,
        "/v1/Trunks",
        vec![
            ("FriendlyName".into(), name.clone()),
            ("Secure".into(), "maybe".into()),
        ],
    );
    let e = control.send_raw(&bad_bool).await.expect_err("Secure=maybe");
    assert_eq!(e.status(), Some(422), "Prism refuses a non-boolean: {e}");

    // The same proxy forwards a valid request, so the 422s above were verdicts, not a dead port.
    let trunks: Vec<Trunk> = must(
        "list_trunks (control)",
        control.list_trunks().try_collect().await,
    );
    assert!(
        trunks
            .iter()
            .all(|t| t.friendly_name.as_deref() != Some(&name)),
        "a refused request never reached the sandbox"
    );
}
