//! Serverless v1: Services, Environments, Functions, Function Versions (uploaded as
//! `multipart/form-data` — on Twilio to `serverless-upload.twilio.com`, here to the same port),
//! Builds (`building`, then `completed` after [`builds::BUILD_MS`]) and Deployments (which set
//! the Environment's `build_sid`). Deployed Functions are run by [`super::functions`].
//!
//! Everything but a Service lives in a Service (found by SID or unique name), and Versions and
//! Deployments one level deeper, in a Function or an Environment. [`InService`] and
//! [`InParent`] say where each kind lives, so listing, fetching and deleting are written once
//! here; each kind's own file has its JSON, its create / update rules and what a delete takes
//! with it.

mod builds;
mod environments;
mod functions;

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, created, d1, deleted, ok};
use crate::error::{ApiError, ApiResult};
use crate::model::{
    Build, Db, Deployment, Environment, Function, FunctionVersion, Listed, Service,
};
use crate::page::{PageRequest, select};
use crate::params::{Input, is_sid};
use crate::rules::NAME_255;
use crate::state::{Shared, new_sid};

/// Longest service unique name.
const SERVICE_UNIQUE_MAX: usize = 50;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/v1/Services", get(list_zs).post(create_zs))
        .route(
            "/v1/Services/{svc}",
            get(fetch_zs).post(update_zs).delete(remove_zs),
        )
        .route(
            "/v1/Services/{svc}/Environments",
            get(list_in::<Environment>).post(environments::create_ze),
        )
        .route(
            "/v1/Services/{svc}/Environments/{sid}",
            get(fetch_in::<Environment>).delete(remove_in::<Environment>),
        )
        .route(
            "/v1/Services/{svc}/Environments/{env}/Deployments",
            get(list_nested::<Deployment>).post(environments::create_zd),
        )
        .route(
            "/v1/Services/{svc}/Environments/{env}/Deployments/{sid}",
            get(fetch_nested::<Deployment>),
        )
        .route(
            "/v1/Services/{svc}/Functions",
            get(list_in::<Function>).post(functions::create_zh),
        )
        .route(
            "/v1/Services/{svc}/Functions/{sid}",
            get(fetch_in::<Function>)
                .post(functions::update_zh)
                .delete(remove_in::<Function>),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions",
            get(list_nested::<FunctionVersion>).post(functions::upload_zn),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions/{sid}",
            get(fetch_nested::<FunctionVersion>),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions/{sid}/Content",
            get(functions::content_zn),
        )
        .route(
            "/v1/Services/{svc}/Builds",
            get(list_in::<Build>).post(builds::create_zb),
        )
        .route(
            "/v1/Services/{svc}/Builds/{sid}",
            get(fetch_in::<Build>).delete(remove_in::<Build>),
        )
        .route(
            "/v1/Services/{svc}/Builds/{sid}/Status",
            get(builds::status_zb),
        )
}

// ---- what lives where -----------------------------------------------------------------------

/// A kind that lives in one Service (Environments, Functions, Builds).
trait InService: Listed + Sized + Send + Sync + 'static {
    /// The key of a page's list (`environments`).
    const KEY: &'static str;
    fn all(db: &Db) -> &[Self];
    fn service_sid(&self) -> &str;
    fn sid(&self) -> &str;
    fn json(s: &Shared, db: &Db, x: &Self) -> Value;
    /// Deletes the one with this SID and what lives in it.
    fn remove(db: &mut Db, sid: &str);
}

/// A kind that lives in an [`InService`] kind (a Function's Versions, an Environment's
/// Deployments).
trait InParent: Listed + Sized + Send + Sync + 'static {
    type Parent: InService;
    /// The key of a page's list (`function_versions`).
    const KEY: &'static str;
    fn all(db: &Db) -> &[Self];
    fn parent_sid(&self) -> &str;
    fn sid(&self) -> &str;
    fn json(s: &Shared, x: &Self) -> Value;
}

/// The `{svc}` / `{sid}` path segments: the Service (SID or unique name), then the one of kind
/// `T` in it; a 404 naming `path` when either is not there.
fn find_in<'a, T: InService>(db: &'a Db, svc: &str, sid: &str, path: &str) -> ApiResult<&'a T> {
    let service = find_zs(db, svc, path)?;
    T::all(db)
        .iter()
        .find(|x| x.service_sid() == service.sid && x.sid() == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

/// The `{svc}` / parent / `{sid}` path segments, as [`find_in`] one level deeper.
fn find_nested<'a, T: InParent>(
    db: &'a Db,
    svc: &str,
    parent: &str,
    sid: &str,
    path: &str,
) -> ApiResult<&'a T> {
    find_in::<T::Parent>(db, svc, parent, path)?;
    T::all(db)
        .iter()
        .find(|x| x.parent_sid() == parent && x.sid() == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_in<T: InService>(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        let all = T::all(db)
            .iter()
            .filter(|x| x.service_sid() == service.sid)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| T::json(&s, db, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, T::KEY, items))
    })?)
}

async fn fetch_in<T: InService>(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| find_in::<T>(db, &svc, &sid, &input.path).map(|x| T::json(&s, db, x)))?)
}

async fn remove_in<T: InService>(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    s.write(|db| {
        find_in::<T>(db, &svc, &sid, &input.path)?;
        T::remove(db, &sid);
        Ok(())
    })?;
    deleted()
}

async fn list_nested<T: InParent>(
    State(s): St,
    Path((svc, parent)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find_in::<T::Parent>(db, &svc, &parent, &input.path)?;
        let all = T::all(db)
            .iter()
            .filter(|x| x.parent_sid() == parent)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| T::json(&s, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, T::KEY, items))
    })?)
}

async fn fetch_nested<T: InParent>(
    State(s): St,
    Path((svc, parent, sid)): Path<(String, String, String)>,
    input: Input,
) -> ApiResult {
    ok(
        s.read(|db| {
            find_nested::<T>(db, &svc, &parent, &sid, &input.path).map(|x| T::json(&s, x))
        })?,
    )
}

/// Letters, digits and `-` (the unique name becomes part of a domain name).
fn check_label(field: &str, v: &str, max: usize) -> ApiResult<()> {
    let n = v.chars().count();
    if n > max {
        return Err(ApiError::invalid(format!(
            "Invalid value for {field}: {n} characters, at most {max} allowed"
        )));
    }
    let ok = !v.starts_with('-')
        && !v.ends_with('-')
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !ok {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: only letters, digits and '-' (not first or last) are allowed, because it becomes part of a domain name"
        )));
    }
    Ok(())
}

// ---- services -------------------------------------------------------------------------------

fn zs_url(s: &Shared, sid: &str) -> String {
    format!("{}/v1/Services/{sid}", s.base_url)
}

fn zs_json(s: &Shared, x: &Service) -> Value {
    let url = zs_url(s, &x.sid);
    json!({
        "sid": x.sid,
        "account_sid": s.account_sid,
        "friendly_name": x.friendly_name,
        "unique_name": x.unique_name,
        "include_credentials": x.include_credentials,
        "ui_editable": x.ui_editable,
        "domain_base": x.domain_base,
        "date_created": d1(x.meta.created),
        "date_updated": d1(x.meta.updated),
        "url": url,
        "links": {
            "environments": format!("{url}/Environments"),
            "functions": format!("{url}/Functions"),
            "assets": format!("{url}/Assets"),
            "builds": format!("{url}/Builds"),
        },
    })
}

/// The `{ServiceSid}` segment: the SID or the unique name.
fn find_zs<'a>(db: &'a Db, seg: &str, path: &str) -> ApiResult<&'a Service> {
    db.services
        .iter()
        .find(|x| x.sid == seg || (!is_sid(seg, "ZS") && x.unique_name == seg))
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_zs(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.services.iter().collect(), &req);
        let items = page.items.iter().map(|x| zs_json(&s, x)).collect();
        page.v1(&s.base_url, &input.path, "services", items)
    }))
}

async fn create_zs(State(s): St, input: Input) -> ApiResult {
    let p = &input.form;
    let unique = p.require("UniqueName")?.to_string();
    check_label("UniqueName", &unique, SERVICE_UNIQUE_MAX)?;
    let friendly = p.require_name("FriendlyName", NAME_255)?;
    let include = p.opt_bool("IncludeCredentials")?.unwrap_or(true);
    let editable = p.opt_bool("UiEditable")?.unwrap_or(false);
    created(s.write(|db| {
        if db
            .services
            .iter()
            .any(|x| x.unique_name.eq_ignore_ascii_case(&unique))
        {
            return Err(ApiError::conflict(format!(
                "Service with UniqueName '{unique}' already exists"
            )));
        }
        let x = Service {
            sid: new_sid("ZS"),
            meta: db.meta(),
            domain_base: format!(
                "{}-{}",
                unique.to_ascii_lowercase(),
                1000 + rand::random::<u16>() % 9000
            ),
            unique_name: unique,
            friendly_name: friendly,
            include_credentials: include,
            ui_editable: editable,
        };
        db.services.push(x.clone());
        Ok(zs_json(&s, &x))
    })?)
}

async fn fetch_zs(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    ok(s.read(|db| find_zs(db, &svc, &input.path).map(|x| zs_json(&s, x)))?)
}

async fn update_zs(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let p = &input.form;
    let friendly = p.opt_name("FriendlyName", NAME_255)?;
    let include = p.opt_bool("IncludeCredentials")?;
    let editable = p.opt_bool("UiEditable")?;
    ok(s.write(|db| {
        let sid = find_zs(db, &svc, &input.path)?.sid.clone();
        let x = db
            .services
            .iter_mut()
            .find(|x| x.sid == sid)
            .expect("found above");
        super::set(&mut x.friendly_name, friendly);
        super::set(&mut x.include_credentials, include);
        super::set(&mut x.ui_editable, editable);
        x.meta.updated = crate::clock::now_secs();
        Ok(zs_json(&s, x))
    })?)
}

/// Deleting a service deletes everything in it.
async fn remove_zs(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    s.write(|db| {
        let sid = find_zs(db, &svc, &input.path)?.sid.clone();
        db.services.retain(|x| x.sid != sid);
        db.environments.retain(|x| x.service_sid != sid);
        db.functions.retain(|x| x.service_sid != sid);
        db.function_versions.retain(|x| x.service_sid != sid);
        db.builds.retain(|x| x.service_sid != sid);
        db.deployments.retain(|x| x.service_sid != sid);
        Ok(())
    })?;
    deleted()
}
