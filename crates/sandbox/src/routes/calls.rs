//! Calls (v2010): the wizard's test call. A call's status is computed from the time elapsed
//! since it was created: queued, then ringing, in-progress, and completed after
//! [`COMPLETED_MS`], so a client polling it sees Twilio's progression in a few seconds.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, api_prefix, check_account, created, d2010, ok};
use crate::clock::now_ms;
use crate::error::{ApiError, ApiResult};
use crate::model::{Call, Db};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::state::{Shared, new_sid};

/// Ringing starts this long after creation.
pub const RINGING_MS: i64 = 500;
/// Answered this long after creation.
pub const ANSWERED_MS: i64 = 1500;
/// Completed this long after creation.
pub const COMPLETED_MS: i64 = 3000;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/Calls.json",
            get(list).post(create),
        )
        .route("/2010-04-01/Accounts/{account}/Calls/{sid}", get(fetch))
}

/// `(415) 867-5309` for North American numbers, the number itself otherwise.
fn formatted(n: &str) -> String {
    match n.strip_prefix("+1") {
        Some(d) if d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit()) => {
            format!("({}) {}-{}", &d[..3], &d[3..6], &d[6..])
        }
        _ => n.to_string(),
    }
}

fn call_json(s: &Shared, c: &Call) -> Value {
    let elapsed = now_ms() - c.created_ms;
    let status = match elapsed {
        e if e < RINGING_MS => "queued",
        e if e < ANSWERED_MS => "ringing",
        e if e < COMPLETED_MS => "in-progress",
        _ => "completed",
    };
    let secs = |offset_ms: i64| (c.created_ms + offset_ms) / 1000;
    let start = (elapsed >= ANSWERED_MS).then(|| d2010(secs(ANSWERED_MS)));
    let end = (elapsed >= COMPLETED_MS).then(|| d2010(secs(COMPLETED_MS)));
    let duration =
        (elapsed >= COMPLETED_MS).then(|| ((COMPLETED_MS - ANSWERED_MS + 999) / 1000).to_string());
    let updated = if elapsed >= COMPLETED_MS {
        secs(COMPLETED_MS)
    } else {
        now_ms() / 1000
    };
    let uri = format!("{}/Calls/{}", api_prefix(s), c.sid);
    let subresources: serde_json::Map<String, Value> = [
        ("notifications", "Notifications"),
        ("recordings", "Recordings"),
        ("payments", "Payments"),
        ("events", "Events"),
        ("siprec", "Siprec"),
        ("streams", "Streams"),
        ("transcriptions", "Transcriptions"),
        (
            "user_defined_message_subscriptions",
            "UserDefinedMessageSubscriptions",
        ),
        ("user_defined_messages", "UserDefinedMessages"),
    ]
    .iter()
    .map(|(k, seg)| (k.to_string(), json!(format!("{uri}/{seg}.json"))))
    .collect();
    json!({
        "sid": c.sid,
        "date_created": d2010(c.meta.created),
        "date_updated": d2010(updated),
        "parent_call_sid": null,
        "account_sid": s.account_sid,
        "to": c.to,
        "to_formatted": formatted(&c.to),
        "from": c.from,
        "from_formatted": formatted(&c.from),
        "phone_number_sid": c.phone_number_sid,
        "status": status,
        "start_time": start,
        "end_time": end,
        "duration": duration,
        "price": null,
        "price_unit": "USD",
        "direction": "outbound-api",
        "answered_by": null,
        "api_version": "2010-04-01",
        "forwarded_from": null,
        "group_sid": null,
        "caller_name": null,
        "queue_time": "0",
        "trunk_sid": null,
        "uri": format!("{uri}.json"),
        "subresource_uris": subresources,
    })
}

fn is_e164(v: &str) -> bool {
    v.strip_prefix('+').is_some_and(|d| {
        (7..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
    })
}

/// Twilio's create rules for the parameters the sandbox understands.
fn validate(db: &Db, p: &Params) -> ApiResult<(String, String, Option<String>, Option<String>)> {
    let to = p.get("To").filter(|v| !v.is_empty()).ok_or_else(|| {
        ApiError::new(
            400,
            21201,
            "No 'To' number is specified: the To parameter is required",
        )
    })?;
    let from = p.get("From").filter(|v| !v.is_empty()).ok_or_else(|| {
        ApiError::new(
            400,
            21213,
            "No 'From' number is specified: the From parameter is required",
        )
    })?;
    if ["Url", "Twiml", "ApplicationSid"]
        .iter()
        .all(|k| p.get(k).is_none_or(str::is_empty))
    {
        return Err(ApiError::invalid(
            "One of Url, Twiml or ApplicationSid is required",
        ));
    }
    let to_is_number = to.starts_with('+');
    let to_ok = if to_is_number {
        is_e164(to)
    } else {
        to.starts_with("sip:") || to.starts_with("client:")
    };
    if !to_ok {
        return Err(ApiError::new(
            400,
            21211,
            format!(
                "Invalid 'To' Phone Number '{to}': use E.164 (+14155552671), a sip: URI or client:name"
            ),
        ));
    }
    p.opt_url("Url")?;
    p.opt_url("StatusCallback")?;
    p.opt_url("FallbackUrl")?;
    p.opt_sid("ApplicationSid", "AP")?;
    p.opt_method("Method")?;
    p.opt_method("StatusCallbackMethod")?;
    p.opt_method("FallbackMethod")?;
    p.opt_bool("Record")?;
    p.opt_int("Timeout", 1, 600)?;
    p.opt_int("TimeLimit", 1, 14_400)?;
    for e in p.all("StatusCallbackEvent") {
        if !["initiated", "ringing", "answered", "completed"].contains(&e) {
            return Err(ApiError::invalid(format!(
                "Invalid value '{e}' for StatusCallbackEvent: must be initiated, ringing, answered or completed"
            )));
        }
    }
    if let Some(t) = p.get("Twiml").filter(|t| t.chars().count() > 4000) {
        return Err(ApiError::invalid(format!(
            "Invalid value for Twiml: {} characters, at most 4000 allowed",
            t.chars().count()
        )));
    }
    if let Some(d) = p.get("SendDigits").filter(|d| d.chars().count() > 32) {
        return Err(ApiError::invalid(format!(
            "Invalid value '{d}' for SendDigits: at most 32 digits"
        )));
    }
    match (p.get("SipAuthUsername"), p.get("SipAuthPassword")) {
        (Some(u), None) if !u.is_empty() => {
            return Err(ApiError::new(
                400,
                21225,
                "SipAuthPassword is required when SipAuthUsername is given",
            ));
        }
        (_, Some(pw)) if pw.chars().count() >= 256 => {
            return Err(ApiError::new(
                400,
                21223,
                "SipAuthPassword must be shorter than 256 characters",
            ));
        }
        _ => {}
    }
    let byoc = p.opt_sid("Byoc", "BY")?.flatten();
    if let Some(b) = &byoc
        && !db.byoc_trunks.iter().any(|t| &t.sid == b)
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{b}' for Byoc: no such BYOC trunk on this account"
        )));
    }
    let own = db
        .phone_numbers
        .iter()
        .find(|n| n.phone_number == from)
        .map(|n| n.sid.clone());
    if to_is_number {
        if !is_e164(from) {
            return Err(ApiError::new(
                400,
                21212,
                format!(
                    "Invalid 'From' Phone Number '{from}': calling a phone number needs an E.164 From"
                ),
            ));
        }
        if own.is_none() && byoc.is_none() {
            return Err(ApiError::new(
                400,
                21210,
                format!(
                    "The source phone number provided, {from}, is not yet verified for your account"
                ),
            ));
        }
    }
    Ok((to.to_string(), from.to_string(), own, byoc))
}

async fn create(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    created(s.write(|db| {
        let (to, from, phone_number_sid, byoc_sid) = validate(db, &input.form)?;
        let c = Call {
            sid: new_sid("CA"),
            meta: db.meta(),
            created_ms: now_ms(),
            to,
            from,
            phone_number_sid,
            byoc_sid,
        };
        db.calls.push(c.clone());
        Ok(call_json(&s, &c))
    })?)
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.calls.iter().collect(), &req);
        let items = page.items.iter().map(|c| call_json(&s, c)).collect();
        page.v2010(&input.path, "calls", items)
    }))
}

async fn fetch(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "CA", true, &input.path)?;
    ok(s.read(|db| {
        db.calls
            .iter()
            .find(|c| c.sid == sid)
            .map(|c| call_json(&s, c))
            .ok_or_else(|| ApiError::not_found(&input.path))
    })?)
}
