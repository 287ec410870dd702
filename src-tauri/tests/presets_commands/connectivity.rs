//! The connectivity check against SIP peers on loopback: a UDP and a TCP peer that answer
//! OPTIONS, a UDP port that stays silent and a TCP port nothing listens on; results stream per
//! URI in plain words, directly and over IPC.

use std::time::Duration;

use serde_json::json;
use switchboard_desktop::commands::connectivity::{self, ConnectivityEvent, ConnectivityRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::app;

/// A SIP answer to an OPTIONS request (Via, From, To, Call-ID and CSeq copied back).
fn answer(request: &str) -> String {
    let mut out = String::from("SIP/2.0 200 OK\r\n");
    for line in request.split("\r\n") {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if ["via", "from", "call-id", "cseq"].contains(&name.as_str()) {
            out.push_str(line);
            out.push_str("\r\n");
        } else if name == "to" {
            out.push_str(line);
            out.push_str(";tag=loop1\r\n");
        }
    }
    out.push_str("Allow: INVITE, ACK, OPTIONS, BYE\r\nUser-Agent: LoopbackSBC 1.0\r\nContent-Length: 0\r\n\r\n");
    out
}

async fn udp_peer() -> u16 {
    let s = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let port = s.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, from)) = s.recv_from(&mut buf).await {
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let _ = s.send_to(answer(&req).as_bytes(), from).await;
        }
    });
    port
}

async fn tcp_peer() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut c, _)) = l.accept().await {
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match c.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let req = String::from_utf8_lossy(&buf).to_string();
                let _ = c.write_all(answer(&req).as_bytes()).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
            });
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn connectivity_results_stream_per_uri_in_plain_words() {
    let udp = udp_peer().await;
    let tcp = tcp_peer().await;
    // A UDP port that never answers, and a TCP port nothing listens on.
    let silent = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let spec = json!({ "kind": "elastic_trunk", "origination_urls": [
        { "name": "a", "sip_url": format!("sip:127.0.0.1:{udp}") },
        { "name": "b", "sip_url": format!("sip:127.0.0.1:{tcp};transport=tcp") },
    ]});
    let req = ConnectivityRequest {
        uris: vec![
            format!("sip:127.0.0.1:{silent_port}"),
            format!("sip:127.0.0.1:{closed};transport=tcp"),
        ],
        spec: Some(spec),
        timeout_ms: Some(1500),
    };
    let events = std::sync::Mutex::new(Vec::new());
    let summary = connectivity::run(req, |e| events.lock().unwrap().push(e))
        .await
        .unwrap();
    let events = events.into_inner().unwrap();
    assert!(
        matches!(&events[0], ConnectivityEvent::Started { uris } if uris.len() == 4),
        "first the list"
    );
    assert_eq!(events.len(), 5, "then one event per URI");
    assert_eq!((summary.total, summary.reachable), (4, 2));
    let by = |needle: &str| {
        summary
            .results
            .iter()
            .find(|r| r.uri.contains(needle))
            .unwrap()
    };
    let u = by(&format!(":{udp}"));
    assert!(u.reachable && u.status == Some(200), "{u:?}");
    assert!(
        u.verdict.starts_with("reachable, answers 200 OK in"),
        "{}",
        u.verdict
    );
    assert_eq!(u.user_agent.as_deref(), Some("LoopbackSBC 1.0"));
    assert!(u.rtt_ms.is_some());
    let t = by(&format!(":{tcp}"));
    assert!(
        t.reachable && t.transport.as_deref() == Some("TCP"),
        "{t:?}"
    );
    let s = by(&format!(":{silent_port}"));
    assert!(!s.reachable);
    assert!(
        s.verdict.starts_with("no answer on UDP") && s.verdict.contains("firewall"),
        "{}",
        s.verdict
    );
    let c = by(&format!(":{closed}"));
    assert!(c.verdict.contains("connection refused"), "{}", c.verdict);
    drop(silent);
}

#[test]
fn connectivity_over_ipc_returns_every_result_and_names_empty_requests() {
    let t = app();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let udp = rt.block_on(udp_peer());
    let r = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": [format!("sip:127.0.0.1:{udp}")] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap();
    assert_eq!(r["total"], 1);
    assert_eq!(r["reachable"], 1);
    assert_eq!(r["results"][0]["status"], 200);
    assert!(r["results"][0]["rttMs"].is_number());

    let e = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": [] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "uris");
    let e = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": ["http://example.com"] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap();
    assert_eq!(e["results"][0]["reachable"], false);
    assert!(
        e["results"][0]["verdict"]
            .as_str()
            .unwrap()
            .contains("is not a SIP URI"),
        "{e}"
    );
}
