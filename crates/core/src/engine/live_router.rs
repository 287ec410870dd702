//! What the router's plan depends on: the Serverless service (by unique name), its
//! `production` environment, the router Function, and a digest of the code deployed there;
//! for a SIP domain also the account numbers the table names (their voice URLs point at it).

use futures::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use switchboard_twilio::{Client, Error, HttpMethod, NumberFilter};

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
    /// The account numbers among the table's rows (SIP domain only), by number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<RoutedNumber>,
}

/// An account number the table names, as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutedNumber {
    pub sid: String,
    pub phone_number: String,
    pub voice_url: Option<String>,
    pub voice_method: HttpMethod,
    /// An Elastic SIP trunk the number answers through (Twilio then ignores its voice URL).
    pub trunk_sid: Option<String>,
    /// A TwiML app the number answers through (Twilio then ignores its voice URL).
    pub voice_application_sid: Option<String>,
}

/// [`read`], plus the account numbers named by the table's rows (a SIP domain's router: the
/// numbers' voice URLs are pointed at it). One paged pass over the account's numbers.
pub(crate) async fn read_with_numbers(
    client: &Client,
    spec: Option<&RouterSpec>,
) -> Result<Option<RouterLive>, Error> {
    let Some(r) = spec else {
        return Ok(None);
    };
    let wanted: Vec<&str> = r.rows.iter().map(|x| x.number.trim()).collect();
    let numbers = async {
        if wanted.is_empty() {
            return Ok(vec![]);
        }
        let filter = NumberFilter {
            page_size: Some(1000),
            ..NumberFilter::default()
        };
        let all: Vec<_> = client
            .list_incoming_phone_numbers(&filter)
            .try_collect()
            .await?;
        let mut found: Vec<RoutedNumber> = all
            .into_iter()
            .filter(|n| wanted.contains(&n.phone_number.as_str()))
            .map(|n| RoutedNumber {
                sid: n.sid.to_string(),
                phone_number: n.phone_number,
                voice_url: n.voice_url.filter(|u| !u.is_empty()),
                voice_method: n.voice_method.unwrap_or(HttpMethod::Post),
                trunk_sid: n.trunk_sid.map(|t| t.to_string()),
                voice_application_sid: n.voice_application_sid.map(|a| a.to_string()),
            })
            .collect();
        found.sort_by(|a, b| a.phone_number.cmp(&b.phone_number));
        Ok::<_, Error>(found)
    };
    let (live, numbers) = tokio::try_join!(read(client, spec), numbers)?;
    Ok(live.map(|mut l| {
        l.numbers = numbers;
        l
    }))
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
        numbers: vec![],
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
