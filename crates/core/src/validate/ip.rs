//! IPv4 addresses and CIDR prefix lengths for Twilio IP access control lists and IP records.
//! Twilio takes dotted-decimal IPv4 only; private and reserved ranges are refused here because
//! Twilio can never receive traffic from them.

use std::net::Ipv4Addr;

use super::Issue;

/// Why an address is not reachable from the internet, if it is not.
pub fn non_public_reason(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (10, ..) => "a private address",
        (172, 16..=31, _) => "a private address",
        (192, 168, _) => "a private address",
        (127, ..) => "a loopback address",
        (0, ..) => "a reserved \"this network\" address",
        (169, 254, _) => "a link-local address",
        (100, 64..=127, _) => "a carrier-grade NAT (shared) address",
        (192, 0, 0) => "reserved for protocol assignments",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "reserved for documentation examples",
        (198, 18..=19, _) => "reserved for network benchmarking",
        (224..=239, ..) => "a multicast address",
        (240..=255, ..) => "a reserved address",
        _ => return None,
    })
}

/// Parses strict dotted-decimal IPv4 (`203.0.113.5`), explaining what is wrong otherwise.
pub fn parse_ipv4(path: &str, value: &str) -> Result<Ipv4Addr, Issue> {
    let v = value.trim();
    let bad = |msg: String| Err(Issue::error(path, msg));
    if v.is_empty() {
        return bad(
            "The IP address is empty. Enter your SBC's public IPv4 address, such as 54.172.60.1."
                .into(),
        );
    }
    if v.contains(':') {
        return bad(format!(
            "`{v}` is an IPv6 address. Twilio IP access control lists accept IPv4 addresses only, in dotted-decimal form such as 54.172.60.1."
        ));
    }
    if v.contains('*') || v.contains('x') || v.contains('X') {
        return bad(format!(
            "`{v}` uses a wildcard. Twilio does not accept wildcards: enter the network address and a prefix length instead (for example 54.172.60.0 with /24)."
        ));
    }
    let parts: Vec<&str> = v.split('.').collect();
    let well_formed = parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        });
    match v.parse::<Ipv4Addr>() {
        Ok(ip) if well_formed => Ok(ip),
        _ => bad(format!(
            "`{v}` is not an IPv4 address. Write four numbers from 0 to 255 separated by dots, without leading zeros, such as 54.172.60.1."
        )),
    }
}

/// Checks an address that Twilio must be able to reach (ACL entry, IP record, SIP URI host).
pub fn public_ipv4_issues(path: &str, value: &str) -> Vec<Issue> {
    match parse_ipv4(path, value) {
        Err(e) => vec![e],
        Ok(ip) => match non_public_reason(ip) {
            Some(why) => vec![
                Issue::error(
                    path,
                    format!("`{ip}` is {why}. Twilio can only reach public IPv4 addresses — use your SBC's public address."),
                )
                .with_hint("Find the public address your SBC's traffic leaves from (your firewall or NAT's external address)."),
            ],
            None => Vec::new(),
        },
    }
}

/// Checks an ACL entry: address plus optional prefix length (absent = the single address).
pub fn acl_entry_issues(path: &str, address: &str, prefix: Option<i64>) -> Vec<Issue> {
    let mut issues = public_ipv4_issues(&format!("{path}.ip_address"), address);
    let Some(len) = prefix else { return issues };
    let ppath = format!("{path}.cidr_prefix_length");
    match len {
        0 => issues.push(
            Issue::error(ppath, "A prefix length of /0 would allow every address on the internet, and Twilio stores /0 as /32 (a single address).")
                .with_hint("List your SBC's addresses, each with /32, or the smallest network that holds them."),
        ),
        1..=32 => {
            if let Ok(ip) = parse_ipv4(path, address) {
                let mask = u32::MAX << (32 - len as u32);
                let network = Ipv4Addr::from(u32::from(ip) & mask);
                if network != ip {
                    issues.push(Issue::warning(
                        ppath.clone(),
                        format!("`{ip}/{len}` has host bits set: the /{len} network containing it starts at {network}. Write `{network}/{len}` to make that clear."),
                    ));
                }
            }
            if len < 16 {
                let count = 1u64 << (32 - len);
                issues.push(Issue::warning(
                    ppath,
                    format!("/{len} allows {count} addresses to send calls through your trunk. Allow only your SBC's addresses (usually /32)."),
                ));
            }
        }
        _ => issues.push(Issue::error(
            ppath,
            format!("The prefix length must be between 1 and 32 (32 means a single address); {len} is out of range."),
        )),
    }
    issues
}

/// Splits a pasted `address[/prefix]` entry.
pub fn split_cidr(entry: &str) -> (&str, Option<Result<i64, String>>) {
    match entry.trim().split_once('/') {
        None => (entry.trim(), None),
        Some((a, p)) => (
            a.trim(),
            Some(p.trim().parse::<i64>().map_err(|_| {
                format!(
                    "`/{}` is not a prefix length: write a number from 1 to 32",
                    p.trim()
                )
            })),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Severity, has_errors};

    #[test]
    fn public_addresses_pass() {
        assert!(public_ipv4_issues("ip", "54.172.60.1").is_empty());
        assert!(acl_entry_issues("acl[0]", "54.172.60.0", Some(30)).is_empty());
        assert!(acl_entry_issues("acl[0]", "13.200.45.61", None).is_empty());
    }

    #[test]
    fn private_address_uses_the_ux_wording() {
        let i = public_ipv4_issues("ip", "10.0.0.5");
        assert_eq!(
            i[0].message,
            "`10.0.0.5` is a private address. Twilio can only reach public IPv4 addresses — use your SBC's public address."
        );
        for ip in [
            "192.168.1.1",
            "172.20.0.1",
            "127.0.0.1",
            "169.254.1.1",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "0.1.2.3",
            "203.0.113.9",
        ] {
            assert!(
                has_errors(&public_ipv4_issues("ip", ip)),
                "{ip} must be refused"
            );
        }
        assert!(
            public_ipv4_issues("ip", "172.32.0.1").is_empty(),
            "172.32/16 is public"
        );
    }

    #[test]
    fn ipv6_wildcards_and_garbage_are_refused() {
        for (v, word) in [
            ("2001:db8::1", "IPv6"),
            ("10.0.*.*", "wildcard"),
            ("1.2.3", "not an IPv4"),
            ("01.2.3.4", "leading zeros"),
            ("256.1.1.1", "0 to 255"),
            ("", "empty"),
        ] {
            let e = parse_ipv4("ip", v).unwrap_err();
            assert!(e.message.contains(word), "{v}: {}", e.message);
            assert_eq!(e.path, "ip");
        }
    }

    #[test]
    fn prefix_lengths() {
        let zero = acl_entry_issues("a", "54.172.60.0", Some(0));
        assert!(zero[0].message.contains("/0"), "{zero:?}");
        assert!(has_errors(&acl_entry_issues("a", "54.172.60.0", Some(33))));
        assert_eq!(
            acl_entry_issues("a", "54.172.60.0", Some(33))[0].path,
            "a.cidr_prefix_length"
        );
        let host = acl_entry_issues("a", "54.172.60.5", Some(30));
        assert_eq!(host[0].severity, Severity::Warning);
        assert!(host[0].message.contains("54.172.60.4/30"), "{host:?}");
        assert!(
            acl_entry_issues("a", "54.0.0.0", Some(8))
                .iter()
                .any(|i| i.message.contains("16777216"))
        );
        assert_eq!(split_cidr("54.172.60.0/30"), ("54.172.60.0", Some(Ok(30))));
        assert!(split_cidr("1.2.3.4/x").1.unwrap().is_err());
    }
}
