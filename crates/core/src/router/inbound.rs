//! A BYOC carrier's calls into Twilio by source address: a SIP domain whose BYOC trunk is the
//! spec's trunk, and the carrier's signalling addresses (IP records) mapped to it (source IP
//! mappings), so the carrier's INVITEs need not name the domain.

use serde::{Deserialize, Serialize};

use crate::validate::Issue;
use crate::validate::ip::{public_ipv4_issues, split_cidr};
use crate::validate::twilio::sip_domain_issues;

/// Where the carrier's calls come in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ByocInbound {
    /// The SIP domain (`<label>.sip.twilio.com`) that receives the carrier's calls; made if it
    /// does not exist, and its BYOC trunk set to the spec's trunk.
    pub sip_domain: String,
    /// The carrier's signalling addresses: public IPv4, optionally `/prefix` (1–32).
    #[serde(default)]
    pub carrier_ips: Vec<String>,
}

/// `52.215.127.10` → (`52.215.127.10`, 32); `54.172.60.0/24` → (`54.172.60.0`, 24). `None` when
/// the entry is not valid (see [`inbound_issues`]).
pub fn carrier_address(entry: &str) -> Option<(String, u8)> {
    let (addr, prefix) = split_cidr(entry);
    let prefix = match prefix {
        None => 32,
        Some(Ok(p)) if (1..=32).contains(&p) => p as u8,
        Some(_) => return None,
    };
    let ip: std::net::Ipv4Addr = addr.parse().ok()?;
    Some((ip.to_string(), prefix))
}

/// Field issues of a BYOC spec's `inbound`.
pub fn inbound_issues(inbound: Option<&ByocInbound>) -> Vec<Issue> {
    let Some(i) = inbound else {
        return vec![];
    };
    let mut out = sip_domain_issues("inbound.sip_domain", &i.sip_domain);
    if i.carrier_ips.is_empty() {
        out.push(
            Issue::error(
                "inbound.carrier_ips",
                "No carrier addresses: Twilio needs the addresses the carrier sends calls from to know they belong to this domain.",
            )
            .with_hint("Ask the carrier for the public addresses its SBCs send SIP from"),
        );
    }
    let mut seen: Vec<((String, u8), usize)> = Vec::new();
    for (n, entry) in i.carrier_ips.iter().enumerate() {
        let path = format!("inbound.carrier_ips[{n}]");
        let (addr, prefix) = split_cidr(entry);
        let mut issues = public_ipv4_issues(&path, addr);
        match prefix {
            Some(Err(e)) => issues.push(Issue::error(&path, e)),
            Some(Ok(p)) if !(1..=32).contains(&p) => issues.push(Issue::error(
                &path,
                format!("The prefix length must be between 1 and 32 (32 means a single address); {p} is out of range."),
            )),
            _ => {}
        }
        if issues.is_empty()
            && let Some(key) = carrier_address(entry)
        {
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, first)) => issues.push(Issue::error(
                    &path,
                    format!(
                        "{}/{} is already in row {}: each address once.",
                        key.0,
                        key.1,
                        first + 1
                    ),
                )),
                None => seen.push((key, n)),
            }
        }
        out.extend(issues);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_addresses_are_checked_by_row() {
        let i = ByocInbound {
            sip_domain: "carrier-y.sip.twilio.com".into(),
            carrier_ips: vec![
                "52.215.127.10".into(),
                "10.0.0.1".into(),
                "54.172.60.0/24".into(),
                "52.215.127.10/32".into(),
                "54.172.60.0/40".into(),
                "sbc.example.com".into(),
            ],
        };
        let issues = inbound_issues(Some(&i));
        let at = |p: &str| issues.iter().filter(|x| x.path == p).count();
        assert_eq!(at("inbound.carrier_ips[0]"), 0);
        assert_eq!(at("inbound.carrier_ips[1]"), 1, "private");
        assert_eq!(at("inbound.carrier_ips[2]"), 0);
        assert_eq!(at("inbound.carrier_ips[3]"), 1, "same as row 1");
        assert_eq!(at("inbound.carrier_ips[4]"), 1, "prefix");
        assert_eq!(at("inbound.carrier_ips[5]"), 1, "not an address");
        assert_eq!(issues.len(), 4, "{issues:#?}");
        assert_eq!(
            carrier_address(" 54.172.60.0/24 "),
            Some(("54.172.60.0".into(), 24))
        );
        let none = ByocInbound {
            sip_domain: "nope.example.com".into(),
            carrier_ips: vec![],
        };
        let paths: Vec<String> = inbound_issues(Some(&none))
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert!(paths.contains(&"inbound.sip_domain".to_string()));
        assert!(paths.contains(&"inbound.carrier_ips".to_string()));
    }
}
