//! Environments (each with its own `<service>-<suffix>.twil.io` domain) and their Deployments
//! (which set the Environment's `build_sid`: what its domain runs).

use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::builds::build_status;
use super::{InParent, InService, check_label, find_in, find_zs, zs_url};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, Deployment, Environment};
use crate::params::Input;
use crate::routes::{St, created, d1};
use crate::state::{Shared, new_sid};

/// Longest environment unique name.
const ENV_UNIQUE_MAX: usize = 100;
/// Longest environment domain suffix.
const SUFFIX_MAX: usize = 16;

impl InService for Environment {
    const KEY: &'static str = "environments";

    fn all(db: &Db) -> &[Self] {
        &db.environments
    }

    fn service_sid(&self) -> &str {
        &self.service_sid
    }

    fn sid(&self) -> &str {
        &self.sid
    }

    fn json(s: &Shared, _: &Db, x: &Self) -> Value {
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

    /// Its deployments go with it.
    fn remove(db: &mut Db, sid: &str) {
        db.environments.retain(|x| x.sid != sid);
        db.deployments.retain(|x| x.environment_sid != sid);
    }
}

impl InParent for Deployment {
    type Parent = Environment;
    const KEY: &'static str = "deployments";

    fn all(db: &Db) -> &[Self] {
        &db.deployments
    }

    fn parent_sid(&self) -> &str {
        &self.environment_sid
    }

    fn sid(&self) -> &str {
        &self.sid
    }

    fn json(s: &Shared, d: &Self) -> Value {
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
}

pub(super) async fn create_ze(State(s): St, Path(svc): Path<String>, input: Input) -> ApiResult {
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
        Ok(Environment::json(&s, db, &x))
    })?)
}

/// Deploys a completed build of the same Service to the environment.
pub(super) async fn create_zd(
    State(s): St,
    Path((svc, env)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    let build = input.form.require_sid("BuildSid", "ZB")?;
    input.form.opt_bool("IsPlugin")?;
    created(s.write(|db| {
        let service = find_in::<Environment>(db, &svc, &env, &input.path)?
            .service_sid
            .clone();
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
        Ok(Deployment::json(&s, &d))
    })?)
}
