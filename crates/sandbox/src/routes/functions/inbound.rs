//! `POST /__sandbox/inbound`: Twilio receiving a call. The number, BYOC trunk, SIP domain or
//! mapped carrier address named in the request leads to a voice URL; the sandbox posts the
//! parameters of Twilio's voice webhook to the Function deployed there and answers with the
//! parameters it sent and the TwiML the Function returned.

use axum::body::Bytes;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{call, event_of, find_deployed};
use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::routes::St;
use crate::state::{Shared, new_sid};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Inbound {
    to: String,
    from: String,
    #[serde(default)]
    via: Option<String>,
}

pub(super) async fn inbound(State(s): St, body: Bytes) -> ApiResult {
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
    crate::routes::ok(json!({
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
                let sd = crate::routes::ip_records::domain_for_source(db, v).ok_or_else(|| {
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
}
