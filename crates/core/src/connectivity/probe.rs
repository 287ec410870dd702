//! Sending one OPTIONS and waiting for its final response, over UDP (with RFC 3261 timer E
//! retransmissions: T1, doubling up to T2), TCP or TLS.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

use super::message::{Options, Response, stream_message_len};
use super::target::{Target, Transport};
use super::tls::{CertificateInfo, RecordingVerifier};

/// RFC 3261 T1 and T2.
const T1: Duration = Duration::from_millis(500);
const T2: Duration = Duration::from_secs(4);

/// Why no response came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeError {
    /// The TCP/TLS connection was refused (nothing listens).
    Refused,
    /// The connection or the answer did not come in time.
    NoAnswer,
    /// The network said the host is unreachable.
    Unreachable(String),
    /// The TLS handshake failed.
    Tls(String),
    /// Something answered, but not with SIP.
    NotSip(String),
}

/// A final response and how long it took.
#[derive(Debug, Clone)]
pub struct Answer {
    pub response: Response,
    pub rtt: Duration,
}

/// Sends OPTIONS to `addr` and waits up to `timeout` for the final response. For TLS the
/// certificate seen is returned even when no SIP answer follows.
pub async fn probe(
    target: &Target,
    addr: SocketAddr,
    timeout: Duration,
) -> (Result<Answer, ProbeError>, Option<CertificateInfo>) {
    match target.transport {
        Transport::Udp => (udp(target, addr, timeout).await, None),
        Transport::Tcp => (tcp(target, addr, timeout).await, None),
        Transport::Tls => tls(target, addr, timeout).await,
    }
}

async fn udp(target: &Target, addr: SocketAddr, timeout: Duration) -> Result<Answer, ProbeError> {
    let bind: SocketAddr = if addr.is_ipv4() {
        "0.0.0.0:0"
    } else {
        "[::]:0"
    }
    .parse()
    .expect("literal");
    let sock = UdpSocket::bind(bind)
        .await
        .map_err(|e| ProbeError::Unreachable(e.to_string()))?;
    sock.connect(addr)
        .await
        .map_err(|e| ProbeError::Unreachable(e.to_string()))?;
    let local = sock
        .local_addr()
        .map_err(|e| ProbeError::Unreachable(e.to_string()))?;
    let req = Options::new(target, local, addr.port());
    let started = Instant::now();
    let deadline = started + timeout;
    let mut interval = T1;
    let mut provisional = false;
    let mut buf = vec![0u8; 65535];
    send_udp(&sock, &req).await?;
    let mut next_send = Instant::now() + interval;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Err(ProbeError::NoAnswer);
        }
        let wait = next_send.min(deadline).saturating_duration_since(now);
        match tokio::time::timeout(wait, sock.recv(&mut buf)).await {
            Ok(Ok(n)) => {
                let Ok(resp) = Response::parse(&buf[..n]) else {
                    continue;
                };
                if !resp.answers(&req) {
                    continue;
                }
                if resp.is_final() {
                    return Ok(Answer {
                        response: resp,
                        rtt: started.elapsed(),
                    });
                }
                // After a provisional answer a non-INVITE request is resent every T2.
                provisional = true;
                interval = T2;
                next_send = Instant::now() + interval;
            }
            // ICMP port unreachable surfaces as ECONNREFUSED on a connected UDP socket.
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                return Err(ProbeError::Refused);
            }
            Ok(Err(e)) => return Err(ProbeError::Unreachable(e.to_string())),
            Err(_) => {
                if Instant::now() >= next_send {
                    send_udp(&sock, &req).await?;
                    interval = if provisional {
                        T2
                    } else {
                        (interval * 2).min(T2)
                    };
                    next_send = Instant::now() + interval;
                }
            }
        }
    }
}

async fn send_udp(sock: &UdpSocket, req: &Options) -> Result<(), ProbeError> {
    match sock.send(req.text.as_bytes()).await {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Err(ProbeError::Refused),
        Err(e) => Err(ProbeError::Unreachable(e.to_string())),
    }
}

async fn connect(addr: SocketAddr, timeout: Duration) -> Result<TcpStream, ProbeError> {
    match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
        Err(_) => Err(ProbeError::NoAnswer),
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => Err(ProbeError::Refused),
        Ok(Err(e)) => Err(ProbeError::Unreachable(e.to_string())),
        Ok(Ok(s)) => Ok(s),
    }
}

async fn tcp(target: &Target, addr: SocketAddr, timeout: Duration) -> Result<Answer, ProbeError> {
    let started = Instant::now();
    let stream = connect(addr, timeout).await?;
    let local = stream
        .local_addr()
        .map_err(|e| ProbeError::Unreachable(e.to_string()))?;
    exchange(stream, target, local, addr, started, timeout).await
}

async fn tls(
    target: &Target,
    addr: SocketAddr,
    timeout: Duration,
) -> (Result<Answer, ProbeError>, Option<CertificateInfo>) {
    let started = Instant::now();
    let stream = match connect(addr, timeout).await {
        Ok(s) => s,
        Err(e) => return (Err(e), None),
    };
    let local = match stream.local_addr() {
        Ok(l) => l,
        Err(e) => return (Err(ProbeError::Unreachable(e.to_string())), None),
    };
    let verifier = RecordingVerifier::new();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(verifier.client_config()));
    let name = match rustls::pki_types::ServerName::try_from(target.host.clone()) {
        Ok(n) => n,
        Err(e) => {
            return (
                Err(ProbeError::Tls(format!(
                    "`{}` is not a valid TLS server name: {e}",
                    target.host
                ))),
                None,
            );
        }
    };
    let left = timeout.saturating_sub(started.elapsed());
    let tls = match tokio::time::timeout(left, connector.connect(name, stream)).await {
        Err(_) => return (Err(ProbeError::NoAnswer), verifier.describe(&target.host)),
        Ok(Err(e)) => {
            return (
                Err(ProbeError::Tls(e.to_string())),
                verifier.describe(&target.host),
            );
        }
        Ok(Ok(s)) => s,
    };
    let cert = verifier.describe(&target.host);
    (
        exchange(tls, target, local, addr, started, timeout).await,
        cert,
    )
}

async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    target: &Target,
    local: SocketAddr,
    addr: SocketAddr,
    started: Instant,
    timeout: Duration,
) -> Result<Answer, ProbeError> {
    let req = Options::new(target, local, addr.port());
    let deadline = started + timeout;
    let io = async {
        stream.write_all(req.text.as_bytes()).await?;
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        let mut chunk = [0u8; 4096];
        loop {
            while let Some(len) = stream_message_len(&buf) {
                let msg: Vec<u8> = buf.drain(..len).collect();
                match Response::parse(&msg) {
                    Ok(r) if r.answers(&req) && r.is_final() => {
                        return Ok::<_, std::io::Error>(Ok(r));
                    }
                    Ok(_) => {}
                    Err(e) => return Ok(Err(ProbeError::NotSip(e))),
                }
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                let seen = String::from_utf8_lossy(&buf)
                    .chars()
                    .take(60)
                    .collect::<String>();
                return Ok(Err(if buf.is_empty() {
                    ProbeError::NoAnswer
                } else {
                    ProbeError::NotSip(format!("connection closed after `{seen}`"))
                }));
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.len() > 256 * 1024 {
                return Ok(Err(ProbeError::NotSip(
                    "more than 256 KiB without a SIP response".into(),
                )));
            }
        }
    };
    match tokio::time::timeout_at(deadline.into(), io).await {
        Err(_) => Err(ProbeError::NoAnswer),
        Ok(Err(e)) => Err(ProbeError::Unreachable(e.to_string())),
        Ok(Ok(Err(e))) => Err(e),
        Ok(Ok(Ok(response))) => Ok(Answer {
            response,
            rtt: started.elapsed(),
        }),
    }
}
