//! "Check connectivity": SIP OPTIONS (after DNS, and the certificate on TLS) to each URI the
//! user's configuration sends calls to, from this computer. Results stream over a [`Channel`]
//! one URI at a time, as each finishes, so a slow or silent host does not hold up the rest.
//! The work is `switchboard_core::connectivity`; this file adapts it.

use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use switchboard_core::connectivity::{self, CheckOptions, CheckResult};
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// At most this many URIs per check.
pub const MAX_URIS: usize = 50;

/// What to check: URIs, and/or every `sip:` URI in a spec (origination URLs, BYOC targets).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectivityRequest {
    #[serde(default)]
    pub uris: Vec<String>,
    #[serde(default)]
    #[ts(optional, type = "unknown")]
    pub spec: Option<Value>,
    /// How long to wait for each URI's answer (ms, 500–30000; 8000 when absent).
    #[serde(default)]
    #[ts(optional)]
    pub timeout_ms: Option<u32>,
}

/// The server certificate seen on a TLS check.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateView {
    pub names: Vec<String>,
    pub issuer: String,
    pub not_after: String,
    pub expired: bool,
    pub self_signed: bool,
    pub trusted: bool,
    pub matches_host: bool,
}

/// The result for one URI, with its verdict in plain words.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectivityResult {
    pub uri: String,
    /// A SIP answer came back (any status: a 403 still proves the endpoint is up).
    pub reachable: bool,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub rtt_ms: Option<u32>,
    pub verdict: String,
    /// `UDP`, `TCP` or `TLS`.
    pub transport: Option<String>,
    pub address: Option<String>,
    pub user_agent: Option<String>,
    pub certificate: Option<CertificateView>,
}

impl From<CheckResult> for ConnectivityResult {
    fn from(r: CheckResult) -> Self {
        ConnectivityResult {
            uri: r.uri,
            reachable: r.reachable,
            status: r.status,
            reason: r.reason,
            rtt_ms: r.rtt_ms.map(|ms| ms.min(u64::from(u32::MAX)) as u32),
            verdict: r.verdict,
            transport: r.transport.map(|t| t.to_string()),
            address: r.address,
            user_agent: r.user_agent,
            certificate: r.certificate.map(|c| CertificateView {
                names: c.names,
                issuer: c.issuer,
                not_after: c.not_after,
                expired: c.expired,
                self_signed: c.self_signed,
                trusted: c.trusted,
                matches_host: c.matches_host,
            }),
        }
    }
}

/// Progress of a check.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ConnectivityEvent {
    /// The URIs about to be checked, in the order results are indexed.
    Started { uris: Vec<String> },
    /// One URI's result (`index` into `uris`).
    Result {
        index: u32,
        result: Box<ConnectivityResult>,
    },
}

/// Every result, in the order of the URIs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectivitySummary {
    pub results: Vec<ConnectivityResult>,
    pub reachable: u32,
    pub total: u32,
}

/// Every string in `v` that is a SIP URI, in document order, once each.
pub fn uris_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let l = s.trim().to_ascii_lowercase();
            if (l.starts_with("sip:") || l.starts_with("sips:")) && !out.contains(s) {
                out.push(s.clone());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| uris_in(x, out)),
        Value::Object(m) => m.values().for_each(|x| uris_in(x, out)),
        _ => {}
    }
}

/// The URIs a request names (its list, then the spec's), or why there is nothing to check.
pub fn targets(req: &ConnectivityRequest) -> AppResult<Vec<String>> {
    let mut uris: Vec<String> = Vec::new();
    for u in &req.uris {
        let u = u.trim();
        if !u.is_empty() && !uris.iter().any(|x| x == u) {
            uris.push(u.to_string());
        }
    }
    if let Some(spec) = &req.spec {
        uris_in(spec, &mut uris);
    }
    if uris.is_empty() {
        return Err(AppError::invalid(
            "uris",
            "There is nothing to check yet: add at least one SIP address (for example sip:sbc.example.com:5060).",
        ));
    }
    if uris.len() > MAX_URIS {
        return Err(AppError::invalid(
            "uris",
            format!(
                "{} addresses is too many for one check: check at most {MAX_URIS} at a time.",
                uris.len()
            ),
        ));
    }
    Ok(uris)
}

/// Checks every URI at once, reporting each result to `emit` as it finishes.
pub async fn run(
    req: ConnectivityRequest,
    emit: impl Fn(ConnectivityEvent),
) -> AppResult<ConnectivitySummary> {
    let uris = targets(&req)?;
    let timeout =
        Duration::from_millis(u64::from(req.timeout_ms.unwrap_or(8000).clamp(500, 30_000)));
    let opts = CheckOptions {
        timeout,
        ..CheckOptions::default()
    };
    emit(ConnectivityEvent::Started { uris: uris.clone() });
    let mut pending: FuturesUnordered<_> = uris
        .iter()
        .enumerate()
        .map(|(i, u)| async move { (i, connectivity::check(u, opts).await) })
        .collect();
    let mut results: Vec<Option<ConnectivityResult>> = vec![None; uris.len()];
    while let Some((index, r)) = pending.next().await {
        let r = ConnectivityResult::from(r);
        tracing::info!(uri = %r.uri, reachable = r.reachable, status = ?r.status, "connectivity checked");
        emit(ConnectivityEvent::Result {
            index: index as u32,
            result: Box::new(r.clone()),
        });
        results[index] = Some(r);
    }
    let results: Vec<ConnectivityResult> = results.into_iter().flatten().collect();
    Ok(ConnectivitySummary {
        reachable: results.iter().filter(|r| r.reachable).count() as u32,
        total: results.len() as u32,
        results,
    })
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn check_connectivity(
    state: State<'_, AppState>,
    request: ConnectivityRequest,
    on_event: Channel<ConnectivityEvent>,
) -> AppResult<ConnectivitySummary> {
    let emit = |event: ConnectivityEvent| {
        if let Err(e) = on_event.send(event) {
            tracing::warn!(error = %e, "a connectivity result could not reach the window");
        }
    };
    run(request, emit).await.map_err(|e| state.journal.note(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_spec_gives_its_sip_uris_once_each() {
        let spec = json!({"kind": "elastic_trunk", "origination_urls": [
            {"sip_url": "sip:a.example.com"}, {"sip_url": "sip:b.example.com;transport=tls"}, {"sip_url": "sip:a.example.com"}
        ], "termination_domain": "x.pstn.twilio.com"});
        let req = ConnectivityRequest {
            uris: vec![" sip:c.example.com ".into()],
            spec: Some(spec),
            timeout_ms: None,
        };
        assert_eq!(
            targets(&req).unwrap(),
            [
                "sip:c.example.com",
                "sip:a.example.com",
                "sip:b.example.com;transport=tls"
            ]
        );
    }

    #[test]
    fn nothing_to_check_is_said_plainly() {
        let e = targets(&ConnectivityRequest::default()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("uris"));
        assert!(e.message.contains("nothing to check"), "{}", e.message);
    }
}
