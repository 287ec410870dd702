//! Builds: a set of Function Versions (and npm dependencies) for a runtime, `building` for
//! [`BUILD_MS`], then `completed` and deployable.

use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::{InService, find_in, find_zs, zs_url};
use crate::clock::now_ms;
use crate::error::{ApiError, ApiResult};
use crate::model::{Build, Db};
use crate::params::{Input, Params, is_sid};
use crate::routes::{St, created, d1, ok};
use crate::state::{Shared, new_sid};

/// A build is `building` for this long, then `completed`.
pub const BUILD_MS: i64 = 1200;
/// Runtimes a build accepts (the response enum of the spec).
const RUNTIMES: &[&str] = &[
    "node8", "node10", "node12", "node14", "node16", "node18", "node20", "node22",
];
/// The runtime of a build created without `Runtime`.
const DEFAULT_RUNTIME: &str = "node22";

pub(super) fn build_status(b: &Build) -> &'static str {
    if now_ms() - b.created_ms < BUILD_MS {
        "building"
    } else {
        "completed"
    }
}

fn zb_url(s: &Shared, service: &str, sid: &str) -> String {
    format!("{}/Builds/{sid}", zs_url(s, service))
}

impl InService for Build {
    const KEY: &'static str = "builds";

    fn all(db: &Db) -> &[Self] {
        &db.builds
    }

    fn service_sid(&self) -> &str {
        &self.service_sid
    }

    fn sid(&self) -> &str {
        &self.sid
    }

    fn json(s: &Shared, db: &Db, b: &Self) -> Value {
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

    /// An environment that runs it is left with no build.
    fn remove(db: &mut Db, sid: &str) {
        db.builds.retain(|x| x.sid != sid);
        for e in db
            .environments
            .iter_mut()
            .filter(|e| e.build_sid.as_deref() == Some(sid))
        {
            e.build_sid = None;
        }
    }
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

pub(super) async fn create_zb(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
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
        Ok(Build::json(&s, db, &b))
    })?)
}

pub(super) async fn status_zb(
    State(s): St,
    Path((svc, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    ok(s.read(|db| {
        find_in::<Build>(db, &svc, &sid, &input.path).map(|b| {
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
