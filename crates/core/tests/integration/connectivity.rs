//! The connectivity check against real peers on loopback: sipp answering OPTIONS over UDP and
//! TCP, a UDP peer that never answers, a closed TCP port, a TLS listener whose self-signed
//! certificate is for another name, and a host that does not resolve.

use std::net::{SocketAddr, TcpListener as StdTcpListener, UdpSocket as StdUdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use switchboard_core::connectivity::{CheckOptions, Transport, check};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn opts() -> CheckOptions {
    CheckOptions {
        timeout: Duration::from_secs(3),
        dns_timeout: Duration::from_secs(2),
    }
}

/// A free port on 127.0.0.1 (for the given transport).
fn free_port(udp: bool) -> u16 {
    if udp {
        StdUdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    } else {
        StdTcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }
}

/// sipp answering OPTIONS; killed when dropped.
struct Sipp(Child);

impl Sipp {
    fn start(transport: &str, port: u16) -> Sipp {
        let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sipp/options_uas.xml");
        let child = Command::new("sipp")
            .args([
                "-sf",
                scenario,
                "-i",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-t",
                transport,
                "-nostdin",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "sipp must be installed (Debian package sip-tester; scripts/setup.sh installs it)",
            );
        std::thread::sleep(Duration::from_millis(400));
        Sipp(child)
    }
}

impl Drop for Sipp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn sipp_answers_over_udp() {
    let port = free_port(true);
    let _peer = Sipp::start("u1", port);
    let r = check(&format!("sip:127.0.0.1:{port}"), opts()).await;
    assert!(r.reachable, "{r:?}");
    assert_eq!(r.status, Some(200));
    assert_eq!(r.transport, Some(Transport::Udp));
    assert_eq!(r.user_agent.as_deref(), Some("sipp-loopback-peer"));
    assert!(r.allow.as_deref().unwrap_or("").contains("OPTIONS"));
    assert!(
        r.verdict.starts_with("reachable, answers 200 OK in "),
        "{}",
        r.verdict
    );
}

#[tokio::test]
async fn sipp_answers_over_tcp() {
    let port = free_port(false);
    let _peer = Sipp::start("t1", port);
    let r = check(&format!("sip:localhost:{port};transport=tcp"), opts()).await;
    assert!(r.reachable, "{r:?}");
    assert_eq!(r.status, Some(200));
    assert_eq!(r.transport, Some(Transport::Tcp));
    assert_eq!(r.supported.as_deref(), Some("replaces, timer"));
}

#[tokio::test]
async fn a_silent_udp_peer_gets_a_firewall_verdict() {
    let silent = StdUdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let r = check(&format!("sip:127.0.0.1:{port}"), opts()).await;
    assert!(!r.reachable);
    assert!(
        r.verdict.contains(&format!("no answer on UDP {port}")),
        "{}",
        r.verdict
    );
    assert!(r.verdict.contains("firewall"), "{}", r.verdict);
    drop(silent);
}

#[tokio::test]
async fn a_closed_tcp_port_is_refused() {
    let port = free_port(false);
    let r = check(&format!("sip:127.0.0.1:{port};transport=tcp"), opts()).await;
    assert!(!r.reachable);
    assert!(
        r.verdict
            .contains(&format!("connection refused on TCP {port}")),
        "{}",
        r.verdict
    );
}

#[tokio::test]
async fn an_unresolvable_host_says_so() {
    let r = check("sip:no-such-sbc.invalid:5060", opts()).await;
    assert!(!r.reachable);
    assert!(r.verdict.contains("no-such-sbc.invalid"), "{}", r.verdict);
}

/// A TLS SIP peer with a self-signed certificate for `sbc.example.net`, answering OPTIONS.
async fn tls_peer() -> SocketAddr {
    let cert = rcgen::generate_simple_self_signed(vec!["sbc.example.net".to_string()]).unwrap();
    let der = rustls::pki_types::CertificateDer::from(cert.cert.der().to_vec());
    let key = rustls::pki_types::PrivateKeyDer::try_from(cert.key_pair.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![der], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(sock).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let mut got = Vec::new();
                while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                    let Ok(n) = tls.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
                let req = String::from_utf8_lossy(&got).to_string();
                let echo: String = req
                    .lines()
                    .filter(|l| {
                        ["Via:", "From:", "To:", "Call-ID:", "CSeq:"]
                            .iter()
                            .any(|h| l.starts_with(h))
                    })
                    .map(|l| format!("{l}\r\n"))
                    .collect();
                let resp = format!(
                    "SIP/2.0 200 OK\r\n{echo}User-Agent: tls-test-peer\r\nContent-Length: 0\r\n\r\n"
                );
                let _ = tls.write_all(resp.as_bytes()).await;
                let _ = tls.flush().await;
            });
        }
    });
    addr
}

#[tokio::test]
async fn tls_reports_a_certificate_for_another_name() {
    let addr = tls_peer().await;
    let r = check(
        &format!("sip:localhost:{};transport=tls", addr.port()),
        opts(),
    )
    .await;
    assert!(
        r.reachable,
        "the handshake goes on so the certificate can be reported: {r:?}"
    );
    assert_eq!(r.transport, Some(Transport::Tls));
    let cert = r.certificate.as_ref().expect("certificate reported");
    assert_eq!(cert.names, vec!["sbc.example.net".to_string()]);
    assert!(
        !cert.matches_host && cert.self_signed && !cert.trusted && !cert.expired,
        "{cert:?}"
    );
    assert!(
        r.verdict
            .contains("certificate is for sbc.example.net, not localhost"),
        "{}",
        r.verdict
    );
    assert!(r.verdict.contains("self-signed"), "{}", r.verdict);
}
