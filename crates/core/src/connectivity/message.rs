//! The SIP OPTIONS request and the reading of its response (RFC 3261 §8.1.1, §11, §7.3):
//! a Via with a fresh `z9hG4bK` branch, Max-Forwards, a From tag, a Call-ID and CSeq, so any
//! compliant proxy or SBC will answer; the response is matched to the request by branch,
//! Call-ID and CSeq.

use std::net::SocketAddr;

use rand::Rng;

use super::target::{Target, Transport};

/// One OPTIONS request, with the identifiers its response must echo.
#[derive(Debug, Clone)]
pub struct Options {
    pub branch: String,
    pub call_id: String,
    pub text: String,
}

fn token(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

impl Options {
    /// Builds the request for `target`, sent from `local` to `remote`.
    pub fn new(target: &Target, local: SocketAddr, remote_port: u16) -> Options {
        let branch = format!("z9hG4bK{}", token(16));
        let call_id = format!("{}@switchboard", token(20));
        let tag = token(10);
        let scheme = if target.transport == Transport::Tls {
            "sips"
        } else {
            "sip"
        };
        let host = if target.host.contains(':') {
            format!("[{}]", target.host)
        } else {
            target.host.clone()
        };
        let request_uri = format!("{scheme}:{host}:{remote_port}");
        let local_host = match local {
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        };
        let via = target.transport.via_token();
        let transport_param = via.to_ascii_lowercase();
        let text = format!(
            "OPTIONS {request_uri} SIP/2.0\r\n\
             Via: SIP/2.0/{via} {local_host}:{port};branch={branch};rport\r\n\
             Max-Forwards: 70\r\n\
             From: <sip:switchboard@{local_host}>;tag={tag}\r\n\
             To: <{request_uri}>\r\n\
             Call-ID: {call_id}\r\n\
             CSeq: 1 OPTIONS\r\n\
             Contact: <sip:switchboard@{local_host}:{port};transport={transport_param}>\r\n\
             Accept: application/sdp\r\n\
             User-Agent: Switchboard/{version} connectivity check\r\n\
             Content-Length: 0\r\n\r\n",
            port = local.port(),
            version = env!("CARGO_PKG_VERSION"),
        );
        Options {
            branch,
            call_id,
            text,
        }
    }
}

/// A SIP response as far as the check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    headers: Vec<(String, String)>,
}

impl Response {
    /// Parses a response message (start line and headers; the body is ignored).
    pub fn parse(raw: &[u8]) -> Result<Response, String> {
        let text = String::from_utf8_lossy(raw);
        let head = text.split("\r\n\r\n").next().unwrap_or("");
        let mut lines = unfold(head).into_iter();
        let start = lines.next().ok_or("empty message")?;
        let mut parts = start.splitn(3, ' ');
        let (version, code, reason) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
        if version != Some("SIP/2.0") {
            return Err(format!("not a SIP/2.0 response: `{start}`"));
        }
        let status = code
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|c| (100..700).contains(c))
            .ok_or_else(|| format!("bad status code in `{start}`"))?;
        let headers = lines
            .filter_map(|l| {
                l.split_once(':')
                    .map(|(k, v)| (expand(k.trim()), v.trim().to_string()))
            })
            .collect();
        Ok(Response {
            status,
            reason: reason.trim().to_string(),
            headers,
        })
    }

    /// The first value of a header (case-insensitive; compact forms understood).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this answers `req`: same top Via branch, Call-ID and CSeq method.
    pub fn answers(&self, req: &Options) -> bool {
        let branch_ok = self
            .header("Via")
            .is_some_and(|v| v.contains(&format!("branch={}", req.branch)));
        let call_ok = self.header("Call-ID") == Some(req.call_id.as_str());
        let cseq_ok = self
            .header("CSeq")
            .is_some_and(|c| c.to_ascii_uppercase().ends_with("OPTIONS"));
        branch_ok && call_ok && cseq_ok
    }

    pub fn is_final(&self) -> bool {
        self.status >= 200
    }
}

/// Joins folded header lines (continuations start with white space).
fn unfold(head: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for line in head.split("\r\n") {
        if (line.starts_with(' ') || line.starts_with('\t')) && !out.is_empty() {
            let last = out.last_mut().expect("checked non-empty");
            last.push(' ');
            last.push_str(line.trim());
        } else {
            out.push(line.to_string());
        }
    }
    out
}

/// RFC 3261 §7.3.3 compact header names.
fn expand(name: &str) -> String {
    match name {
        "v" | "V" => "Via",
        "i" | "I" => "Call-ID",
        "f" | "F" => "From",
        "t" | "T" => "To",
        "m" | "M" => "Contact",
        "l" | "L" => "Content-Length",
        "k" | "K" => "Supported",
        other => other,
    }
    .to_string()
}

/// The length of the first complete message in a stream buffer, if one is complete.
pub fn stream_message_len(buf: &[u8]) -> Option<usize> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&buf[..end]);
    let body = head
        .split("\r\n")
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| {
            let k = k.trim();
            k.eq_ignore_ascii_case("Content-Length") || k == "l"
        })
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    (buf.len() >= end + body).then_some(end + body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target::parse("sip:sbc.example.com:5060").unwrap()
    }

    #[test]
    fn request_has_the_mandatory_headers() {
        let req = Options::new(&target(), "192.0.2.1:40000".parse().unwrap(), 5060);
        let t = &req.text;
        assert!(t.starts_with("OPTIONS sip:sbc.example.com:5060 SIP/2.0\r\n"));
        for h in [
            "Via: SIP/2.0/UDP 192.0.2.1:40000;branch=z9hG4bK",
            "Max-Forwards: 70",
            ";tag=",
            "Call-ID: ",
            "CSeq: 1 OPTIONS",
            "Content-Length: 0\r\n\r\n",
        ] {
            assert!(t.contains(h), "missing {h} in {t}");
        }
    }

    #[test]
    fn parses_and_matches_a_response() {
        let req = Options::new(&target(), "192.0.2.1:40000".parse().unwrap(), 5060);
        let raw = format!(
            "SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 192.0.2.1:40000;branch={};rport=40000\r\ni: {}\r\nCSeq: 1 OPTIONS\r\nAllow: INVITE, ACK,\r\n  OPTIONS, BYE\r\nUser-Agent: TestSBC 1.0\r\nl: 0\r\n\r\n",
            req.branch, req.call_id
        );
        let r = Response::parse(raw.as_bytes()).unwrap();
        assert_eq!((r.status, r.reason.as_str()), (200, "OK"));
        assert!(r.answers(&req));
        assert_eq!(r.header("allow"), Some("INVITE, ACK, OPTIONS, BYE"));
        assert_eq!(r.header("User-Agent"), Some("TestSBC 1.0"));
        let other = Options::new(&target(), "192.0.2.1:40000".parse().unwrap(), 5060);
        assert!(
            !r.answers(&other),
            "a different branch is another transaction"
        );
    }

    #[test]
    fn refuses_garbage_and_frames_streams() {
        assert!(Response::parse(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
        assert!(Response::parse(b"SIP/2.0 abc OK\r\n\r\n").is_err());
        assert_eq!(
            stream_message_len(b"SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc+more"),
            Some(40)
        );
        assert_eq!(
            stream_message_len(b"SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nab"),
            None
        );
    }
}
