//! Finding the addresses to send to (RFC 3263, simplified): an IP as it is; a name with a port
//! through A/AAAA; a name without a port through its SIP SRV records first, falling back to
//! A/AAAA on the transport's default port when it has none.

use std::net::SocketAddr;
use std::time::Duration;

use super::target::Target;

/// Where the check will send, and how that was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub addrs: Vec<SocketAddr>,
    /// The SRV record used, as `_sip._udp.host → target:port`, if any.
    pub srv: Option<String>,
}

/// Resolves `target`; the error is a sentence for the user.
pub async fn resolve(target: &Target, timeout: Duration) -> Result<Resolution, String> {
    if let Ok(ip) = target.host.parse::<std::net::IpAddr>() {
        let port = target.port.unwrap_or(target.transport.default_port());
        return Ok(Resolution {
            addrs: vec![SocketAddr::new(ip, port)],
            srv: None,
        });
    }
    if let Some(port) = target.port {
        let addrs = lookup(&target.host, port, timeout).await?;
        return Ok(Resolution { addrs, srv: None });
    }
    if let Some((srv_host, srv_port, label)) = srv_lookup(target, timeout).await
        && let Ok(addrs) = lookup(&srv_host, srv_port, timeout).await
    {
        return Ok(Resolution {
            addrs,
            srv: Some(label),
        });
    }
    let addrs = lookup(&target.host, target.transport.default_port(), timeout).await?;
    Ok(Resolution { addrs, srv: None })
}

async fn lookup(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, String> {
    let found = tokio::time::timeout(timeout, tokio::net::lookup_host((host, port)))
        .await
        .map_err(|_| format!("{host} could not be resolved in time (DNS did not answer)"))?
        .map_err(|_| format!("{host} does not resolve: check the host name (DNS)"))?;
    let mut addrs: Vec<SocketAddr> = found.collect();
    // IPv4 first: Twilio signals over IPv4.
    addrs.sort_by_key(|a| a.is_ipv6());
    addrs.dedup();
    if addrs.is_empty() {
        return Err(format!("{host} has no address records"));
    }
    Ok(addrs)
}

/// The most preferred SRV record (lowest priority, then highest weight), if DNS has one.
async fn srv_lookup(target: &Target, timeout: Duration) -> Option<(String, u16, String)> {
    let (config, mut opts) = hickory_resolver::system_conf::read_system_conf().ok()?;
    opts.timeout = timeout;
    opts.attempts = 1;
    let resolver = hickory_resolver::TokioAsyncResolver::tokio(config, opts);
    let name = format!("{}.{}.", target.transport.srv_prefix(), target.host);
    let lookup = tokio::time::timeout(timeout, resolver.srv_lookup(name.clone()))
        .await
        .ok()?
        .ok()?;
    let best = lookup
        .iter()
        .min_by_key(|r| (r.priority(), std::cmp::Reverse(r.weight())))?;
    let host = best.target().to_utf8().trim_end_matches('.').to_string();
    let label = format!("{} → {}:{}", name.trim_end_matches('.'), host, best.port());
    Some((host, best.port(), label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn ips_and_explicit_ports_need_no_srv() {
        let t = Target::parse("sip:127.0.0.1").unwrap();
        let r = resolve(&t, Duration::from_secs(1)).await.unwrap();
        assert_eq!(r.addrs, vec!["127.0.0.1:5060".parse().unwrap()]);
        let t = Target::parse("sip:localhost:5080;transport=tcp").unwrap();
        let r = resolve(&t, Duration::from_secs(1)).await.unwrap();
        assert!(r.addrs.iter().all(|a| a.port() == 5080));
    }

    #[tokio::test]
    async fn unresolvable_names_say_so() {
        let t = Target::parse("sip:nonexistent-host.invalid:5060").unwrap();
        let e = resolve(&t, Duration::from_secs(2)).await.unwrap_err();
        assert!(e.contains("nonexistent-host.invalid"), "{e}");
    }
}
