//! SIP Credential Lists and Credentials (v2010). Passwords are checked against Twilio's policy
//! and then dropped: they are never stored and never returned.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::sip_acl::users_of;
use super::{St, api_prefix, check_account, created, d2010, deleted, ok};
use crate::error::{ApiError, ApiResult, CREDENTIAL_LIST_EXISTS};
use crate::model::{Credential, CredentialList, Db};
use crate::page::{PageRequest, select};
use crate::params::{Input, path_sid};
use crate::rules::{NAME_64, check_password, check_username};
use crate::state::{Shared, new_sid};

const BASE: &str = "/2010-04-01/Accounts/{account}/SIP/CredentialLists";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(&format!("{BASE}.json"), get(list).post(create))
        .route(
            &format!("{BASE}/{{cl}}"),
            get(fetch).post(update).delete(remove),
        )
        .route(
            &format!("{BASE}/{{cl}}/Credentials.json"),
            get(list_cr).post(create_cr),
        )
        .route(
            &format!("{BASE}/{{cl}}/Credentials/{{sid}}"),
            get(fetch_cr).post(update_cr).delete(remove_cr),
        )
}

fn cl_json(s: &Shared, c: &CredentialList) -> Value {
    let uri = format!("{}/SIP/CredentialLists/{}", api_prefix(s), c.sid);
    json!({
        "account_sid": s.account_sid,
        "date_created": d2010(c.meta.created),
        "date_updated": d2010(c.meta.updated),
        "friendly_name": c.friendly_name,
        "sid": c.sid,
        "subresource_uris": {"credentials": format!("{uri}/Credentials.json")},
        "uri": format!("{uri}.json"),
    })
}

fn cr_json(s: &Shared, c: &Credential) -> Value {
    json!({
        "sid": c.sid,
        "account_sid": s.account_sid,
        "credential_list_sid": c.list_sid,
        "username": c.username,
        "date_created": d2010(c.meta.created),
        "date_updated": d2010(c.meta.updated),
        "uri": format!("{}/SIP/CredentialLists/{}/Credentials/{}.json", api_prefix(s), c.list_sid, c.sid),
    })
}

fn find<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a CredentialList> {
    db.credential_lists
        .iter()
        .find(|c| c.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

fn check_unique_name(db: &Db, sid: &str, name: &str) -> ApiResult<()> {
    if db
        .credential_lists
        .iter()
        .any(|c| c.sid != sid && c.friendly_name == name)
    {
        return Err(ApiError::new(
            400,
            CREDENTIAL_LIST_EXISTS,
            format!(
                "Invalid value '{name}' for FriendlyName: a credential list with this name already exists"
            ),
        ));
    }
    Ok(())
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.credential_lists.iter().collect(), &req);
        let items = page.items.iter().map(|c| cl_json(&s, c)).collect();
        page.v2010(&input.path, "credential_lists", items)
    }))
}

async fn create(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let name = input.form.require_name("FriendlyName", NAME_64)?;
    created(s.write(|db| {
        check_unique_name(db, "", &name)?;
        let c = CredentialList {
            sid: new_sid("CL"),
            meta: db.meta(),
            friendly_name: name,
        };
        db.credential_lists.push(c.clone());
        Ok(cl_json(&s, &c))
    })?)
}

async fn fetch(
    State(s): St,
    Path((account, cl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&cl, "CL", true, &input.path)?;
    ok(s.read(|db| find(db, &sid, &input.path).map(|c| cl_json(&s, c)))?)
}

async fn update(
    State(s): St,
    Path((account, cl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&cl, "CL", true, &input.path)?;
    let name = input.form.require_name("FriendlyName", NAME_64)?;
    ok(s.write(|db| {
        find(db, &sid, &input.path)?;
        check_unique_name(db, &sid, &name)?;
        let c = db
            .credential_lists
            .iter_mut()
            .find(|c| c.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        c.friendly_name = name;
        c.meta.updated = crate::clock::now_secs();
        Ok(cl_json(&s, c))
    })?)
}

/// Refused with 409 while a trunk or domain still uses the list.
async fn remove(
    State(s): St,
    Path((account, cl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&cl, "CL", true, &input.path)?;
    s.write(|db| {
        find(db, &sid, &input.path)?;
        let users = users_of(db, &sid);
        if !users.is_empty() {
            return Err(ApiError::conflict(format!(
                "Credential list {sid} is still associated with {}; remove those associations first",
                users.join(", ")
            )));
        }
        db.credential_lists.retain(|c| c.sid != sid);
        db.credentials.retain(|c| c.list_sid != sid);
        Ok(())
    })?;
    deleted()
}

async fn list_cr(
    State(s): St,
    Path((account, cl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&cl, "CL", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find(db, &sid, &input.path)?;
        let page = select(
            db.credentials
                .iter()
                .filter(|c| c.list_sid == sid)
                .collect(),
            &req,
        );
        let items = page.items.iter().map(|c| cr_json(&s, c)).collect();
        Ok::<_, ApiError>(page.v2010(&input.path, "credentials", items))
    })?)
}

async fn create_cr(
    State(s): St,
    Path((account, cl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&cl, "CL", false, &input.path)?;
    let username = input.form.require("Username")?.to_string();
    let password = input.form.require("Password")?;
    check_username(&username)?;
    check_password(password)?;
    created(s.write(|db| {
        find(db, &sid, &input.path)?;
        if db
            .credentials
            .iter()
            .any(|c| c.list_sid == sid && c.username == username)
        {
            return Err(ApiError::conflict(format!(
                "Invalid value '{username}' for Username: already in credential list {sid}"
            )));
        }
        let c = Credential {
            sid: new_sid("CR"),
            list_sid: sid.clone(),
            meta: db.meta(),
            username,
        };
        db.credentials.push(c.clone());
        Ok(cr_json(&s, &c))
    })?)
}

fn find_cr<'a>(db: &'a Db, cl: &str, sid: &str, path: &str) -> ApiResult<&'a Credential> {
    db.credentials
        .iter()
        .find(|c| c.list_sid == cl && c.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

type CrPath = Path<(String, String, String)>;

async fn fetch_cr(State(s): St, Path((account, cl, cr)): CrPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let cl = path_sid(&cl, "CL", false, &input.path)?;
    let sid = path_sid(&cr, "CR", true, &input.path)?;
    ok(s.read(|db| find_cr(db, &cl, &sid, &input.path).map(|c| cr_json(&s, c)))?)
}

/// Only the password can change (the username cannot).
async fn update_cr(State(s): St, Path((account, cl, cr)): CrPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let cl = path_sid(&cl, "CL", false, &input.path)?;
    let sid = path_sid(&cr, "CR", true, &input.path)?;
    if let Some(p) = input.form.get("Password") {
        check_password(p)?;
    }
    ok(s.write(|db| {
        find_cr(db, &cl, &sid, &input.path)?;
        let c = db
            .credentials
            .iter_mut()
            .find(|c| c.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        c.meta.updated = crate::clock::now_secs();
        Ok(cr_json(&s, c))
    })?)
}

async fn remove_cr(State(s): St, Path((account, cl, cr)): CrPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let cl = path_sid(&cl, "CL", false, &input.path)?;
    let sid = path_sid(&cr, "CR", true, &input.path)?;
    s.write(|db| {
        find_cr(db, &cl, &sid, &input.path)?;
        db.credentials.retain(|c| c.sid != sid);
        Ok(())
    })?;
    deleted()
}
