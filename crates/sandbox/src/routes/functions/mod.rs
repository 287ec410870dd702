//! Running deployed Functions, and simulating an inbound call.
//!
//! `GET`/`POST /__sandbox/functions/<domain_name>/<path>` calls the Function deployed at
//! `https://<domain_name>/<path>` (the Environment's `domain_name` and the Function Version's
//! `path`) with the query / form parameters as its `event`, exactly as Twilio's runtime would:
//! the uploaded JavaScript runs under Node.js (`node`, or the command in
//! `SWITCHBOARD_SANDBOX_NODE`) through a small shim (`functions_shim.js`) that provides
//! `exports.handler(context, event, callback)`, `Twilio.Response` and
//! `Twilio.twiml.VoiceResponse`. Without Node.js the answer is a 503 that says so.
//!
//! `POST /__sandbox/inbound` with `{"to", "from", "via"}` plays Twilio receiving a call: `via`
//! is a BYOC trunk SID (`BY…`), a SIP domain (`<label>.sip.twilio.com`) or absent (the number
//! `to` on the account). The sandbox finds that resource's voice URL, posts the parameters
//! Twilio sends with a voice webhook (`CallSid`, `AccountSid`, `From`, `To`, `Direction`,
//! `CallStatus`, `ApiVersion`, …) to the Function deployed there, and answers with what the
//! Function returned (the TwiML).
//!
//! Three parts: this module finds the Function deployed at a URL and answers the HTTP call
//! (visibility and signature checks included), [`runner`] runs its code under Node.js, and
//! [`inbound`] turns a simulated inbound call into the webhook Twilio would send.

mod inbound;
mod runner;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{any, post};
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::routes::St;
use crate::state::Shared;

pub use runner::{FunctionReply, run_function};

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/__sandbox/functions/{domain}/{*path}", any(invoke))
        .route("/__sandbox/inbound", post(inbound::inbound))
}

/// A deployed Function found by URL.
struct Deployed {
    service_sid: String,
    environment_sid: String,
    domain_name: String,
    path: String,
    visibility: String,
    content: String,
}

fn find_deployed(s: &Shared, domain: &str, path: &str) -> ApiResult<Deployed> {
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    s.read(|db| {
        let env = db
            .environments
            .iter()
            .find(|e| e.domain_name.eq_ignore_ascii_case(domain))
            .ok_or_else(|| {
                ApiError::new(
                    404,
                    crate::error::NOT_FOUND,
                    format!("No Serverless environment of this account is served at {domain}"),
                )
            })?;
        let build = env
            .build_sid
            .as_ref()
            .and_then(|b| db.builds.iter().find(|x| &x.sid == b))
            .ok_or_else(|| {
                ApiError::new(
                    404,
                    crate::error::NOT_FOUND,
                    format!("Nothing is deployed at {domain} yet: create a Deployment with a completed Build"),
                )
            })?;
        let v = build
            .function_versions
            .iter()
            .filter_map(|v| db.function_versions.iter().find(|x| &x.sid == v))
            .find(|v| v.path == path)
            .ok_or_else(|| {
                ApiError::new(
                    404,
                    crate::error::NOT_FOUND,
                    format!("The build deployed at {domain} has no Function at {path}"),
                )
            })?;
        Ok(Deployed {
            service_sid: env.service_sid.clone(),
            environment_sid: env.sid.clone(),
            domain_name: env.domain_name.clone(),
            path,
            visibility: v.visibility.clone(),
            content: v.content.clone(),
        })
    })
}

/// Twilio's request signature (`X-Twilio-Signature`): Base64 of HMAC-SHA1, keyed with the
/// account's auth token, over the full URL followed by every POST parameter's name and value,
/// sorted by name.
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    use base64::Engine;
    use hmac::{Hmac, Mac};
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes any key");
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}
fn event_of(p: &Params) -> Value {
    let mut m = Map::new();
    for (k, v) in p.pairs() {
        m.insert(k.clone(), Value::String(v.clone()));
    }
    m.insert("request".into(), json!({"headers": {}, "cookies": {}}));
    Value::Object(m)
}

async fn call(s: &Shared, d: &Deployed, event: Value, signed: bool) -> ApiResult<FunctionReply> {
    match d.visibility.as_str() {
        "private" => {
            return Err(ApiError::new(
                403,
                crate::error::AUTHENTICATION,
                format!(
                    "The Function at {} is private: only other Functions can call it",
                    d.path
                ),
            ));
        }
        "protected" if !signed => {
            return Err(ApiError::new(
                401,
                crate::error::AUTHENTICATION,
                format!(
                    "The Function at {} is protected: requests need a valid X-Twilio-Signature header (HMAC-SHA1 of the URL and the sorted POST parameters with the auth token, as Twilio's webhooks carry)",
                    d.path
                ),
            ));
        }
        _ => {}
    }
    let context = json!({
        "ACCOUNT_SID": s.account_sid,
        "DOMAIN_NAME": d.domain_name,
        "PATH": d.path,
        "SERVICE_SID": d.service_sid,
        "ENVIRONMENT_SID": d.environment_sid,
    });
    run_function(&runner::node_command(), &d.content, context, event).await
}

fn reply(r: FunctionReply) -> ApiResult {
    let mut resp = (
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK),
        r.body,
    )
        .into_response();
    for (k, v) in &r.headers {
        if let (Ok(k), Ok(v)) = (
            header::HeaderName::from_bytes(k.as_bytes()),
            header::HeaderValue::from_str(v),
        ) {
            resp.headers_mut().insert(k, v);
        }
    }
    Ok(resp)
}

async fn invoke(
    State(s): St,
    Path((domain, path)): Path<(String, String)>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: Bytes,
) -> ApiResult {
    let d = find_deployed(&s, &domain, &path)?;
    let mut params = Params::parse(uri.query().unwrap_or(""));
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if is_form {
        params.extend(Params::parse(&String::from_utf8_lossy(&body)));
    }
    let form: Vec<(String, String)> = if is_form {
        Params::parse(&String::from_utf8_lossy(&body))
            .pairs()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    } else {
        vec![]
    };
    let url = match uri.query() {
        Some(q) => format!("https://{}{}?{q}", d.domain_name, d.path),
        None => format!("https://{}{}", d.domain_name, d.path),
    };
    let want = twilio_signature(s.auth_token(), &url, &form);
    let signed = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| crate::state::ct_eq(v.as_bytes(), want.as_bytes()));
    reply(call(&s, &d, event_of(&params), signed).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_twilios_documented_example() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        let params = [
            p("CallSid", "CA1234567890ABCDE"),
            p("Caller", "+12349013030"),
            p("Digits", "1234"),
            p("From", "+12349013030"),
            p("To", "+18005551212"),
        ];
        assert_eq!(
            twilio_signature(
                "12345",
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                &params
            ),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
    }
}
