//! SIP URIs (RFC 3261 §19.1) for origination URLs and BYOC targets: a parser with column
//! errors, a printer (`parse(print(u)) == u`, property-tested), and Twilio's rules on top:
//! `sip:` only, a host, a port, and `transport` / `edge` parameters.

use std::fmt;

/// `sip` or `sips`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Sip,
    Sips,
}

/// The host part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A domain name such as `pbx.example.com`.
    Domain(String),
    Ipv4(std::net::Ipv4Addr),
    /// The text between `[` and `]`.
    Ipv6(String),
}

/// A parsed SIP URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipUri {
    pub scheme: Scheme,
    /// The user part, kept escaped as written.
    pub user: Option<String>,
    pub password: Option<String>,
    pub host: Host,
    pub port: Option<u16>,
    /// `;name[=value]` parameters in order.
    pub params: Vec<(String, Option<String>)>,
    /// `?name=value&...` headers in order.
    pub headers: Vec<(String, String)>,
}

/// A syntax error at a 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct SipUriError {
    pub column: usize,
    pub message: String,
}

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c)
}

fn is_user_char(c: char) -> bool {
    is_unreserved(c) || "%&=+$,;?/".contains(c)
}

fn is_param_char(c: char) -> bool {
    is_unreserved(c) || "%[]/:&+$".contains(c)
}

fn is_header_char(c: char) -> bool {
    is_unreserved(c) || "%[]/?:+$".contains(c)
}

impl SipUri {
    /// Parses `text` as a SIP URI.
    pub fn parse(text: &str) -> Result<Self, SipUriError> {
        let err = |at: usize, message: String| {
            Err(SipUriError {
                column: at + 1,
                message,
            })
        };
        if let Some(i) = text.find(char::is_whitespace) {
            return err(
                text[..i].chars().count(),
                "a SIP URI cannot contain spaces".into(),
            );
        }
        let Some((scheme, rest)) = text.split_once(':') else {
            return err(0, "expected `sip:` at the start".into());
        };
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "sip" => Scheme::Sip,
            "sips" => Scheme::Sips,
            _ => return err(0, format!("expected the scheme `sip:`, found `{scheme}:`")),
        };
        let mut pos = scheme_len(scheme) + 1;
        if rest.starts_with("//") {
            return err(
                pos,
                "a SIP URI has no `//` after `sip:` (write `sip:host`)".into(),
            );
        }
        // Userinfo ends at the last `@` before any `;` or `?` that follows the host.
        let (userinfo, hostpart) = match rest.rfind('@') {
            Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
            None => (None, rest),
        };
        let (mut user, mut password) = (None, None);
        if let Some(ui) = userinfo {
            let (u, p) = match ui.split_once(':') {
                Some((u, p)) => (u, Some(p)),
                None => (ui, None),
            };
            if u.is_empty() {
                return err(pos, "expected a user name before `@`".into());
            }
            if let Some(i) = u.find(|c| !is_user_char(c)) {
                return err(
                    pos + i,
                    format!(
                        "`{}` is not allowed in the user part",
                        &u[i..].chars().next().unwrap_or(' ')
                    ),
                );
            }
            user = Some(u.to_string());
            password = p.map(str::to_string);
            pos += ui.len() + 1;
        }
        let host_end = hostpart.find([';', '?']).unwrap_or(hostpart.len());
        let (hostport, tail) = hostpart.split_at(host_end);
        let (host, port_text) = if let Some(v6) = hostport.strip_prefix('[') {
            let Some(close) = v6.find(']') else {
                return err(pos, "expected `]` to close the IPv6 address".into());
            };
            let addr = &v6[..close];
            if addr.parse::<std::net::Ipv6Addr>().is_err() {
                return err(pos + 1, format!("`{addr}` is not an IPv6 address"));
            }
            let after = &v6[close + 1..];
            let port = match after.strip_prefix(':') {
                Some(p) => Some((p, close + 3)),
                None if after.is_empty() => None,
                None => {
                    return err(
                        pos + close + 2,
                        "expected `:port` or the end of the host".into(),
                    );
                }
            };
            (Host::Ipv6(addr.to_string()), port)
        } else {
            let (h, p) = match hostport.split_once(':') {
                Some((h, p)) => (h, Some((p, h.len() + 1))),
                None => (hostport, None),
            };
            (
                parse_host(h).map_err(|m| SipUriError {
                    column: pos + 1,
                    message: m,
                })?,
                p,
            )
        };
        let port = match port_text {
            None => None,
            Some((p, off)) => match p.parse::<u16>() {
                Ok(n) if n > 0 && !p.starts_with('+') => Some(n),
                _ => {
                    return err(
                        pos + off,
                        format!("the port must be a number from 1 to 65535, found `{p}`"),
                    );
                }
            },
        };
        pos += hostport.len();
        let (param_text, header_text) = match tail.split_once('?') {
            Some((a, b)) => (a, Some(b)),
            None => (tail, None),
        };
        let mut params = Vec::new();
        for p in param_text.split(';').skip(1) {
            let at = pos;
            pos += 1;
            let (name, value) = match p.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (p, None),
            };
            if name.is_empty()
                || !name.chars().all(is_param_char)
                || value.is_some_and(|v| v.is_empty() || !v.chars().all(is_param_char))
            {
                return err(
                    at,
                    format!("expected a parameter like `transport=tls`, found `;{p}`"),
                );
            }
            params.push((name.to_string(), value.map(str::to_string)));
            pos += p.len();
        }
        let mut headers = Vec::new();
        if let Some(h) = header_text {
            pos += 1;
            for pair in h.split('&') {
                match pair.split_once('=') {
                    Some((n, v))
                        if !n.is_empty()
                            && n.chars().all(is_header_char)
                            && v.chars().all(is_header_char) =>
                    {
                        headers.push((n.to_string(), v.to_string()))
                    }
                    _ => {
                        return err(
                            pos,
                            format!("expected a header like `name=value`, found `{pair}`"),
                        );
                    }
                }
                pos += pair.len() + 1;
            }
        }
        Ok(SipUri {
            scheme,
            user,
            password,
            host,
            port,
            params,
            headers,
        })
    }

    /// The value of parameter `name` (case-insensitive name).
    pub fn param(&self, name: &str) -> Option<Option<&str>> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_deref())
    }
}

fn scheme_len(s: Scheme) -> usize {
    if s == Scheme::Sip { 3 } else { 4 }
}

fn parse_host(h: &str) -> Result<Host, String> {
    if h.is_empty() {
        return Err("expected a host name or IPv4 address after `sip:`".into());
    }
    if h.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return super::ip::parse_ipv4("", h)
            .map(Host::Ipv4)
            .map_err(|_| format!("`{h}` is not a valid IPv4 address"));
    }
    let labels: Vec<&str> = h.strip_suffix('.').unwrap_or(h).split('.').collect();
    for l in &labels {
        if l.is_empty()
            || l.len() > 63
            || l.starts_with('-')
            || l.ends_with('-')
            || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(format!(
                "`{h}` is not a valid host name (letters, digits and `-` in dot-separated labels)"
            ));
        }
    }
    if labels
        .last()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("`{h}` is neither a host name nor an IPv4 address"));
    }
    Ok(Host::Domain(h.to_string()))
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d),
            Host::Ipv4(ip) => write!(f, "{ip}"),
            Host::Ipv6(a) => write!(f, "[{a}]"),
        }
    }
}

impl fmt::Display for SipUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.scheme == Scheme::Sip {
            "sip:"
        } else {
            "sips:"
        })?;
        if let Some(u) = &self.user {
            f.write_str(u)?;
            if let Some(p) = &self.password {
                write!(f, ":{p}")?;
            }
            f.write_str("@")?;
        }
        write!(f, "{}", self.host)?;
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        for (n, v) in &self.params {
            match v {
                Some(v) => write!(f, ";{n}={v}")?,
                None => write!(f, ";{n}")?,
            }
        }
        for (i, (n, v)) in self.headers.iter().enumerate() {
            write!(f, "{}{n}={v}", if i == 0 { '?' } else { '&' })?;
        }
        Ok(())
    }
}

mod rules;

pub use rules::{EDGES, sip_uri_issues};

#[cfg(test)]
mod tests;
