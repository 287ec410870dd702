//! A stand-in for Bolna's SIP trunk API, so "Register on Bolna" can be tested and demonstrated
//! without a Bolna account. It runs as its own small server on `127.0.0.1` (a separate port
//! from the Twilio sandbox, because Bolna is a separate host with Bearer auth, not Basic auth)
//! and serves the legacy SIP trunk endpoints Switchboard calls:
//!
//! - `GET /sip-trunks/trunks`, `POST /sip-trunks/trunks` (201)
//! - `GET /sip-trunks/trunks/{id}/numbers`, `POST /sip-trunks/trunks/{id}/numbers` (201)
//!
//! Rules (from Bolna's OpenAPI, see `shared/docs/interop-facts.md` §5.3): `Authorization:
//! Bearer <key>` or 401; trunk `name` required and unique per account (409); `provider`,
//! `auth_type`, `transport` and `media_encryption` enums; `userpass` needs `auth_username` and
//! `auth_password`; `ip-based` needs `ip_identifiers` of IPv4 addresses or CIDRs; at least one
//! gateway with a port 1–65535; `sdes` needs `transport-tls`; a number must be digits with an
//! optional `+`, E.164 when `e164_check_enabled`, and unique on its trunk (409). Errors are
//! 4xx JSON `{"message": "..."}`. Passwords are stored but never returned.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let bolna = switchboard_sandbox::bolna::BolnaStandIn::start("test-key").await?;
//! println!("{}", bolna.base_url()); // http://127.0.0.1:PORT
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

#[derive(Default)]
struct Db {
    trunks: Vec<Value>,
    /// (trunk id, number object)
    numbers: Vec<(String, Value)>,
    /// (trunk id, password): kept apart so no listing can return it.
    passwords: Vec<(String, String)>,
    next: u64,
}

struct Shared {
    key: String,
    db: Mutex<Db>,
}

/// A running Bolna stand-in. Stops when dropped.
pub struct BolnaStandIn {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for BolnaStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl BolnaStandIn {
    /// Serves on a free port of 127.0.0.1, accepting `api_key` as the Bearer token.
    pub async fn start(api_key: &str) -> std::io::Result<BolnaStandIn> {
        Self::start_on(0, api_key).await
    }

    /// Serves on `127.0.0.1:port` (0 = any free port).
    pub async fn start_on(port: u16, api_key: &str) -> std::io::Result<BolnaStandIn> {
        let shared = Arc::new(Shared {
            key: api_key.to_string(),
            db: Mutex::new(Db::default()),
        });
        let app = Router::new()
            .route("/sip-trunks/trunks", get(list_trunks).post(create_trunk))
            .route(
                "/sip-trunks/trunks/{id}/numbers",
                get(list_numbers).post(add_number),
            )
            .fallback(|| async { err(StatusCode::NOT_FOUND, "no such endpoint".into()) })
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(BolnaStandIn { addr, shared, task })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Trunks with their numbers, as stored (no passwords).
    pub fn state(&self) -> Value {
        let db = self.shared.db.lock().expect("bolna state");
        let trunks: Vec<Value> = db
            .trunks
            .iter()
            .map(|t| {
                let mut t = t.clone();
                let id = t["id"].as_str().unwrap_or_default().to_string();
                t["numbers"] = db
                    .numbers
                    .iter()
                    .filter(|(tid, _)| *tid == id)
                    .map(|(_, n)| n.clone())
                    .collect();
                t
            })
            .collect();
        json!({ "trunks": trunks })
    }

    /// Whether the trunk named `name` stored exactly `password` (for tests; never exposed).
    pub fn password_matches(&self, name: &str, password: &str) -> bool {
        let db = self.shared.db.lock().expect("bolna state");
        let Some(id) = db
            .trunks
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["id"].as_str())
        else {
            return false;
        };
        db.passwords.iter().any(|(t, p)| t == id && p == password)
    }
}

fn err(status: StatusCode, message: String) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}

fn authorised(s: &Shared, h: &HeaderMap) -> Result<(), Box<Response>> {
    let ok = h
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|k| k == s.key);
    if ok {
        Ok(())
    } else {
        Err(Box::new(err(
            StatusCode::UNAUTHORIZED,
            "missing or invalid API key".into(),
        )))
    }
}

async fn list_trunks(State(s): State<Arc<Shared>>, h: HeaderMap) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    let db = s.db.lock().expect("bolna state");
    Json(Value::Array(db.trunks.clone())).into_response()
}

fn is_ip_or_cidr(s: &str) -> bool {
    let (ip, len) = match s.split_once('/') {
        Some((ip, len)) => (ip, Some(len)),
        None => (s, None),
    };
    ip.parse::<std::net::Ipv4Addr>().is_ok()
        && len.is_none_or(|l| l.parse::<u8>().is_ok_and(|l| l <= 32))
}

fn check_trunk(b: &Value) -> Result<(), String> {
    let str_of = |k: &str| b[k].as_str().unwrap_or_default();
    if str_of("name").is_empty() {
        return Err("name is required".into());
    }
    let one_of = |k: &str, allowed: &[&str], default: &str| {
        let v = b[k].as_str().unwrap_or(default);
        if allowed.contains(&v) {
            Ok(v.to_string())
        } else {
            Err(format!("{k} `{v}` must be one of {}", allowed.join(", ")))
        }
    };
    one_of(
        "provider",
        &["twilio", "plivo", "zadarma", "telnyx", "vonage", "custom"],
        "",
    )?;
    let auth = one_of("auth_type", &["userpass", "ip-based"], "")?;
    let transport = one_of(
        "transport",
        &["transport-udp", "transport-tcp", "transport-tls"],
        "transport-udp",
    )?;
    let media = one_of("media_encryption", &["no", "sdes"], "no")?;
    if media == "sdes" && transport != "transport-tls" {
        return Err("media_encryption `sdes` requires transport `transport-tls`".into());
    }
    if auth == "userpass"
        && (str_of("auth_username").is_empty() || str_of("auth_password").is_empty())
    {
        return Err("auth_type userpass requires auth_username and auth_password".into());
    }
    if auth == "ip-based" {
        let ips = b["ip_identifiers"].as_array().cloned().unwrap_or_default();
        if ips.is_empty() {
            return Err("auth_type ip-based requires at least one ip_identifiers entry".into());
        }
        for i in ips {
            let a = i["ip_address"].as_str().unwrap_or_default();
            if !is_ip_or_cidr(a) {
                return Err(format!(
                    "ip_identifiers: `{a}` is not an IPv4 address or CIDR"
                ));
            }
        }
    }
    let gws = b["gateways"].as_array().cloned().unwrap_or_default();
    if gws.is_empty() {
        return Err("at least one gateway is required".into());
    }
    for g in gws {
        if g["gateway_address"].as_str().unwrap_or_default().is_empty() {
            return Err("gateways: gateway_address is required".into());
        }
        let port = g["port"].as_u64().unwrap_or(5060);
        if !(1..=65535).contains(&port) {
            return Err(format!("gateways: port {port} must be from 1 to 65535"));
        }
    }
    Ok(())
}

async fn create_trunk(
    State(s): State<Arc<Shared>>,
    h: HeaderMap,
    body: Option<Json<Value>>,
) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    let Some(Json(mut b)) = body else {
        return err(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body must be JSON".into(),
        );
    };
    if let Err(m) = check_trunk(&b) {
        return err(StatusCode::UNPROCESSABLE_ENTITY, m);
    }
    let mut db = s.db.lock().expect("bolna state");
    if db.trunks.iter().any(|t| t["name"] == b["name"]) {
        return err(
            StatusCode::CONFLICT,
            format!("a trunk named {} already exists", b["name"]),
        );
    }
    db.next += 1;
    let id = format!("trunk-{:04}", db.next);
    if let Some(p) = b.as_object_mut().and_then(|o| o.remove("auth_password")) {
        db.passwords
            .push((id.clone(), p.as_str().unwrap_or_default().to_string()));
    }
    b["id"] = id.clone().into();
    b["is_active"] = true.into();
    db.trunks.push(b.clone());
    (StatusCode::CREATED, Json(b)).into_response()
}

async fn list_numbers(
    State(s): State<Arc<Shared>>,
    h: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    let db = s.db.lock().expect("bolna state");
    if !db.trunks.iter().any(|t| t["id"] == id.as_str()) {
        return err(StatusCode::NOT_FOUND, format!("no trunk {id}"));
    }
    let list: Vec<Value> = db
        .numbers
        .iter()
        .filter(|(t, _)| *t == id)
        .map(|(_, n)| n.clone())
        .collect();
    Json(Value::Array(list)).into_response()
}

async fn add_number(
    State(s): State<Arc<Shared>>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Option<Json<Value>>,
) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    let Some(Json(mut b)) = body else {
        return err(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body must be JSON".into(),
        );
    };
    let n = b["phone_number"].as_str().unwrap_or_default().to_string();
    let digits = n.strip_prefix('+').unwrap_or(&n);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return err(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("phone_number `{n}` must be digits with an optional +"),
        );
    }
    let e164 = n.starts_with('+') && (7..=15).contains(&digits.len()) && !digits.starts_with('0');
    if b["e164_check_enabled"].as_bool() == Some(true) && !e164 {
        return err(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("phone_number `{n}` is not E.164 (^\\+[1-9]\\d{{6,14}}$)"),
        );
    }
    let mut db = s.db.lock().expect("bolna state");
    if !db.trunks.iter().any(|t| t["id"] == id.as_str()) {
        return err(StatusCode::NOT_FOUND, format!("no trunk {id}"));
    }
    if db
        .numbers
        .iter()
        .any(|(t, x)| *t == id && x["phone_number"] == n.as_str())
    {
        return err(
            StatusCode::CONFLICT,
            format!("{n} is already on trunk {id}"),
        );
    }
    db.next += 1;
    b["id"] = format!("number-{:04}", db.next).into();
    db.numbers.push((id, b.clone()));
    (StatusCode::CREATED, Json(b)).into_response()
}
