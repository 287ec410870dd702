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

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{any, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::St;
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::state::{Shared, new_sid};

/// How long a Function may run (Twilio's limit is 10 seconds).
pub const FUNCTION_TIMEOUT: Duration = Duration::from_secs(10);
const SHIM: &str = include_str!("../functions_shim.js");
/// Environment variable naming the Node.js command (default `node`).
pub const NODE_ENV_VAR: &str = "SWITCHBOARD_SANDBOX_NODE";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/__sandbox/functions/{domain}/{*path}", any(invoke))
        .route("/__sandbox/inbound", post(inbound))
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

/// What a Function answered.
#[derive(Debug, Clone)]
pub struct FunctionReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl FunctionReply {
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str())
    }
}

/// Runs `code`'s handler under `node` with `event` and `context`.
pub async fn run_function(
    node: &str,
    code: &str,
    context: Value,
    event: Value,
) -> Result<FunctionReply, ApiError> {
    use tokio::io::AsyncWriteExt;

    let dir = std::env::temp_dir().join(format!("switchboard-fn-{:016x}", rand::random::<u64>()));
    let io = |e: std::io::Error| {
        ApiError::new(
            500,
            crate::error::INTERNAL,
            format!("The sandbox could not prepare the Function: {e}"),
        )
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let _cleanup = RemoveOnDrop(dir.clone());
    let shim = dir.join("shim.js");
    let file = dir.join("function.js");
    std::fs::write(&shim, SHIM).map_err(io)?;
    std::fs::write(&file, code).map_err(io)?;
    let input = json!({"file": file, "context": context, "event": event});
    let mut child = match tokio::process::Command::new(node)
        .arg(&shim)
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ApiError::new(
                503,
                crate::error::INTERNAL,
                format!(
                    "The sandbox needs Node.js to run Functions, and `{node}` was not found: install Node.js 18 or newer (or set {NODE_ENV_VAR} to its path) and try again"
                ),
            ));
        }
        Err(e) => {
            return Err(ApiError::new(
                503,
                crate::error::INTERNAL,
                format!("The sandbox could not start Node.js (`{node}`) to run the Function: {e}"),
            ));
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.to_string().as_bytes())
            .await
            .map_err(io)?;
    }
    let output = tokio::time::timeout(FUNCTION_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| {
            ApiError::new(
                504,
                crate::error::INTERNAL,
                format!(
                    "The Function did not answer within {} seconds",
                    FUNCTION_TIMEOUT.as_secs()
                ),
            )
        })?
        .map_err(io)?;
    let logs = String::from_utf8_lossy(&output.stderr);
    if !logs.trim().is_empty() {
        tracing::debug!(logs = %logs.trim(), "sandbox function output");
    }
    let v: Value = serde_json::from_slice(&output.stdout).map_err(|_| {
        ApiError::new(
            500,
            crate::error::INTERNAL,
            format!(
                "The Function crashed (Node.js exit status {}): {}",
                output.status,
                logs.lines().take(5).collect::<Vec<_>>().join(" | ")
            ),
        )
    })?;
    if v.get("ok") != Some(&Value::Bool(true)) {
        let why = v.get("error").and_then(Value::as_str).unwrap_or("unknown");
        return Err(ApiError::new(
            500,
            crate::error::INTERNAL,
            format!("The Function failed: {why}"),
        ));
    }
    let headers = v
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(FunctionReply {
        status: v
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200),
        headers,
        body: v
            .get("body")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    })
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn node_command() -> String {
    std::env::var(NODE_ENV_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "node".into())
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
    run_function(&node_command(), &d.content, context, event).await
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Inbound {
    to: String,
    from: String,
    #[serde(default)]
    via: Option<String>,
}

async fn inbound(State(s): St, body: Bytes) -> ApiResult {
    let req: Inbound = serde_json::from_slice(&body).map_err(|e| {
        ApiError::invalid(format!(
            "Expected {{\"to\": \"+1…\", \"from\": \"+1…\", \"via\": \"BY… | <label>.sip.twilio.com\"}}: {e}"
        ))
    })?;
    let (voice_url, to, from, mut extra) = resolve_inbound(&s, &req)?;
    let call_sid = new_sid("CA");
    let mut params = vec![
        ("AccountSid".to_string(), s.account_sid.clone()),
        ("ApiVersion".into(), "2010-04-01".into()),
        ("CallSid".into(), call_sid.clone()),
        ("CallStatus".into(), "ringing".into()),
        ("Called".into(), to.clone()),
        ("Caller".into(), from.clone()),
        ("Direction".into(), "inbound".into()),
        ("From".into(), from.clone()),
        ("To".into(), to.clone()),
    ];
    params.append(&mut extra);
    let (domain, path) = split_function_url(&voice_url).ok_or_else(|| {
        ApiError::new(
            422,
            crate::error::INVALID_PARAMETER,
            format!(
                "The voice URL {voice_url} is not a Function deployed in this sandbox (https://<domain>.twil.io/<path>): Twilio would fetch it, the sandbox cannot"
            ),
        )
    })?;
    let d = find_deployed(&s, &domain, &path)?;
    let event = event_of(&Params::from_pairs(params.clone()));
    let r = call(&s, &d, event, true).await?;
    let sent: Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    super::ok(json!({
        "call_sid": call_sid,
        "voice_url": voice_url,
        "method": "POST",
        "params": sent,
        "status": r.status,
        "content_type": r.content_type(),
        "body": r.body,
    }))
}

type Resolved = (String, String, String, Vec<(String, String)>);

fn resolve_inbound(s: &Shared, req: &Inbound) -> ApiResult<Resolved> {
    let none = |what: String| {
        ApiError::new(
            422,
            crate::error::INVALID_PARAMETER,
            format!("{what} has no voice URL: there is nothing to call"),
        )
    };
    s.read(|db| match req.via.as_deref() {
        Some(v) if v.starts_with("BY") => {
            let t = db
                .byoc_trunks
                .iter()
                .find(|t| t.sid == v)
                .ok_or_else(|| ApiError::invalid(format!("Invalid value '{v}' for via: no such BYOC trunk on this account")))?;
            let url = t.voice_url.clone().ok_or_else(|| none(format!("BYOC trunk {v}")))?;
            Ok((url, req.to.clone(), req.from.clone(), vec![]))
        }
        Some(v) => {
            // A carrier's signalling address: the SIP domain its IP record is mapped to, and
            // that domain's BYOC trunk when it names one (rule 86).
            let by_ip = if v.parse::<std::net::Ipv4Addr>().is_ok() {
                let sd = super::ip_records::domain_for_source(db, v).ok_or_else(|| {
                    ApiError::invalid(format!("Invalid value '{v}' for via: no IP record mapped to a SIP domain holds this address"))
                })?;
                db.domains.iter().find(|d| d.sid == sd)
            } else {
                None
            };
            if let Some(by) = by_ip.and_then(|d| d.byoc_trunk_sid.as_ref()) {
                let t = db
                    .byoc_trunks
                    .iter()
                    .find(|t| &t.sid == by)
                    .ok_or_else(|| ApiError::invalid(format!("BYOC trunk {by} of the mapped SIP domain is not on this account")))?;
                let url = t.voice_url.clone().ok_or_else(|| none(format!("BYOC trunk {by}")))?;
                return Ok((url, req.to.clone(), req.from.clone(), vec![]));
            }
            let d = match by_ip {
                Some(d) => d,
                None => db
                    .domains
                    .iter()
                    .find(|d| d.domain_name.eq_ignore_ascii_case(v))
                    .ok_or_else(|| ApiError::invalid(format!("Invalid value '{v}' for via: not a BYOC trunk SID, a SIP domain of this account or a mapped carrier address")))?,
            };
            let url = d.voice_url.clone().ok_or_else(|| none(format!("SIP domain {v}")))?;
            let sip = |x: &str| {
                if x.starts_with("sip:") {
                    x.to_string()
                } else {
                    format!("sip:{x}@{}", d.domain_name)
                }
            };
            Ok((
                url,
                sip(&req.to),
                sip(&req.from),
                vec![
                    ("SipDomain".into(), d.domain_name.clone()),
                    ("SipDomainSid".into(), d.sid.clone()),
                ],
            ))
        }
        None => {
            let n = db
                .phone_numbers
                .iter()
                .find(|n| n.phone_number == req.to)
                .ok_or_else(|| ApiError::invalid(format!("Invalid value '{}' for to: not a number on this account (or give via)", req.to)))?;
            if let Some(t) = &n.trunk_sid {
                return Err(ApiError::new(
                    422,
                    crate::error::INVALID_PARAMETER,
                    format!("{} routes to Elastic SIP trunk {t}, which sends SIP, not a webhook", req.to),
                ));
            }
            let url = n.voice_url.clone().ok_or_else(|| none(format!("Number {}", req.to)))?;
            Ok((url, req.to.clone(), req.from.clone(), vec![]))
        }
    })
}

/// `https://<domain>/<path>` → (`domain`, `path`), for `*.twil.io` URLs.
fn split_function_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.split(['?', '#']).next().unwrap_or("");
    host.to_ascii_lowercase()
        .ends_with(".twil.io")
        .then(|| (host.to_ascii_lowercase(), path.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_urls_split_into_domain_and_path() {
        assert_eq!(
            split_function_url("https://router-1234.twil.io/route?x=1"),
            Some(("router-1234.twil.io".into(), "route".into()))
        );
        assert_eq!(split_function_url("https://example.com/voice"), None);
        assert_eq!(split_function_url("http://router-1234.twil.io/route"), None);
    }

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

    #[tokio::test]
    async fn without_node_the_answer_says_so() {
        let err = run_function(
            "/nonexistent/switchboard-node",
            "exports.handler = (c, e, cb) => cb(null, 'x');",
            json!({}),
            json!({}),
        )
        .await
        .unwrap_err();
        assert_eq!(err.status, 503);
        assert!(err.message.contains("needs Node.js"), "{}", err.message);
    }

    #[tokio::test]
    async fn runs_handlers_with_twilio_objects() {
        if std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("node is not installed: skipped");
            return;
        }
        let code = r#"
exports.handler = function (context, event, callback) {
  const t = new Twilio.twiml.VoiceResponse();
  t.dial({ callerId: event.From }).number('+14155550100');
  t.say('bye & <ok>');
  console.log('logged to stderr');
  callback(null, t);
};"#;
        let r = run_function("node", code, json!({}), json!({"From": "+12125550000"}))
            .await
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type(), Some("text/xml"));
        assert_eq!(
            r.body,
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+12125550000"><Number>+14155550100</Number></Dial><Say>bye &amp; &lt;ok&gt;</Say></Response>"#
        );
        let r = run_function(
            "node",
            "exports.handler = (c, e, cb) => { const r = new Twilio.Response(); r.setStatusCode(202); r.appendHeader('Content-Type', 'text/xml'); r.setBody('<Response/>'); cb(null, r); };",
            json!({}),
            json!({}),
        )
        .await
        .unwrap();
        assert_eq!((r.status, r.body.as_str()), (202, "<Response/>"));
        let err = run_function(
            "node",
            "exports.handler = () => { throw new Error('boom'); };",
            json!({}),
            json!({}),
        )
        .await
        .unwrap_err();
        assert!(err.message.contains("boom"), "{}", err.message);
        let err = run_function("node", "exports.nothing = 1;", json!({}), json!({}))
            .await
            .unwrap_err();
        assert!(err.message.contains("exports.handler"), "{}", err.message);
    }
}
