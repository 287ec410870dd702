//! Functions and their Versions: the code, uploaded as `multipart/form-data` (to
//! `serverless-upload.twilio.com` on Twilio, to the same port here) with its path and
//! visibility, and kept, because the sandbox runs deployed Functions with Node.js.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::{InParent, InService, find_in, find_nested, find_zs, zs_url};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, Function, FunctionVersion};
use crate::params::Input;
use crate::routes::{St, created, d1, ok};
use crate::rules::NAME_255;
use crate::state::{Shared, new_sid};

fn zh_url(s: &Shared, service: &str, sid: &str) -> String {
    format!("{}/Functions/{sid}", zs_url(s, service))
}

impl InService for Function {
    const KEY: &'static str = "functions";

    fn all(db: &Db) -> &[Self] {
        &db.functions
    }

    fn service_sid(&self) -> &str {
        &self.service_sid
    }

    fn sid(&self) -> &str {
        &self.sid
    }

    fn json(s: &Shared, _: &Db, x: &Self) -> Value {
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

    /// Its versions go with it.
    fn remove(db: &mut Db, sid: &str) {
        db.functions.retain(|x| x.sid != sid);
        db.function_versions.retain(|x| x.function_sid != sid);
    }
}

impl InParent for FunctionVersion {
    type Parent = Function;
    const KEY: &'static str = "function_versions";

    fn all(db: &Db) -> &[Self] {
        &db.function_versions
    }

    fn parent_sid(&self) -> &str {
        &self.function_sid
    }

    fn sid(&self) -> &str {
        &self.sid
    }

    fn json(s: &Shared, x: &Self) -> Value {
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
}

pub(super) async fn create_zh(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
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
        Ok(Function::json(&s, db, &x))
    })?)
}

pub(super) async fn update_zh(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let friendly = input.form.require_name("FriendlyName", NAME_255)?;
    ok(s.write(|db| {
        find_in::<Function>(db, &svc, &sid, &input.path)?;
        let x = db
            .functions
            .iter_mut()
            .find(|x| x.sid == sid)
            .expect("found above");
        x.friendly_name = friendly;
        x.meta.updated = crate::clock::now_secs();
        let x = x.clone();
        Ok(Function::json(&s, db, &x))
    })?)
}

pub(super) async fn content_zn(
    State(s): St,
    Path((svc, fun, sid)): Path<(String, String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        find_nested::<FunctionVersion>(db, &svc, &fun, &sid, &input.path).map(|x| {
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

/// A multipart part's value as text, when the part is there.
fn part_text(parts: &[crate::multipart::Part], name: &str) -> Option<String> {
    parts
        .iter()
        .find(|p| p.name == name)
        .map(|p| String::from_utf8_lossy(&p.value).into_owned())
}

/// The upload (`serverless-upload.twilio.com` on Twilio): `multipart/form-data` with the parts
/// `Content` (the code), `Path` and `Visibility`.
pub(super) async fn upload_zn(
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
    let content = parts
        .iter()
        .find(|p| p.name == "Content")
        .ok_or_else(|| ApiError::missing("Content"))?
        .value
        .clone();
    let content = String::from_utf8(content)
        .map_err(|_| ApiError::invalid("Invalid value for Content: the code must be UTF-8 text"))?;
    let raw_path = part_text(&parts, "Path")
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
    let visibility = part_text(&parts, "Visibility")
        .map(|v| v.to_ascii_lowercase())
        .ok_or_else(|| ApiError::missing("Visibility"))?;
    if !["public", "protected", "private"].contains(&visibility.as_str()) {
        return Err(ApiError::invalid(format!(
            "Invalid value '{visibility}' for Visibility: must be public, protected or private"
        )));
    }
    created(s.write(|db| {
        let service = find_in::<Function>(db, &svc, &fun, &path)?
            .service_sid
            .clone();
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
        Ok(FunctionVersion::json(&s, &x))
    })?)
}
