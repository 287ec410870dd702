//! SIP Domains (v2010). Their authentication mappings are in `domain_auth`.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::trunking::auth_type;
use super::{St, api_prefix, check_account, created, d2010, deleted, ok, set, set_opt};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, Domain, LinkKind};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::rules::{NAME_64, check_sip_domain};
use crate::state::{Shared, new_sid};

const BASE: &str = "/2010-04-01/Accounts/{account}/SIP/Domains";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(&format!("{BASE}.json"), get(list).post(create))
        .route(
            &format!("{BASE}/{{domain}}"),
            get(fetch).post(update).delete(remove),
        )
}

fn domain_json(s: &Shared, db: &Db, d: &Domain) -> Value {
    let uri = format!("{}/SIP/Domains/{}", api_prefix(s), d.sid);
    let (auth, _) = auth_type(
        db,
        &d.sid,
        LinkKind::DomainCallsIpAcl,
        LinkKind::DomainCallsCredentials,
    );
    json!({
        "account_sid": s.account_sid,
        "api_version": "2010-04-01",
        "auth_type": auth,
        "date_created": d2010(d.meta.created),
        "date_updated": d2010(d.meta.updated),
        "domain_name": d.domain_name,
        "friendly_name": d.friendly_name,
        "sid": d.sid,
        "uri": format!("{uri}.json"),
        "voice_fallback_method": d.voice_fallback_method,
        "voice_fallback_url": d.voice_fallback_url,
        "voice_method": d.voice_method,
        "voice_status_callback_method": d.voice_status_callback_method,
        "voice_status_callback_url": d.voice_status_callback_url,
        "voice_url": d.voice_url,
        "subresource_uris": {
            "credential_list_mappings": format!("{uri}/CredentialListMappings.json"),
            "ip_access_control_list_mappings": format!("{uri}/IpAccessControlListMappings.json"),
        },
        "sip_registration": d.sip_registration,
        "emergency_calling_enabled": d.emergency_calling_enabled,
        "secure": d.secure,
        "byoc_trunk_sid": d.byoc_trunk_sid,
        "emergency_caller_sid": d.emergency_caller_sid,
    })
}

fn apply(db: &Db, d: &mut Domain, p: &Params) -> ApiResult<()> {
    if let Some(name) = p.get("DomainName") {
        check_sip_domain(name)?;
        let name = name.to_ascii_lowercase();
        if db
            .domains
            .iter()
            .any(|o| o.sid != d.sid && o.domain_name == name)
        {
            return Err(ApiError::conflict(format!(
                "Invalid value '{name}' for DomainName: another SIP domain already uses this name"
            )));
        }
        d.domain_name = name;
    }
    if let Some(n) = p.opt_name("FriendlyName", NAME_64)? {
        d.friendly_name = Some(n);
    }
    set_opt(&mut d.voice_url, p.opt_url("VoiceUrl")?);
    set(&mut d.voice_method, p.opt_method("VoiceMethod")?);
    set_opt(&mut d.voice_fallback_url, p.opt_url("VoiceFallbackUrl")?);
    set(
        &mut d.voice_fallback_method,
        p.opt_method("VoiceFallbackMethod")?,
    );
    set_opt(
        &mut d.voice_status_callback_url,
        p.opt_url("VoiceStatusCallbackUrl")?,
    );
    set(
        &mut d.voice_status_callback_method,
        p.opt_method("VoiceStatusCallbackMethod")?,
    );
    set(&mut d.sip_registration, p.opt_bool("SipRegistration")?);
    set(
        &mut d.emergency_calling_enabled,
        p.opt_bool("EmergencyCallingEnabled")?,
    );
    set(&mut d.secure, p.opt_bool("Secure")?);
    if let Some(Some(by)) = p.opt_sid("ByocTrunkSid", "BY")?.as_ref()
        && !db.byoc_trunks.iter().any(|b| &b.sid == by)
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{by}' for ByocTrunkSid: no such BYOC trunk on this account"
        )));
    }
    set_opt(&mut d.byoc_trunk_sid, p.opt_sid("ByocTrunkSid", "BY")?);
    if let Some(Some(pn)) = p.opt_sid("EmergencyCallerSid", "PN")?.as_ref()
        && !db.phone_numbers.iter().any(|n| &n.sid == pn)
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{pn}' for EmergencyCallerSid: no such phone number on this account"
        )));
    }
    set_opt(
        &mut d.emergency_caller_sid,
        p.opt_sid("EmergencyCallerSid", "PN")?,
    );
    Ok(())
}

pub fn find<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a Domain> {
    db.domains
        .iter()
        .find(|d| d.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.domains.iter().collect(), &req);
        let items = page.items.iter().map(|d| domain_json(&s, db, d)).collect();
        page.v2010(&input.path, "domains", items)
    }))
}

async fn create(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    input.form.require("DomainName")?;
    created(s.write(|db| {
        let mut d = Domain {
            sid: new_sid("SD"),
            meta: db.meta(),
            domain_name: String::new(),
            friendly_name: None,
            voice_url: None,
            voice_method: "POST".into(),
            voice_fallback_url: None,
            voice_fallback_method: "POST".into(),
            voice_status_callback_url: None,
            voice_status_callback_method: "POST".into(),
            sip_registration: false,
            emergency_calling_enabled: false,
            secure: false,
            byoc_trunk_sid: None,
            emergency_caller_sid: None,
        };
        apply(db, &mut d, &input.form)?;
        db.domains.push(d.clone());
        Ok(domain_json(&s, db, &d))
    })?)
}

async fn fetch(
    State(s): St,
    Path((account, domain)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&domain, "SD", true, &input.path)?;
    ok(s.read(|db| find(db, &sid, &input.path).map(|d| domain_json(&s, db, d)))?)
}

async fn update(
    State(s): St,
    Path((account, domain)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&domain, "SD", true, &input.path)?;
    ok(s.write(|db| {
        let mut d = find(db, &sid, &input.path)?.clone();
        apply(db, &mut d, &input.form)?;
        d.meta.updated = crate::clock::now_secs();
        let body = domain_json(&s, db, &d);
        if let Some(slot) = db.domains.iter_mut().find(|x| x.sid == sid) {
            *slot = d;
        }
        Ok(body)
    })?)
}

/// Removes the domain, its mappings and its source IP mappings; a BYOC trunk using it as
/// `FromDomainSid` loses it.
async fn remove(
    State(s): St,
    Path((account, domain)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&domain, "SD", true, &input.path)?;
    s.write(|db| {
        find(db, &sid, &input.path)?;
        db.domains.retain(|d| d.sid != sid);
        db.links.retain(|l| l.parent_sid != sid);
        db.source_ip_mappings.retain(|m| m.sip_domain_sid != sid);
        for b in db
            .byoc_trunks
            .iter_mut()
            .filter(|b| b.from_domain_sid.as_deref() == Some(&sid))
        {
            b.from_domain_sid = None;
        }
        Ok(())
    })?;
    deleted()
}
