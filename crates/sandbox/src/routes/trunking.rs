//! Elastic SIP Trunking v1: Trunks, Origination URLs and the trunk Recording singleton.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, created, d1, deleted, ok, set, set_opt};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, LinkKind, OriginationUrl, Trunk};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::rules::{NAME_64, check_sip_uri, check_trunk_domain};
use crate::state::{Shared, new_sid};

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/v1/Trunks", get(list).post(create))
        .route("/v1/Trunks/{trunk}", get(fetch).post(update).delete(remove))
        .route(
            "/v1/Trunks/{trunk}/OriginationUrls",
            get(list_ou).post(create_ou),
        )
        .route(
            "/v1/Trunks/{trunk}/OriginationUrls/{sid}",
            get(fetch_ou).post(update_ou).delete(remove_ou),
        )
        .route(
            "/v1/Trunks/{trunk}/Recording",
            get(fetch_rec).post(update_rec),
        )
}

const TRANSFER_MODES: [&str; 3] = ["disable-all", "enable-all", "sip-only"];
const TRANSFER_CALLER_IDS: [&str; 2] = ["from-transferee", "from-transferor"];
const RECORDING_MODES: [&str; 5] = [
    "do-not-record",
    "record-from-ringing",
    "record-from-answer",
    "record-from-ringing-dual",
    "record-from-answer-dual",
];
const RECORDING_TRIMS: [&str; 2] = ["trim-silence", "do-not-trim"];

/// The trunk `sid`, or 404 for `path`.
pub fn find_trunk<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a Trunk> {
    db.trunks
        .iter()
        .find(|t| t.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

/// `auth_type` and `auth_type_set` of a trunk or domain from its associations.
pub fn auth_type(
    db: &Db,
    parent: &str,
    acl: LinkKind,
    cl: LinkKind,
) -> (String, Vec<&'static str>) {
    let mut set = Vec::new();
    if db
        .links
        .iter()
        .any(|l| l.parent_sid == parent && l.kind == acl)
    {
        set.push("IP_ACL");
    }
    if db
        .links
        .iter()
        .any(|l| l.parent_sid == parent && l.kind == cl)
    {
        set.push("CREDENTIAL_LIST");
    }
    (set.join(","), set)
}

fn trunk_json(s: &Shared, db: &Db, t: &Trunk) -> Value {
    let url = format!("{}/v1/Trunks/{}", s.base_url, t.sid);
    let (auth, auth_set) = auth_type(db, &t.sid, LinkKind::TrunkIpAcl, LinkKind::TrunkCredentials);
    json!({
        "account_sid": s.account_sid,
        "domain_name": t.domain_name,
        "disaster_recovery_method": t.disaster_recovery_method,
        "disaster_recovery_url": t.disaster_recovery_url,
        "friendly_name": t.friendly_name,
        "secure": t.secure,
        "recording": {"mode": t.recording_mode, "trim": t.recording_trim},
        "transfer_mode": t.transfer_mode,
        "transfer_caller_id": t.transfer_caller_id,
        "cnam_lookup_enabled": t.cnam_lookup_enabled,
        "auth_type": auth,
        "symmetric_rtp_enabled": t.symmetric_rtp_enabled,
        "auth_type_set": auth_set,
        "date_created": d1(t.meta.created),
        "date_updated": d1(t.meta.updated),
        "sid": t.sid,
        "url": url,
        "links": {
            "origination_urls": format!("{url}/OriginationUrls"),
            "credential_lists": format!("{url}/CredentialLists"),
            "ip_access_control_lists": format!("{url}/IpAccessControlLists"),
            "phone_numbers": format!("{url}/PhoneNumbers"),
        },
    })
}

/// Validates every trunk parameter in `p` and applies it to `t` (a copy until committed).
fn apply_trunk(db: &Db, t: &mut Trunk, p: &Params) -> ApiResult<()> {
    if let Some(n) = p.opt_name("FriendlyName", NAME_64)? {
        t.friendly_name = Some(n);
    }
    if let Some(d) = p.get("DomainName") {
        check_trunk_domain(d)?;
        let d = d.to_ascii_lowercase();
        if db
            .trunks
            .iter()
            .any(|o| o.sid != t.sid && o.domain_name.as_deref() == Some(&d))
        {
            return Err(ApiError::conflict(format!(
                "Invalid value '{d}' for DomainName: another trunk already uses this domain name"
            )));
        }
        t.domain_name = Some(d);
    }
    set_opt(
        &mut t.disaster_recovery_url,
        p.opt_url("DisasterRecoveryUrl")?,
    );
    if let Some(m) = p.opt_method("DisasterRecoveryMethod")? {
        t.disaster_recovery_method = Some(m);
    }
    set(
        &mut t.transfer_mode,
        p.opt_enum("TransferMode", &TRANSFER_MODES)?,
    );
    set(
        &mut t.transfer_caller_id,
        p.opt_enum("TransferCallerId", &TRANSFER_CALLER_IDS)?,
    );
    set(&mut t.secure, p.opt_bool("Secure")?);
    set(&mut t.cnam_lookup_enabled, p.opt_bool("CnamLookupEnabled")?);
    Ok(())
}

async fn list(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    let body = s.read(|db| {
        let page = select(db.trunks.iter().collect(), &req);
        let items = page.items.iter().map(|t| trunk_json(&s, db, t)).collect();
        page.v1(&s.base_url, &input.path, "trunks", items)
    });
    ok(body)
}

async fn create(State(s): St, input: Input) -> ApiResult {
    let body = s.write(|db| {
        let mut t = Trunk {
            sid: new_sid("TK"),
            meta: db.meta(),
            friendly_name: None,
            domain_name: None,
            disaster_recovery_url: None,
            disaster_recovery_method: Some("POST".into()),
            transfer_mode: "disable-all".into(),
            transfer_caller_id: "from-transferee".into(),
            secure: false,
            cnam_lookup_enabled: false,
            symmetric_rtp_enabled: false,
            recording_mode: "do-not-record".into(),
            recording_trim: "do-not-trim".into(),
        };
        apply_trunk(db, &mut t, &input.form)?;
        db.trunks.push(t.clone());
        Ok(trunk_json(&s, db, &t))
    })?;
    created(body)
}

async fn fetch(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    ok(s.read(|db| find_trunk(db, &sid, &input.path).map(|t| trunk_json(&s, db, t)))?)
}

async fn update(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    let body = s.write(|db| {
        let mut t = find_trunk(db, &sid, &input.path)?.clone();
        apply_trunk(db, &mut t, &input.form)?;
        t.meta.updated = crate::clock::now_secs();
        let body = trunk_json(&s, db, &t);
        if let Some(slot) = db.trunks.iter_mut().find(|x| x.sid == sid) {
            *slot = t;
        }
        Ok(body)
    })?;
    ok(body)
}

/// Deleting a trunk removes its origination URLs and associations and detaches its numbers
/// (they stay on the account with `trunk_sid` null).
async fn remove(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    s.write(|db| {
        find_trunk(db, &sid, &input.path)?;
        db.trunks.retain(|t| t.sid != sid);
        db.origination_urls.retain(|o| o.trunk_sid != sid);
        db.links.retain(|l| l.parent_sid != sid);
        let now = crate::clock::now_secs();
        for n in db
            .phone_numbers
            .iter_mut()
            .filter(|n| n.trunk_sid.as_deref() == Some(&sid))
        {
            n.trunk_sid = None;
            n.meta.updated = now;
        }
        Ok(())
    })?;
    deleted()
}

fn ou_json(s: &Shared, o: &OriginationUrl) -> Value {
    json!({
        "account_sid": s.account_sid,
        "sid": o.sid,
        "trunk_sid": o.trunk_sid,
        "weight": o.weight,
        "enabled": o.enabled,
        "sip_url": o.sip_url,
        "friendly_name": o.friendly_name,
        "priority": o.priority,
        "date_created": d1(o.meta.created),
        "date_updated": d1(o.meta.updated),
        "url": format!("{}/v1/Trunks/{}/OriginationUrls/{}", s.base_url, o.trunk_sid, o.sid),
    })
}

fn apply_ou(o: &mut OriginationUrl, p: &Params) -> ApiResult<()> {
    if let Some(u) = p.get("SipUrl") {
        check_sip_uri("SipUrl", u)?;
        o.sip_url = u.to_string();
    }
    set(
        &mut o.priority,
        p.opt_int("Priority", 0, 65_535)?.map(|n| n as u32),
    );
    set(
        &mut o.weight,
        p.opt_int("Weight", 1, 65_535)?.map(|n| n as u32),
    );
    set(&mut o.enabled, p.opt_bool("Enabled")?);
    set(&mut o.friendly_name, p.opt_name("FriendlyName", NAME_64)?);
    Ok(())
}

async fn list_ou(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find_trunk(db, &sid, &input.path)?;
        let page = select(
            db.origination_urls
                .iter()
                .filter(|o| o.trunk_sid == sid)
                .collect(),
            &req,
        );
        let items = page.items.iter().map(|o| ou_json(&s, o)).collect();
        Ok::<_, ApiError>(page.v1(&s.base_url, &input.path, "origination_urls", items))
    })?)
}

async fn create_ou(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    let p = &input.form;
    for name in ["Weight", "Priority", "Enabled", "FriendlyName", "SipUrl"] {
        p.require(name)?;
    }
    let body = s.write(|db| {
        find_trunk(db, &sid, &input.path)?;
        let mut o = OriginationUrl {
            sid: new_sid("OU"),
            trunk_sid: sid.clone(),
            meta: db.meta(),
            sip_url: String::new(),
            priority: 10,
            weight: 10,
            enabled: true,
            friendly_name: String::new(),
        };
        apply_ou(&mut o, p)?;
        db.origination_urls.push(o.clone());
        Ok(ou_json(&s, &o))
    })?;
    created(body)
}

fn find_ou<'a>(db: &'a Db, trunk: &str, sid: &str, path: &str) -> ApiResult<&'a OriginationUrl> {
    db.origination_urls
        .iter()
        .find(|o| o.trunk_sid == trunk && o.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn fetch_ou(
    State(s): St,
    Path((trunk, ou)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let sid = path_sid(&ou, "OU", false, &input.path)?;
    ok(s.read(|db| find_ou(db, &tk, &sid, &input.path).map(|o| ou_json(&s, o)))?)
}

async fn update_ou(
    State(s): St,
    Path((trunk, ou)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let sid = path_sid(&ou, "OU", false, &input.path)?;
    let body = s.write(|db| {
        let mut o = find_ou(db, &tk, &sid, &input.path)?.clone();
        apply_ou(&mut o, &input.form)?;
        o.meta.updated = crate::clock::now_secs();
        let body = ou_json(&s, &o);
        if let Some(slot) = db.origination_urls.iter_mut().find(|x| x.sid == sid) {
            *slot = o;
        }
        Ok(body)
    })?;
    ok(body)
}

async fn remove_ou(
    State(s): St,
    Path((trunk, ou)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let sid = path_sid(&ou, "OU", false, &input.path)?;
    s.write(|db| {
        find_ou(db, &tk, &sid, &input.path)?;
        db.origination_urls.retain(|o| o.sid != sid);
        Ok(())
    })?;
    deleted()
}

async fn fetch_rec(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    ok(s.read(|db| {
        find_trunk(db, &sid, &input.path)
            .map(|t| json!({"mode": t.recording_mode, "trim": t.recording_trim}))
    })?)
}

async fn update_rec(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&trunk, "TK", false, &input.path)?;
    let mode = input.form.opt_enum("Mode", &RECORDING_MODES)?;
    let trim = input.form.opt_enum("Trim", &RECORDING_TRIMS)?;
    ok(s.write(|db| {
        find_trunk(db, &sid, &input.path)?;
        let t = db
            .trunks
            .iter_mut()
            .find(|t| t.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        set(&mut t.recording_mode, mode);
        set(&mut t.recording_trim, trim);
        t.meta.updated = crate::clock::now_secs();
        Ok(json!({"mode": t.recording_mode, "trim": t.recording_trim}))
    })?)
}
