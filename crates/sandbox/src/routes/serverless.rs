//! Serverless v1: Services, Environments, Functions, Function Versions (uploaded as
//! `multipart/form-data` — on Twilio to `serverless-upload.twilio.com`, here to the same port),
//! Builds (`building`, then `completed` after [`BUILD_MS`]) and Deployments (which set the
//! Environment's `build_sid`). Deployed Functions are run by [`super::functions`].

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, created, d1, deleted, ok};
use crate::clock::now_ms;
use crate::error::{ApiError, ApiResult};
use crate::model::{Build, Db, Deployment, Environment, Function, FunctionVersion, Service};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, is_sid};
use crate::rules::NAME_255;
use crate::state::{Shared, new_sid};

/// A build is `building` for this long, then `completed`.
pub const BUILD_MS: i64 = 1200;
/// Longest service unique name.
const SERVICE_UNIQUE_MAX: usize = 50;
/// Longest environment unique name.
const ENV_UNIQUE_MAX: usize = 100;
/// Longest environment domain suffix.
const SUFFIX_MAX: usize = 16;
/// Runtimes a build accepts (the response enum of the spec).
const RUNTIMES: &[&str] = &[
    "node8", "node10", "node12", "node14", "node16", "node18", "node20", "node22",
];
/// The runtime of a build created without `Runtime`.
const DEFAULT_RUNTIME: &str = "node22";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/v1/Services", get(list_zs).post(create_zs))
        .route(
            "/v1/Services/{svc}",
            get(fetch_zs).post(update_zs).delete(remove_zs),
        )
        .route(
            "/v1/Services/{svc}/Environments",
            get(list_ze).post(create_ze),
        )
        .route(
            "/v1/Services/{svc}/Environments/{sid}",
            get(fetch_ze).delete(remove_ze),
        )
        .route(
            "/v1/Services/{svc}/Environments/{env}/Deployments",
            get(list_zd).post(create_zd),
        )
        .route(
            "/v1/Services/{svc}/Environments/{env}/Deployments/{sid}",
            get(fetch_zd),
        )
        .route("/v1/Services/{svc}/Functions", get(list_zh).post(create_zh))
        .route(
            "/v1/Services/{svc}/Functions/{sid}",
            get(fetch_zh).post(update_zh).delete(remove_zh),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions",
            get(list_zn).post(upload_zn),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions/{sid}",
            get(fetch_zn),
        )
        .route(
            "/v1/Services/{svc}/Functions/{fun}/Versions/{sid}/Content",
            get(content_zn),
        )
        .route("/v1/Services/{svc}/Builds", get(list_zb).post(create_zb))
        .route(
            "/v1/Services/{svc}/Builds/{sid}",
            get(fetch_zb).delete(remove_zb),
        )
        .route("/v1/Services/{svc}/Builds/{sid}/Status", get(status_zb))
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

// ---- environments ---------------------------------------------------------------------------

fn ze_json(s: &Shared, x: &Environment) -> Value {
    let url = format!("{}/Environments/{}", zs_url(s, &x.service_sid), x.sid);
    json!({
        "sid": x.sid,
        "account_sid": s.account_sid,
        "service_sid": x.service_sid,
        "build_sid": x.build_sid,
        "unique_name": x.unique_name,
        "domain_suffix": x.domain_suffix,
        "domain_name": x.domain_name,
        "date_created": d1(x.meta.created),
        "date_updated": d1(x.meta.updated),
        "url": url,
        "links": {
            "variables": format!("{url}/Variables"),
            "deployments": format!("{url}/Deployments"),
            "logs": format!("{url}/Logs"),
        },
    })
}

fn find_ze<'a>(db: &'a Db, service: &str, sid: &str, path: &str) -> ApiResult<&'a Environment> {
    db.environments
        .iter()
        .find(|x| x.service_sid == service && x.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_ze(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        let all = db
            .environments
            .iter()
            .filter(|x| x.service_sid == service.sid)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| ze_json(&s, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, "environments", items))
    })?)
}

async fn create_ze(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let p = &input.form;
    let unique = p.require_name("UniqueName", ENV_UNIQUE_MAX)?;
    let suffix = match p.get("DomainSuffix") {
        None | Some("") => None,
        Some(v) => {
            check_label("DomainSuffix", v, SUFFIX_MAX)?;
            Some(v.to_ascii_lowercase())
        }
    };
    created(s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.clone();
        let mine = || {
            db.environments
                .iter()
                .filter(|x| x.service_sid == service.sid)
        };
        if mine().any(|x| x.unique_name == unique) {
            return Err(ApiError::conflict(format!(
                "Environment with UniqueName '{unique}' already exists in this Service"
            )));
        }
        if mine().any(|x| x.domain_suffix == suffix) {
            return Err(ApiError::conflict(format!(
                "An Environment of this Service already uses the domain suffix '{}'",
                suffix.as_deref().unwrap_or("(none)")
            )));
        }
        let domain_name = match &suffix {
            Some(sfx) => format!("{}-{sfx}.twil.io", service.domain_base),
            None => format!("{}.twil.io", service.domain_base),
        };
        let x = Environment {
            sid: new_sid("ZE"),
            service_sid: service.sid.clone(),
            meta: db.meta(),
            unique_name: unique,
            domain_suffix: suffix,
            domain_name,
            build_sid: None,
        };
        db.environments.push(x.clone());
        Ok(ze_json(&s, &x))
    })?)
}

async fn fetch_ze(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        find_ze(db, &service.sid, &sid, &input.path).map(|x| ze_json(&s, x))
    })?)
}

async fn remove_ze(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_ze(db, &service, &sid, &input.path)?;
        db.environments.retain(|x| x.sid != sid);
        db.deployments.retain(|x| x.environment_sid != sid);
        Ok(())
    })?;
    deleted()
}

// ---- functions ------------------------------------------------------------------------------

fn zh_url(s: &Shared, service: &str, sid: &str) -> String {
    format!("{}/Functions/{sid}", zs_url(s, service))
}

fn zh_json(s: &Shared, x: &Function) -> Value {
    let url = zh_url(s, &x.service_sid, &x.sid);
    json!({
        "sid": x.sid,
        "account_sid": s.account_sid,
        "service_sid": x.service_sid,
        "friendly_name": x.friendly_name,
        "date_created": d1(x.meta.created),
        "date_updated": d1(x.meta.updated),
        "url": url,
        "links": {"function_versions": format!("{url}/Versions")},
    })
}

fn find_zh<'a>(db: &'a Db, service: &str, sid: &str, path: &str) -> ApiResult<&'a Function> {
    db.functions
        .iter()
        .find(|x| x.service_sid == service && x.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_zh(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        let all = db
            .functions
            .iter()
            .filter(|x| x.service_sid == service.sid)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| zh_json(&s, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, "functions", items))
    })?)
}

async fn create_zh(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let friendly = input.form.require_name("FriendlyName", NAME_255)?;
    created(s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        if db
            .functions
            .iter()
            .any(|x| x.service_sid == service && x.friendly_name == friendly)
        {
            return Err(ApiError::conflict(format!(
                "Function with FriendlyName '{friendly}' already exists in this Service"
            )));
        }
        let x = Function {
            sid: new_sid("ZH"),
            service_sid: service,
            meta: db.meta(),
            friendly_name: friendly,
        };
        db.functions.push(x.clone());
        Ok(zh_json(&s, &x))
    })?)
}

async fn fetch_zh(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        find_zh(db, &service.sid, &sid, &input.path).map(|x| zh_json(&s, x))
    })?)
}

async fn update_zh(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let friendly = input.form.require_name("FriendlyName", NAME_255)?;
    ok(s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_zh(db, &service, &sid, &input.path)?;
        let x = db
            .functions
            .iter_mut()
            .find(|x| x.sid == sid)
            .expect("found above");
        x.friendly_name = friendly;
        x.meta.updated = crate::clock::now_secs();
        Ok(zh_json(&s, x))
    })?)
}

async fn remove_zh(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_zh(db, &service, &sid, &input.path)?;
        db.functions.retain(|x| x.sid != sid);
        db.function_versions.retain(|x| x.function_sid != sid);
        Ok(())
    })?;
    deleted()
}

// ---- function versions ----------------------------------------------------------------------

fn zn_json(s: &Shared, x: &FunctionVersion) -> Value {
    let url = format!(
        "{}/Versions/{}",
        zh_url(s, &x.service_sid, &x.function_sid),
        x.sid
    );
    json!({
        "sid": x.sid,
        "account_sid": s.account_sid,
        "service_sid": x.service_sid,
        "function_sid": x.function_sid,
        "path": x.path,
        "visibility": x.visibility,
        "date_created": d1(x.meta.created),
        "url": url,
        "links": {"function_version_content": format!("{url}/Content")},
    })
}

async fn list_zn(
    State(s): St,
    Path((svc, fun)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_zh(db, &service, &fun, &input.path)?;
        let all = db
            .function_versions
            .iter()
            .filter(|x| x.function_sid == fun)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| zn_json(&s, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, "function_versions", items))
    })?)
}

fn find_zn<'a>(
    db: &'a Db,
    svc: &str,
    fun: &str,
    sid: &str,
    path: &str,
) -> ApiResult<&'a FunctionVersion> {
    let service = find_zs(db, svc, path)?.sid.clone();
    find_zh(db, &service, fun, path)?;
    db.function_versions
        .iter()
        .find(|x| x.function_sid == fun && x.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn fetch_zn(
    State(s): St,
    Path((svc, fun, sid)): Path<(String, String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| find_zn(db, &svc, &fun, &sid, &input.path).map(|x| zn_json(&s, x)))?)
}

async fn content_zn(
    State(s): St,
    Path((svc, fun, sid)): Path<(String, String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        find_zn(db, &svc, &fun, &sid, &input.path).map(|x| {
            json!({
                "sid": x.sid,
                "account_sid": s.account_sid,
                "service_sid": x.service_sid,
                "function_sid": x.function_sid,
                "content": x.content,
                "url": format!("{}/Versions/{}/Content", zh_url(&s, &x.service_sid, &x.function_sid), x.sid),
            })
        })
    })?)
}

/// The upload (`serverless-upload.twilio.com` on Twilio): `multipart/form-data` with the parts
/// `Content` (the code), `Path` and `Visibility`.
async fn upload_zn(
    State(s): St,
    Path((svc, fun)): Path<(String, String)>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> ApiResult {
    let path = uri.path().to_string();
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parts = crate::multipart::parse(ct, &body).map_err(|e| {
        ApiError::invalid(format!(
            "A Function Version is uploaded as multipart/form-data with the parts Content, Path and Visibility: {e}"
        ))
    })?;
    let get = |name: &str| parts.iter().find(|p| p.name == name);
    let content = get("Content")
        .ok_or_else(|| ApiError::missing("Content"))?
        .value
        .clone();
    let content = String::from_utf8(content)
        .map_err(|_| ApiError::invalid("Invalid value for Content: the code must be UTF-8 text"))?;
    let raw_path = get("Path")
        .map(|p| String::from_utf8_lossy(&p.value).into_owned())
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::missing("Path"))?;
    let fn_path = if raw_path.starts_with('/') {
        raw_path
    } else {
        format!("/{raw_path}")
    };
    if fn_path.chars().count() > 255 || fn_path.contains(char::is_whitespace) {
        return Err(ApiError::invalid(format!(
            "Invalid value '{fn_path}' for Path: at most 255 characters and no spaces"
        )));
    }
    let visibility = get("Visibility")
        .map(|p| String::from_utf8_lossy(&p.value).to_ascii_lowercase())
        .ok_or_else(|| ApiError::missing("Visibility"))?;
    if !["public", "protected", "private"].contains(&visibility.as_str()) {
        return Err(ApiError::invalid(format!(
            "Invalid value '{visibility}' for Visibility: must be public, protected or private"
        )));
    }
    created(s.write(|db| {
        let service = find_zs(db, &svc, &path)?.sid.clone();
        find_zh(db, &service, &fun, &path)?;
        let x = FunctionVersion {
            sid: new_sid("ZN"),
            service_sid: service,
            function_sid: fun.clone(),
            meta: db.meta(),
            path: fn_path,
            visibility,
            content,
        };
        db.function_versions.push(x.clone());
        Ok(zn_json(&s, &x))
    })?)
}

// ---- builds ---------------------------------------------------------------------------------

fn build_status(b: &Build) -> &'static str {
    if now_ms() - b.created_ms < BUILD_MS {
        "building"
    } else {
        "completed"
    }
}

fn zb_url(s: &Shared, service: &str, sid: &str) -> String {
    format!("{}/Builds/{sid}", zs_url(s, service))
}

fn zb_json(s: &Shared, db: &Db, b: &Build) -> Value {
    let url = zb_url(s, &b.service_sid, &b.sid);
    let versions: Vec<Value> = b
        .function_versions
        .iter()
        .filter_map(|v| db.function_versions.iter().find(|x| &x.sid == v))
        .map(|v| {
            json!({
                "sid": v.sid,
                "account_sid": s.account_sid,
                "service_sid": v.service_sid,
                "function_sid": v.function_sid,
                "date_created": d1(v.meta.created),
                "path": v.path,
                "visibility": v.visibility.to_ascii_uppercase(),
            })
        })
        .collect();
    let deps: Value = b
        .dependencies
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_else(|| json!([]));
    let updated = if build_status(b) == "completed" {
        (b.created_ms + BUILD_MS) / 1000
    } else {
        b.meta.created
    };
    json!({
        "sid": b.sid,
        "account_sid": s.account_sid,
        "service_sid": b.service_sid,
        "asset_versions": [],
        "function_versions": versions,
        "dependencies": deps,
        "runtime": b.runtime,
        "status": build_status(b),
        "date_created": d1(b.meta.created),
        "date_updated": d1(updated),
        "url": url,
        "links": {"build_status": format!("{url}/Status")},
    })
}

fn find_zb<'a>(db: &'a Db, service: &str, sid: &str, path: &str) -> ApiResult<&'a Build> {
    db.builds
        .iter()
        .find(|x| x.service_sid == service && x.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_zb(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        let all = db
            .builds
            .iter()
            .filter(|x| x.service_sid == service.sid)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| zb_json(&s, db, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, "builds", items))
    })?)
}

fn check_build(
    db: &Db,
    service: &str,
    p: &Params,
) -> ApiResult<(Vec<String>, Option<String>, String)> {
    let versions: Vec<String> = p
        .all("FunctionVersions")
        .iter()
        .map(|v| v.to_string())
        .collect();
    let assets = p.all("AssetVersions");
    if versions.is_empty() && assets.is_empty() {
        return Err(ApiError::invalid(
            "At least one function version or asset version is required: send FunctionVersions",
        ));
    }
    for v in &versions {
        if !is_sid(v, "ZN") {
            return Err(ApiError::invalid(format!(
                "Invalid value '{v}' for FunctionVersions: must be a ZN SID (ZN followed by 32 hex digits)"
            )));
        }
        if !db
            .function_versions
            .iter()
            .any(|x| &x.sid == v && x.service_sid == service)
        {
            return Err(ApiError::invalid(format!(
                "Invalid value '{v}' for FunctionVersions: no such function version in this Service"
            )));
        }
    }
    if let Some(a) = assets.first() {
        return Err(ApiError::invalid(format!(
            "Invalid value '{a}' for AssetVersions: the sandbox has no Assets"
        )));
    }
    let mut paths: Vec<&str> = versions
        .iter()
        .filter_map(|v| db.function_versions.iter().find(|x| &x.sid == v))
        .map(|x| x.path.as_str())
        .collect();
    paths.sort_unstable();
    if let Some(w) = paths.windows(2).find(|w| w[0] == w[1]) {
        return Err(ApiError::invalid(format!(
            "Invalid value for FunctionVersions: two versions have the path {}",
            w[0]
        )));
    }
    let deps = match p.get("Dependencies") {
        None | Some("") => None,
        Some(d) => {
            let ok = serde_json::from_str::<Value>(d).is_ok_and(|v| {
                v.as_array().is_some_and(|a| {
                    a.iter().all(|o| {
                        o.get("name").is_some_and(Value::is_string)
                            && o.get("version").is_some_and(Value::is_string)
                    })
                })
            });
            if !ok {
                return Err(ApiError::invalid(format!(
                    "Invalid value '{d}' for Dependencies: must be a JSON list of {{\"name\", \"version\"}} objects"
                )));
            }
            Some(d.to_string())
        }
    };
    let runtime = p
        .opt_enum("Runtime", RUNTIMES)?
        .unwrap_or_else(|| DEFAULT_RUNTIME.into());
    Ok((versions, deps, runtime))
}

async fn create_zb(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
    created(s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        let (function_versions, dependencies, runtime) = check_build(db, &service, &input.form)?;
        let b = Build {
            sid: new_sid("ZB"),
            service_sid: service,
            meta: db.meta(),
            created_ms: now_ms(),
            function_versions,
            dependencies,
            runtime,
        };
        db.builds.push(b.clone());
        Ok(zb_json(&s, db, &b))
    })?)
}

async fn fetch_zb(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        find_zb(db, &service.sid, &sid, &input.path).map(|b| zb_json(&s, db, b))
    })?)
}

async fn status_zb(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?;
        find_zb(db, &service.sid, &sid, &input.path).map(|b| {
            json!({
                "sid": b.sid,
                "account_sid": s.account_sid,
                "service_sid": b.service_sid,
                "status": build_status(b),
                "url": format!("{}/Status", zb_url(&s, &b.service_sid, &b.sid)),
            })
        })
    })?)
}

/// Deleting a build that an environment runs leaves that environment with no build.
async fn remove_zb(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_zb(db, &service, &sid, &input.path)?;
        db.builds.retain(|x| x.sid != sid);
        for e in db
            .environments
            .iter_mut()
            .filter(|e| e.build_sid.as_deref() == Some(&sid))
        {
            e.build_sid = None;
        }
        Ok(())
    })?;
    deleted()
}

// ---- deployments ----------------------------------------------------------------------------

fn zd_json(s: &Shared, d: &Deployment) -> Value {
    json!({
        "sid": d.sid,
        "account_sid": s.account_sid,
        "service_sid": d.service_sid,
        "environment_sid": d.environment_sid,
        "build_sid": d.build_sid,
        "date_created": d1(d.meta.created),
        "date_updated": d1(d.meta.updated),
        "url": format!(
            "{}/Environments/{}/Deployments/{}",
            zs_url(s, &d.service_sid),
            d.environment_sid,
            d.sid
        ),
    })
}

async fn list_zd(
    State(s): St,
    Path((svc, env)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_ze(db, &service, &env, &input.path)?;
        let all = db
            .deployments
            .iter()
            .filter(|x| x.environment_sid == env)
            .collect();
        let page = select(all, &req);
        let items = page.items.iter().map(|x| zd_json(&s, x)).collect();
        Ok(page.v1(&s.base_url, &input.path, "deployments", items))
    })?)
}

async fn create_zd(
    State(s): St,
    Path((svc, env)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let build = input.form.require_sid("BuildSid", "ZB")?;
    input.form.opt_bool("IsPlugin")?;
    created(s.write(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_ze(db, &service, &env, &input.path)?;
        let b = db
            .builds
            .iter()
            .find(|b| b.sid == build && b.service_sid == service)
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "Invalid value '{build}' for BuildSid: no such build in this Service"
                ))
            })?;
        if build_status(b) != "completed" {
            return Err(ApiError::invalid(format!(
                "Build {build} is still building: deploy it once its status is completed"
            )));
        }
        let d = Deployment {
            sid: new_sid("ZD"),
            service_sid: service,
            environment_sid: env.clone(),
            meta: db.meta(),
            build_sid: build.clone(),
        };
        db.deployments.push(d.clone());
        let now = crate::clock::now_secs();
        if let Some(e) = db.environments.iter_mut().find(|e| e.sid == env) {
            e.build_sid = Some(build.clone());
            e.meta.updated = now;
        }
        Ok(zd_json(&s, &d))
    })?)
}

async fn fetch_zd(
    State(s): St,
    Path((svc, env, sid)): Path<(String, String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        let service = find_zs(db, &svc, &input.path)?.sid.clone();
        find_ze(db, &service, &env, &input.path)?;
        db.deployments
            .iter()
            .find(|d| d.environment_sid == env && d.sid == sid)
            .map(|d| zd_json(&s, d))
            .ok_or_else(|| ApiError::not_found(&input.path))
    })?)
}
