//! What the router's plan depends on: the Serverless service (by unique name), its
//! `production` environment, the router Function, and a digest of the code deployed there.

use futures::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use switchboard_twilio::{Client, Error};

use super::step_router::{ROUTER_ENV, ROUTER_FUNCTION};
use crate::router::{ROUTER_PATH, RouterSpec};

/// The router's environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouterEnv {
    pub sid: String,
    pub domain_name: String,
    pub build_sid: Option<String>,
}

/// The router's resources on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouterLive {
    /// The account (Studio flow URLs in the generated code name it).
    pub account_sid: String,
    pub service: Option<String>,
    pub environment: Option<RouterEnv>,
    pub function: Option<String>,
    /// SHA-256 of the router code the environment runs.
    pub deployed_code: Option<String>,
}

pub(crate) fn digest(code: &str) -> String {
    Sha256::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the router's resources when the spec has a router.
pub(crate) async fn read(
    client: &Client,
    spec: Option<&RouterSpec>,
) -> Result<Option<RouterLive>, Error> {
    let Some(r) = spec else {
        return Ok(None);
    };
    let mut live = RouterLive {
        account_sid: client.account_sid().to_string(),
        service: None,
        environment: None,
        function: None,
        deployed_code: None,
    };
    let service = match client.fetch_service_named(&r.service_name).await {
        Ok(s) => s,
        Err(e) if e.is_not_found() => return Ok(Some(live)),
        Err(e) => return Err(e),
    };
    let (envs, funs) = tokio::try_join!(
        client
            .list_environments(&service.sid)
            .try_collect::<Vec<_>>(),
        client.list_functions(&service.sid).try_collect::<Vec<_>>(),
    )?;
    live.service = Some(service.sid.to_string());
    let env = envs
        .into_iter()
        .find(|e| e.unique_name.as_deref() == Some(ROUTER_ENV));
    let fun = funs
        .into_iter()
        .find(|f| f.friendly_name.as_deref() == Some(ROUTER_FUNCTION));
    live.function = fun.as_ref().map(|f| f.sid.to_string());
    if let Some(e) = &env {
        live.environment = Some(RouterEnv {
            sid: e.sid.to_string(),
            domain_name: e.domain_name.clone().unwrap_or_default(),
            build_sid: e.build_sid.as_ref().map(|b| b.to_string()),
        });
    }
    if let (Some(e), Some(f)) = (&env, &fun)
        && let Some(build) = &e.build_sid
    {
        let b = client.fetch_build(&service.sid, build).await?;
        let version = b.function_versions.iter().find(|v| match &v.function_sid {
            Some(fs) => fs == &f.sid,
            None => v.path.as_deref() == Some(ROUTER_PATH),
        });
        if let Some(v) = version {
            let fsid = match &v.function_sid {
                Some(s) => s.clone(),
                None => f.sid.clone(),
            };
            let c = client
                .fetch_function_version_content(&service.sid, &fsid, &v.sid)
                .await?;
            live.deployed_code = c.content.as_deref().map(digest);
        }
    }
    Ok(Some(live))
}
