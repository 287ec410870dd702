//! Trunk associations: IP ACLs, credential lists and phone numbers attached to a trunk, plus
//! the association rules shared with SIP domain auth mappings.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::numbers::trunk_number_json;
use super::trunking::find_trunk;
use super::{St, created, d1, deleted, ok};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, Link, LinkKind};
use crate::page::{PageRequest, select};
use crate::params::{Input, path_sid};
use crate::state::Shared;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(
            "/v1/Trunks/{trunk}/IpAccessControlLists",
            get(list_acl).post(create_acl),
        )
        .route(
            "/v1/Trunks/{trunk}/IpAccessControlLists/{sid}",
            get(fetch_acl).delete(remove_acl),
        )
        .route(
            "/v1/Trunks/{trunk}/CredentialLists",
            get(list_cl).post(create_cl),
        )
        .route(
            "/v1/Trunks/{trunk}/CredentialLists/{sid}",
            get(fetch_cl).delete(remove_cl),
        )
        .route(
            "/v1/Trunks/{trunk}/PhoneNumbers",
            get(list_pn).post(create_pn),
        )
        .route(
            "/v1/Trunks/{trunk}/PhoneNumbers/{sid}",
            get(fetch_pn).delete(remove_pn),
        )
}

/// The friendly name of the ACL or credential list a link points at.
pub fn target_name(db: &Db, kind: LinkKind, sid: &str) -> Option<String> {
    if kind.is_acl() {
        db.ip_access_control_lists
            .iter()
            .find(|a| a.sid == sid)
            .map(|a| a.friendly_name.clone())
    } else {
        db.credential_lists
            .iter()
            .find(|c| c.sid == sid)
            .map(|c| c.friendly_name.clone())
    }
}

/// Body parameter and SID prefix of a link kind.
pub fn link_param(kind: LinkKind) -> (&'static str, &'static str) {
    if kind.is_acl() {
        ("IpAccessControlListSid", "AL")
    } else {
        ("CredentialListSid", "CL")
    }
}

/// Creates the association; the target must exist and must not be associated already.
pub fn link_create(db: &mut Db, parent: &str, kind: LinkKind, input: &Input) -> ApiResult<Link> {
    let (param, prefix) = link_param(kind);
    let target = input.form.require_sid(param, prefix)?;
    if target_name(db, kind, &target).is_none() {
        return Err(ApiError::invalid(format!(
            "Invalid value '{target}' for {param}: no such resource on this account"
        )));
    }
    if db
        .links
        .iter()
        .any(|l| l.parent_sid == parent && l.kind == kind && l.sid == target)
    {
        return Err(ApiError::conflict(format!(
            "Invalid value '{target}' for {param}: already associated with {parent}"
        )));
    }
    let link = Link {
        sid: target,
        parent_sid: parent.to_string(),
        kind,
        meta: db.meta(),
    };
    db.links.push(link.clone());
    Ok(link)
}

/// The association `sid` of `parent`, or 404.
pub fn link_find<'a>(
    db: &'a Db,
    parent: &str,
    kind: LinkKind,
    sid: &str,
    path: &str,
) -> ApiResult<&'a Link> {
    db.links
        .iter()
        .find(|l| l.parent_sid == parent && l.kind == kind && l.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

/// Removes the association (the list itself survives).
pub fn link_delete(
    db: &mut Db,
    parent: &str,
    kind: LinkKind,
    sid: &str,
    path: &str,
) -> ApiResult<()> {
    link_find(db, parent, kind, sid, path)?;
    db.links
        .retain(|l| !(l.parent_sid == parent && l.kind == kind && l.sid == sid));
    Ok(())
}

fn link_json(s: &Shared, db: &Db, l: &Link) -> Value {
    let segment = if l.kind.is_acl() {
        "IpAccessControlLists"
    } else {
        "CredentialLists"
    };
    json!({
        "account_sid": s.account_sid,
        "sid": l.sid,
        "trunk_sid": l.parent_sid,
        "friendly_name": target_name(db, l.kind, &l.sid),
        "date_created": d1(l.meta.created),
        "date_updated": d1(l.meta.updated),
        "url": format!("{}/v1/Trunks/{}/{segment}/{}", s.base_url, l.parent_sid, l.sid),
    })
}

async fn list_links(s: &Shared, trunk: &str, kind: LinkKind, input: &Input) -> ApiResult {
    let tk = path_sid(trunk, "TK", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    let key = if kind.is_acl() {
        "ip_access_control_lists"
    } else {
        "credential_lists"
    };
    ok(s.read(|db| {
        find_trunk(db, &tk, &input.path)?;
        let page = select(
            db.links
                .iter()
                .filter(|l| l.parent_sid == tk && l.kind == kind)
                .collect(),
            &req,
        );
        let items = page.items.iter().map(|l| link_json(s, db, l)).collect();
        Ok::<_, ApiError>(page.v1(&s.base_url, &input.path, key, items))
    })?)
}

async fn create_link(s: &Shared, trunk: &str, kind: LinkKind, input: &Input) -> ApiResult {
    let tk = path_sid(trunk, "TK", false, &input.path)?;
    created(s.write(|db| {
        find_trunk(db, &tk, &input.path)?;
        let link = link_create(db, &tk, kind, input)?;
        Ok(link_json(s, db, &link))
    })?)
}

async fn fetch_link(
    s: &Shared,
    (trunk, sid): (String, String),
    kind: LinkKind,
    input: &Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let sid = path_sid(&sid, link_param(kind).1, false, &input.path)?;
    ok(s.read(|db| {
        find_trunk(db, &tk, &input.path)?;
        link_find(db, &tk, kind, &sid, &input.path).map(|l| link_json(s, db, l))
    })?)
}

async fn remove_link(
    s: &Shared,
    (trunk, sid): (String, String),
    kind: LinkKind,
    input: &Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let sid = path_sid(&sid, link_param(kind).1, false, &input.path)?;
    s.write(|db| link_delete(db, &tk, kind, &sid, &input.path))?;
    deleted()
}

const ACL: LinkKind = LinkKind::TrunkIpAcl;
const CL: LinkKind = LinkKind::TrunkCredentials;

async fn list_acl(State(s): St, Path(t): Path<String>, i: Input) -> ApiResult {
    list_links(&s, &t, ACL, &i).await
}
async fn create_acl(State(s): St, Path(t): Path<String>, i: Input) -> ApiResult {
    create_link(&s, &t, ACL, &i).await
}
async fn fetch_acl(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
    fetch_link(&s, p, ACL, &i).await
}
async fn remove_acl(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
    remove_link(&s, p, ACL, &i).await
}
async fn list_cl(State(s): St, Path(t): Path<String>, i: Input) -> ApiResult {
    list_links(&s, &t, CL, &i).await
}
async fn create_cl(State(s): St, Path(t): Path<String>, i: Input) -> ApiResult {
    create_link(&s, &t, CL, &i).await
}
async fn fetch_cl(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
    fetch_link(&s, p, CL, &i).await
}
async fn remove_cl(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
    remove_link(&s, p, CL, &i).await
}

async fn list_pn(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find_trunk(db, &tk, &input.path)?;
        let on_trunk = db
            .phone_numbers
            .iter()
            .filter(|n| n.trunk_sid.as_deref() == Some(&tk));
        let page = select(on_trunk.collect(), &req);
        let items = page
            .items
            .iter()
            .map(|n| trunk_number_json(&s, n))
            .collect();
        Ok::<_, ApiError>(page.v1(&s.base_url, &input.path, "phone_numbers", items))
    })?)
}

/// Associating a number sets its `trunk_sid` and clears `voice_url` and
/// `voice_application_sid`; a number already on a trunk is refused with 409.
async fn create_pn(State(s): St, Path(trunk): Path<String>, input: Input) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let pn = input.form.require_sid("PhoneNumberSid", "PN")?;
    created(s.write(|db| {
        find_trunk(db, &tk, &input.path)?;
        let n = db.phone_numbers.iter_mut().find(|n| n.sid == pn).ok_or_else(|| {
            ApiError::invalid(format!(
                "Invalid value '{pn}' for PhoneNumberSid: no such phone number on this account"
            ))
        })?;
        if let Some(current) = &n.trunk_sid {
            return Err(ApiError::conflict(format!(
                "Invalid value '{pn}' for PhoneNumberSid: the number is already associated with trunk {current}"
            )));
        }
        n.trunk_sid = Some(tk.clone());
        n.voice_url = None;
        n.voice_application_sid = None;
        n.meta.updated = crate::clock::now_secs();
        Ok(trunk_number_json(&s, n))
    })?)
}

async fn fetch_pn(
    State(s): St,
    Path((trunk, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let pn = path_sid(&sid, "PN", false, &input.path)?;
    ok(s.read(|db| {
        find_trunk(db, &tk, &input.path)?;
        db.phone_numbers
            .iter()
            .find(|n| n.sid == pn && n.trunk_sid.as_deref() == Some(&tk))
            .map(|n| trunk_number_json(&s, n))
            .ok_or_else(|| ApiError::not_found(&input.path))
    })?)
}

/// Detaching never releases the number: it stays on the account with `trunk_sid` null.
async fn remove_pn(
    State(s): St,
    Path((trunk, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let tk = path_sid(&trunk, "TK", false, &input.path)?;
    let pn = path_sid(&sid, "PN", false, &input.path)?;
    s.write(|db| {
        find_trunk(db, &tk, &input.path)?;
        let n = db
            .phone_numbers
            .iter_mut()
            .find(|n| n.sid == pn && n.trunk_sid.as_deref() == Some(&tk))
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        n.trunk_sid = None;
        n.meta.updated = crate::clock::now_secs();
        Ok(())
    })?;
    deleted()
}
