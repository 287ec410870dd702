//! Connectivity check: can Twilio's calls reach the user's SIP endpoints? For each URI it
//! resolves the host (SRV, then A/AAAA), sends a SIP OPTIONS over the URI's transport, and
//! turns what happened into a plain-language verdict, including the TLS certificate's fit.
//!
//! The check runs from this computer, not from Twilio: a pass proves the endpoint is up and
//! speaks SIP; a firewall that admits only Twilio's ranges can still block it here, and the
//! verdicts say so.

mod message;
mod probe;
mod resolve;
mod target;
mod tls;

use std::time::Duration;

use serde::Serialize;

pub use message::Response;
pub use probe::ProbeError;
pub use target::{Target, Transport};
pub use tls::{CertificateInfo, name_matches};

/// Settings of a check.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// How long to wait for each target's final answer.
    pub timeout: Duration,
    /// How long DNS may take.
    pub dns_timeout: Duration,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(8),
            dns_timeout: Duration::from_secs(3),
        }
    }
}

/// The result for one URI.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub uri: String,
    /// A SIP final response came back (any status: a 403 still proves the endpoint is up).
    pub reachable: bool,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub rtt_ms: Option<u64>,
    /// One sentence for the user.
    pub verdict: String,
    pub transport: Option<Transport>,
    /// The address that was tried (`ip:port`).
    pub address: Option<String>,
    /// The SRV record used, if any.
    pub srv: Option<String>,
    pub allow: Option<String>,
    pub supported: Option<String>,
    pub user_agent: Option<String>,
    pub certificate: Option<CertificateInfo>,
}

impl CheckResult {
    fn failed(uri: &str, verdict: String) -> Self {
        CheckResult {
            uri: uri.to_string(),
            reachable: false,
            status: None,
            reason: None,
            rtt_ms: None,
            verdict,
            transport: None,
            address: None,
            srv: None,
            allow: None,
            supported: None,
            user_agent: None,
            certificate: None,
        }
    }
}

/// Checks one SIP URI.
pub async fn check(uri: &str, opts: CheckOptions) -> CheckResult {
    let target = match Target::parse(uri) {
        Ok(t) => t,
        Err(e) => return CheckResult::failed(uri, e),
    };
    let resolution = match resolve::resolve(&target, opts.dns_timeout).await {
        Ok(r) => r,
        Err(e) => {
            let mut r = CheckResult::failed(uri, e);
            r.transport = Some(target.transport);
            return r;
        }
    };
    // Try each address in turn until one answers; report the first answer or the last failure.
    let mut last = None;
    for addr in &resolution.addrs {
        let (outcome, cert) = probe::probe(&target, *addr, opts.timeout).await;
        let answered = outcome.is_ok();
        let result = describe(&target, *addr, resolution.srv.clone(), outcome, cert);
        if answered {
            return result;
        }
        last = Some(result);
    }
    last.unwrap_or_else(|| {
        CheckResult::failed(uri, format!("{} has no address to try", target.host))
    })
}

/// Checks many URIs at once (one task each).
pub async fn check_all(uris: &[String], opts: CheckOptions) -> Vec<CheckResult> {
    futures::future::join_all(uris.iter().map(|u| check(u, opts))).await
}

fn describe(
    target: &Target,
    addr: std::net::SocketAddr,
    srv: Option<String>,
    outcome: Result<probe::Answer, ProbeError>,
    certificate: Option<CertificateInfo>,
) -> CheckResult {
    let t = target.transport;
    let port = addr.port();
    let mut r = CheckResult::failed(&target.uri, String::new());
    r.transport = Some(t);
    r.address = Some(addr.to_string());
    r.srv = srv;
    let cert_note = certificate
        .as_ref()
        .and_then(|c| certificate_problem(c, &target.host));
    r.certificate = certificate;
    r.verdict = match outcome {
        Ok(a) => {
            let ms = a.rtt.as_millis() as u64;
            r.reachable = true;
            r.status = Some(a.response.status);
            r.reason = Some(a.response.reason.clone());
            r.rtt_ms = Some(ms);
            r.allow = a.response.header("Allow").map(str::to_string);
            r.supported = a.response.header("Supported").map(str::to_string);
            r.user_agent = a
                .response
                .header("User-Agent")
                .or(a.response.header("Server"))
                .map(str::to_string);
            let answer = format!("{} {}", a.response.status, a.response.reason);
            let base = match a.response.status {
                200..=299 => format!("reachable, answers {answer} in {ms} ms"),
                _ => format!(
                    "reachable: the endpoint is up and answers {answer} in {ms} ms (it declines OPTIONS from this computer, which is common for SBCs that only accept Twilio's addresses)"
                ),
            };
            match cert_note {
                Some(note) => format!("{base}; but {note}"),
                None => base,
            }
        }
        Err(ProbeError::NoAnswer) => format!(
            "no answer on {t} {port} at {} — check the firewall allows Twilio's signalling ranges and that the SBC listens on {t} {port}",
            addr.ip()
        ),
        Err(ProbeError::Refused) => format!(
            "connection refused on {t} {port} at {} — nothing listens there: check the port and the transport",
            addr.ip()
        ),
        Err(ProbeError::Unreachable(e)) => {
            format!("{} cannot be reached from this computer ({e})", addr.ip())
        }
        Err(ProbeError::Tls(e)) => match cert_note {
            Some(note) => format!("TLS handshake failed: {note}"),
            None => format!("TLS handshake failed on {port} at {}: {e}", addr.ip()),
        },
        Err(ProbeError::NotSip(e)) => {
            format!("something answers on {t} {port}, but not with SIP ({e})")
        }
    };
    r
}

/// What is wrong with a certificate for `host`, in the user's words.
fn certificate_problem(c: &CertificateInfo, host: &str) -> Option<String> {
    let mut problems = vec![];
    if !c.matches_host {
        let names = if c.names.is_empty() {
            "no name".to_string()
        } else {
            c.names.join(", ")
        };
        problems.push(format!("certificate is for {names}, not {host}"));
    }
    if c.expired {
        problems.push(format!("certificate expired on {}", c.not_after));
    }
    if c.self_signed {
        problems.push("certificate is self-signed; Twilio expects one signed by a public certificate authority".into());
    } else if !c.trusted {
        problems.push(format!(
            "certificate is not signed by a public certificate authority (issuer: {})",
            c.issuer
        ));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}
