//! Voice v1: BYOC trunks, Connection Policies and their Targets.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, created, d1, deleted, ok, set, set_opt};
use crate::error::{ApiError, ApiResult};
use crate::model::{ByocTrunk, ConnectionPolicy, Db, Target};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::rules::{NAME_255, check_sip_uri};
use crate::state::{Shared, new_sid};

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/v1/ByocTrunks", get(list_by).post(create_by))
        .route(
            "/v1/ByocTrunks/{sid}",
            get(fetch_by).post(update_by).delete(remove_by),
        )
        .route("/v1/ConnectionPolicies", get(list_ny).post(create_ny))
        .route(
            "/v1/ConnectionPolicies/{policy}",
            get(fetch_ny).post(update_ny).delete(remove_ny),
        )
        .route(
            "/v1/ConnectionPolicies/{policy}/Targets",
            get(list_ne).post(create_ne),
        )
        .route(
            "/v1/ConnectionPolicies/{policy}/Targets/{sid}",
            get(fetch_ne).post(update_ne).delete(remove_ne),
        )
}

fn by_json(s: &Shared, b: &ByocTrunk) -> Value {
    json!({
        "account_sid": s.account_sid,
        "sid": b.sid,
        "friendly_name": b.friendly_name,
        "voice_url": b.voice_url,
        "voice_method": b.voice_method,
        "voice_fallback_url": b.voice_fallback_url,
        "voice_fallback_method": b.voice_fallback_method,
        "status_callback_url": b.status_callback_url,
        "status_callback_method": b.status_callback_method,
        "cnam_lookup_enabled": b.cnam_lookup_enabled,
        "connection_policy_sid": b.connection_policy_sid,
        "from_domain_sid": b.from_domain_sid,
        "date_created": d1(b.meta.created),
        "date_updated": d1(b.meta.updated),
        "url": format!("{}/v1/ByocTrunks/{}", s.base_url, b.sid),
    })
}

fn apply_by(db: &Db, b: &mut ByocTrunk, p: &Params) -> ApiResult<()> {
    if let Some(n) = p.opt_name("FriendlyName", NAME_255)? {
        b.friendly_name = Some(n);
    }
    set_opt(&mut b.voice_url, p.opt_url("VoiceUrl")?);
    set(&mut b.voice_method, p.opt_method("VoiceMethod")?);
    set_opt(&mut b.voice_fallback_url, p.opt_url("VoiceFallbackUrl")?);
    set(
        &mut b.voice_fallback_method,
        p.opt_method("VoiceFallbackMethod")?,
    );
    set_opt(&mut b.status_callback_url, p.opt_url("StatusCallbackUrl")?);
    set(
        &mut b.status_callback_method,
        p.opt_method("StatusCallbackMethod")?,
    );
    set(&mut b.cnam_lookup_enabled, p.opt_bool("CnamLookupEnabled")?);
    let policy = p.opt_sid("ConnectionPolicySid", "NY")?;
    if let Some(Some(ny)) = &policy
        && !db.connection_policies.iter().any(|c| &c.sid == ny)
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{ny}' for ConnectionPolicySid: no such connection policy on this account"
        )));
    }
    set_opt(&mut b.connection_policy_sid, policy);
    let domain = p.opt_sid("FromDomainSid", "SD")?;
    if let Some(Some(sd)) = &domain
        && !db.domains.iter().any(|d| &d.sid == sd)
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{sd}' for FromDomainSid: no such SIP domain on this account"
        )));
    }
    set_opt(&mut b.from_domain_sid, domain);
    Ok(())
}

fn find_by<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a ByocTrunk> {
    db.byoc_trunks
        .iter()
        .find(|b| b.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_by(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.byoc_trunks.iter().collect(), &req);
        let items = page.items.iter().map(|b| by_json(&s, b)).collect();
        page.v1(&s.base_url, &input.path, "byoc_trunks", items)
    }))
}

async fn create_by(State(s): St, input: Input) -> ApiResult {
    created(s.write(|db| {
        let mut b = ByocTrunk {
            sid: new_sid("BY"),
            meta: db.meta(),
            friendly_name: None,
            voice_url: None,
            voice_method: "POST".into(),
            voice_fallback_url: None,
            voice_fallback_method: "POST".into(),
            status_callback_url: None,
            status_callback_method: "POST".into(),
            cnam_lookup_enabled: false,
            connection_policy_sid: None,
            from_domain_sid: None,
        };
        apply_by(db, &mut b, &input.form)?;
        db.byoc_trunks.push(b.clone());
        Ok(by_json(&s, &b))
    })?)
}

async fn fetch_by(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "BY", false, &input.path)?;
    ok(s.read(|db| find_by(db, &sid, &input.path).map(|b| by_json(&s, b)))?)
}

async fn update_by(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "BY", false, &input.path)?;
    ok(s.write(|db| {
        let mut b = find_by(db, &sid, &input.path)?.clone();
        apply_by(db, &mut b, &input.form)?;
        b.meta.updated = crate::clock::now_secs();
        let body = by_json(&s, &b);
        if let Some(slot) = db.byoc_trunks.iter_mut().find(|x| x.sid == sid) {
            *slot = b;
        }
        Ok(body)
    })?)
}

/// SIP domains that named this trunk in `byoc_trunk_sid` lose the reference.
async fn remove_by(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "BY", false, &input.path)?;
    s.write(|db| {
        find_by(db, &sid, &input.path)?;
        db.byoc_trunks.retain(|b| b.sid != sid);
        for d in db
            .domains
            .iter_mut()
            .filter(|d| d.byoc_trunk_sid.as_deref() == Some(&sid))
        {
            d.byoc_trunk_sid = None;
        }
        Ok(())
    })?;
    deleted()
}

fn ny_json(s: &Shared, c: &ConnectionPolicy) -> Value {
    let url = format!("{}/v1/ConnectionPolicies/{}", s.base_url, c.sid);
    json!({
        "account_sid": s.account_sid,
        "sid": c.sid,
        "friendly_name": c.friendly_name,
        "date_created": d1(c.meta.created),
        "date_updated": d1(c.meta.updated),
        "url": url,
        "links": {"targets": format!("{url}/Targets")},
    })
}

fn find_ny<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a ConnectionPolicy> {
    db.connection_policies
        .iter()
        .find(|c| c.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_ny(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.connection_policies.iter().collect(), &req);
        let items = page.items.iter().map(|c| ny_json(&s, c)).collect();
        page.v1(&s.base_url, &input.path, "connection_policies", items)
    }))
}

async fn create_ny(State(s): St, input: Input) -> ApiResult {
    let name = input.form.opt_name("FriendlyName", NAME_255)?;
    created(s.write(|db| {
        let c = ConnectionPolicy {
            sid: new_sid("NY"),
            meta: db.meta(),
            friendly_name: name,
        };
        db.connection_policies.push(c.clone());
        Ok(ny_json(&s, &c))
    })?)
}

async fn fetch_ny(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "NY", false, &input.path)?;
    ok(s.read(|db| find_ny(db, &sid, &input.path).map(|c| ny_json(&s, c)))?)
}

async fn update_ny(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "NY", false, &input.path)?;
    let name = input.form.opt_name("FriendlyName", NAME_255)?;
    ok(s.write(|db| {
        find_ny(db, &sid, &input.path)?;
        let c = db
            .connection_policies
            .iter_mut()
            .find(|c| c.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        if name.is_some() {
            c.friendly_name = name;
        }
        c.meta.updated = crate::clock::now_secs();
        Ok(ny_json(&s, c))
    })?)
}

/// Refused with 409 while a BYOC trunk still routes through the policy.
async fn remove_ny(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "NY", false, &input.path)?;
    s.write(|db| {
        find_ny(db, &sid, &input.path)?;
        let users: Vec<&str> = db
            .byoc_trunks
            .iter()
            .filter(|b| b.connection_policy_sid.as_deref() == Some(&sid))
            .map(|b| b.sid.as_str())
            .collect();
        if !users.is_empty() {
            return Err(ApiError::conflict(format!(
                "Connection policy {sid} is still used by BYOC trunk {}; change or delete it first",
                users.join(", ")
            )));
        }
        db.connection_policies.retain(|c| c.sid != sid);
        db.targets.retain(|t| t.policy_sid != sid);
        Ok(())
    })?;
    deleted()
}

fn ne_json(s: &Shared, t: &Target) -> Value {
    json!({
        "account_sid": s.account_sid,
        "connection_policy_sid": t.policy_sid,
        "sid": t.sid,
        "friendly_name": t.friendly_name,
        "target": t.target,
        "priority": t.priority,
        "weight": t.weight,
        "enabled": t.enabled,
        "date_created": d1(t.meta.created),
        "date_updated": d1(t.meta.updated),
        "url": format!("{}/v1/ConnectionPolicies/{}/Targets/{}", s.base_url, t.policy_sid, t.sid),
    })
}

fn apply_ne(t: &mut Target, p: &Params) -> ApiResult<()> {
    if let Some(u) = p.get("Target") {
        check_sip_uri("Target", u)?;
        t.target = u.to_string();
    }
    if let Some(n) = p.opt_name("FriendlyName", NAME_255)? {
        t.friendly_name = Some(n);
    }
    set(
        &mut t.priority,
        p.opt_int("Priority", 0, 65_535)?.map(|n| n as u32),
    );
    set(
        &mut t.weight,
        p.opt_int("Weight", 1, 65_535)?.map(|n| n as u32),
    );
    set(&mut t.enabled, p.opt_bool("Enabled")?);
    Ok(())
}

fn find_ne<'a>(db: &'a Db, policy: &str, sid: &str, path: &str) -> ApiResult<&'a Target> {
    db.targets
        .iter()
        .find(|t| t.policy_sid == policy && t.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_ne(State(s): St, Path(policy): Path<String>, input: Input) -> ApiResult {
    let ny = path_sid(&policy, "NY", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find_ny(db, &ny, &input.path)?;
        let page = select(
            db.targets.iter().filter(|t| t.policy_sid == ny).collect(),
            &req,
        );
        let items = page.items.iter().map(|t| ne_json(&s, t)).collect();
        Ok::<_, ApiError>(page.v1(&s.base_url, &input.path, "targets", items))
    })?)
}

async fn create_ne(State(s): St, Path(policy): Path<String>, input: Input) -> ApiResult {
    let ny = path_sid(&policy, "NY", false, &input.path)?;
    input.form.require("Target")?;
    created(s.write(|db| {
        find_ny(db, &ny, &input.path)?;
        let mut t = Target {
            sid: new_sid("NE"),
            policy_sid: ny.clone(),
            meta: db.meta(),
            friendly_name: None,
            target: String::new(),
            priority: 10,
            weight: 10,
            enabled: true,
        };
        apply_ne(&mut t, &input.form)?;
        db.targets.push(t.clone());
        Ok(ne_json(&s, &t))
    })?)
}

async fn fetch_ne(
    State(s): St,
    Path((policy, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let ny = path_sid(&policy, "NY", false, &input.path)?;
    let sid = path_sid(&sid, "NE", false, &input.path)?;
    ok(s.read(|db| find_ne(db, &ny, &sid, &input.path).map(|t| ne_json(&s, t)))?)
}

async fn update_ne(
    State(s): St,
    Path((policy, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let ny = path_sid(&policy, "NY", false, &input.path)?;
    let sid = path_sid(&sid, "NE", false, &input.path)?;
    ok(s.write(|db| {
        let mut t = find_ne(db, &ny, &sid, &input.path)?.clone();
        apply_ne(&mut t, &input.form)?;
        t.meta.updated = crate::clock::now_secs();
        let body = ne_json(&s, &t);
        if let Some(slot) = db.targets.iter_mut().find(|x| x.sid == sid) {
            *slot = t;
        }
        Ok(body)
    })?)
}

async fn remove_ne(
    State(s): St,
    Path((policy, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let ny = path_sid(&policy, "NY", false, &input.path)?;
    let sid = path_sid(&sid, "NE", false, &input.path)?;
    s.write(|db| {
        find_ne(db, &ny, &sid, &input.path)?;
        db.targets.retain(|t| t.sid != sid);
        Ok(())
    })?;
    deleted()
}
