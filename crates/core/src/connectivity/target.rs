//! What to check: the host, port and transport a SIP URI names (RFC 3261 §19.1, RFC 3263).
//!
//! `sip:sbc.example.com:5061;transport=tls` → TLS to port 5061. Without a port, the host's
//! SIP SRV records decide (when the host is a name), else the default port of the transport.

use std::fmt;
use std::net::IpAddr;

/// How SIP messages travel to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Udp,
    Tcp,
    Tls,
}

impl Transport {
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Tls => 5061,
            _ => 5060,
        }
    }

    /// The SRV service label (`_sip._udp`, `_sip._tcp`, `_sips._tcp`).
    pub fn srv_prefix(self) -> &'static str {
        match self {
            Transport::Udp => "_sip._udp",
            Transport::Tcp => "_sip._tcp",
            Transport::Tls => "_sips._tcp",
        }
    }

    /// The token in a Via header.
    pub fn via_token(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
            Transport::Tls => "TLS",
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
            Transport::Tls => "TLS",
        })
    }
}

/// A SIP target to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The URI as given.
    pub uri: String,
    pub host: String,
    pub port: Option<u16>,
    pub transport: Transport,
}

impl Target {
    /// Reads `sip:` / `sips:` URIs; the `transport` parameter picks UDP, TCP or TLS.
    pub fn parse(uri: &str) -> Result<Target, String> {
        let trimmed = uri.trim();
        let (scheme_tls, rest) = if let Some(r) = strip_prefix_ci(trimmed, "sips:") {
            (true, r)
        } else if let Some(r) = strip_prefix_ci(trimmed, "sip:") {
            (false, r)
        } else {
            return Err(format!(
                "`{uri}` is not a SIP URI: it must start with `sip:` (for example sip:sbc.example.com:5060)"
            ));
        };
        let (hostport, params) = match rest.split_once(';') {
            Some((h, p)) => (h, p),
            None => (rest, ""),
        };
        let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
        let (host, port) = split_host_port(hostport).map_err(|e| format!("`{uri}`: {e}"))?;
        if host.is_empty() {
            return Err(format!(
                "`{uri}` has no host: write it as sip:host or sip:host:port"
            ));
        }
        let mut transport = if scheme_tls {
            Transport::Tls
        } else {
            Transport::Udp
        };
        for p in params.split(';').filter(|p| !p.is_empty()) {
            if let Some((k, v)) = p.split_once('=')
                && k.eq_ignore_ascii_case("transport")
            {
                transport = match v.to_ascii_lowercase().as_str() {
                    "udp" => Transport::Udp,
                    "tcp" => Transport::Tcp,
                    "tls" => Transport::Tls,
                    other => {
                        return Err(format!(
                            "`{uri}`: transport `{other}` is not udp, tcp or tls"
                        ));
                    }
                };
            }
        }
        Ok(Target {
            uri: trimmed.to_string(),
            host,
            port,
            transport,
        })
    }

    pub fn host_is_ip(&self) -> bool {
        self.host.parse::<IpAddr>().is_ok()
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

fn split_host_port(hp: &str) -> Result<(String, Option<u16>), String> {
    if let Some(rest) = hp.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or("an IPv6 address must be closed with `]`")?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(parse_port(p)?),
            None if after.is_empty() => None,
            None => return Err(format!("unexpected `{after}` after the address")),
        };
        return Ok((host.to_string(), port));
    }
    match hp.rsplit_once(':') {
        Some((h, p)) => Ok((h.to_ascii_lowercase(), Some(parse_port(p)?))),
        None => Ok((hp.to_ascii_lowercase(), None)),
    }
}

fn parse_port(p: &str) -> Result<u16, String> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("port `{p}` must be a number from 1 to 65535")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_host_port_and_transport() {
        let t = Target::parse("sip:sbc.example.com:5080;transport=tcp").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.transport),
            ("sbc.example.com", Some(5080), Transport::Tcp)
        );
        let t = Target::parse("sips:user@SBC.example.com").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.transport),
            ("sbc.example.com", None, Transport::Tls)
        );
        let t = Target::parse("sip:[2001:db8::1]:5062").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("2001:db8::1", Some(5062)));
        assert!(Target::parse("sip:127.0.0.1").unwrap().host_is_ip());
    }

    #[test]
    fn refuses_what_is_not_a_sip_uri() {
        for bad in [
            "http://x",
            "sip:",
            "sip:host:0",
            "sip:host:99999",
            "sip:h;transport=sctp",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
