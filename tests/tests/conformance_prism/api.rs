//! Account, API keys, numbers and calls (API v2010) through Prism.

use super::*;

pub(super) async fn account_keys(c: &Client) {
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

/// Numbers: filtered list, paging one per page, fetch, update, and the trunk association.
pub(super) async fn numbers(c: &Client, trunk: &TrunkSid) -> IncomingPhoneNumber {
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

pub(super) async fn calls(c: &Client, from: &IncomingPhoneNumber, byoc: &ByocTrunkSid) {
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
