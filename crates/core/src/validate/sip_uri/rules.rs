//! Twilio's rules for SIP URIs on origination URLs and BYOC targets: `sip:` only, a public
//! host, `transport` of udp/tcp/tls, a known `edge`, and no credentials in the URI.

use super::{Host, Scheme, SipUri};
use crate::validate::Issue;
use crate::validate::ip::non_public_reason;

/// Twilio edge locations accepted in `;edge=`.
pub const EDGES: &[&str] = &[
    "ashburn",
    "dublin",
    "frankfurt",
    "roaming",
    "sao-paulo",
    "singapore",
    "sydney",
    "tokyo",
    "umatilla",
];

/// Checks an origination URL or BYOC target the way Twilio will take it.
pub fn sip_uri_issues(path: &str, value: &str) -> Vec<Issue> {
    let v = value.trim();
    if v.is_empty() {
        return vec![Issue::error(
            path,
            "The SIP URI is empty. Enter where Twilio should send calls, such as sip:pbx.example.com:5060.",
        )];
    }
    if !v.to_ascii_lowercase().starts_with("sip") || !v.contains(':') {
        return vec![
            Issue::error(
                path,
                format!("`{v}` does not start with `sip:`. Twilio needs a SIP URI here."),
            )
            .with_hint(format!("Try sip:{v}")),
        ];
    }
    let uri = match SipUri::parse(v) {
        Ok(u) => u,
        Err(e) => {
            return vec![Issue::error(
                path,
                format!(
                    "`{v}` is not a valid SIP URI (column {}): {}.",
                    e.column, e.message
                ),
            )];
        }
    };
    let mut out = Vec::new();
    if uri.scheme == Scheme::Sips {
        out.push(
            Issue::error(
                path,
                format!("`{v}` uses `sips:`, which Twilio does not support."),
            )
            .with_hint("Use `sip:` with `;transport=tls` for encrypted signalling."),
        );
    }
    if uri.password.is_some() {
        out.push(Issue::error(path, "The SIP URI contains a password (`user:password@`). Never put passwords in a URI; use a credential list instead."));
    }
    match &uri.host {
        Host::Ipv4(ip) => {
            if let Some(why) = non_public_reason(*ip) {
                out.push(Issue::error(path, format!("`{ip}` is {why}. Twilio can only reach public IPv4 addresses — use your SBC's public address.")));
            }
        }
        Host::Ipv6(a) => out.push(Issue::warning(path, format!("`[{a}]` is an IPv6 address; Twilio's SIP network reaches IPv4 addresses and host names."))),
        Host::Domain(d) if d.eq_ignore_ascii_case("localhost") => {
            out.push(Issue::error(path, "`localhost` is this computer; Twilio cannot reach it. Use your SBC's public host name or address."))
        }
        Host::Domain(_) => {}
    }
    let transport = uri
        .param("transport")
        .map(|t| t.unwrap_or("").to_ascii_lowercase());
    if let Some(t) = &transport
        && !["udp", "tcp", "tls"].contains(&t.as_str())
    {
        out.push(Issue::error(
            path,
            format!("`transport={t}` is not supported: use udp, tcp or tls."),
        ));
    }
    if let Some(e) = uri.param("edge") {
        let e = e.unwrap_or("");
        if !EDGES.contains(&e.to_ascii_lowercase().as_str()) {
            out.push(Issue::error(
                path,
                format!(
                    "`edge={e}` is not a Twilio edge location. Use one of: {}.",
                    EDGES.join(", ")
                ),
            ));
        }
    }
    for (n, _) in uri
        .params
        .iter()
        .filter(|(n, _)| !["transport", "edge"].contains(&n.to_ascii_lowercase().as_str()))
    {
        out.push(Issue::info(path, format!("Twilio may ignore the parameter `;{n}`; only `transport` and `edge` are documented.")));
    }
    if !uri.headers.is_empty() {
        out.push(Issue::warning(
            path,
            "Headers after `?` in the SIP URI are not used by Twilio; remove them.",
        ));
    }
    match (uri.port, transport.as_deref()) {
        (Some(5061), None | Some("udp") | Some("tcp")) => out.push(Issue::warning(
            path,
            "Port 5061 is the TLS port, but the URI does not say `;transport=tls`.",
        )),
        (Some(5060), Some("tls")) => out.push(Issue::warning(
            path,
            "`;transport=tls` with port 5060: TLS normally uses port 5061.",
        )),
        _ => {}
    }
    out
}
