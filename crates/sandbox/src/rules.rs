//! Twilio's value rules that are not plain type checks: domain names, SIP URIs, IPv4
//! addresses, SIP credential policy. Each returns a message naming the field, value and rule.

use crate::error::{ApiError, ApiResult};

/// Longest friendly name on Trunk, OriginationUrl, CredentialList, Domain, IncomingPhoneNumber, Key.
pub const NAME_64: usize = 64;
/// Longest friendly name on IP ACL, IpAddress, BYOC trunk, Connection Policy, Target.
pub const NAME_255: usize = 255;
/// Most IP addresses in one ACL.
pub const MAX_IPS_PER_ACL: usize = 100;
/// Most IP ACLs in one account.
pub const MAX_ACLS: usize = 1000;

/// An absolute `http://` or `https://` URL with a host.
pub fn is_http_url(v: &str) -> bool {
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !v.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Labels of letters, digits and `-`, ending in `suffix` with at least one label before it.
fn check_domain(field: &str, v: &str, suffix: &str) -> ApiResult<()> {
    let lower = v.to_ascii_lowercase();
    let Some(prefix) = lower.strip_suffix(suffix) else {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: must end in {suffix}"
        )));
    };
    let Some(prefix) = prefix.strip_suffix('.') else {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: needs a name before .{suffix}"
        )));
    };
    let ok = !prefix.is_empty()
        && prefix.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: only letters, digits and '-' are allowed before .{suffix}"
        )))
    }
}

/// Trunk `DomainName`: `<name>.pstn.twilio.com`.
pub fn check_trunk_domain(v: &str) -> ApiResult<()> {
    check_domain("DomainName", v, "pstn.twilio.com")
}

/// SIP Domain `DomainName`: `<name>.sip.twilio.com`.
pub fn check_sip_domain(v: &str) -> ApiResult<()> {
    check_domain("DomainName", v, "sip.twilio.com")
}

/// A `sip:` URI with a host (`sips:` refused).
pub fn check_sip_uri(field: &str, v: &str) -> ApiResult<()> {
    if v.to_ascii_lowercase().starts_with("sips:") {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: sips: URIs are not supported, use sip:"
        )));
    }
    let Some(rest) = v.strip_prefix("sip:").or_else(|| v.strip_prefix("SIP:")) else {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: must be a sip: URI such as sip:pbx.example.com:5060"
        )));
    };
    let host_part = rest.rsplit('@').next().unwrap_or("");
    let host = host_part.split([':', ';', '?']).next().unwrap_or("");
    if host.is_empty() || rest.contains(char::is_whitespace) || host.starts_with('/') {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for {field}: the sip: URI has no host"
        )));
    }
    Ok(())
}

/// Dotted-decimal IPv4 (no IPv6, wildcards, CIDR suffixes or host names).
pub fn check_ipv4(v: &str) -> ApiResult<()> {
    let parts: Vec<&str> = v.split('.').collect();
    let ok = parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        });
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "Invalid value '{v}' for IpAddress: must be an IPv4 address in dotted-decimal form (IPv6, wildcards and host names are not accepted)"
        )))
    }
}

/// SIP credential username: 1–32 characters.
pub fn check_username(v: &str) -> ApiResult<()> {
    let n = v.chars().count();
    if n > 32 {
        return Err(ApiError::invalid(format!(
            "Invalid value '{v}' for Username: {n} characters, at most 32 allowed"
        )));
    }
    Ok(())
}

/// SIP credential password: at least 12 characters with an upper-case letter, a lower-case
/// letter and a digit. The value is never echoed back.
pub fn check_password(v: &str) -> ApiResult<()> {
    let mut missing = Vec::new();
    if v.chars().count() < 12 {
        missing.push("at least 12 characters");
    }
    if !v.chars().any(|c| c.is_ascii_uppercase()) {
        missing.push("an upper-case letter");
    }
    if !v.chars().any(|c| c.is_ascii_lowercase()) {
        missing.push("a lower-case letter");
    }
    if !v.chars().any(|c| c.is_ascii_digit()) {
        missing.push("a digit");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "Invalid value for Password: the password needs {}",
            missing.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert!(check_trunk_domain("demo-office.pstn.twilio.com").is_ok());
        assert!(check_trunk_domain("demo.office.pstn.twilio.com").is_ok());
        assert!(check_trunk_domain("pstn.twilio.com").is_err());
        assert!(check_trunk_domain("demo_office.pstn.twilio.com").is_err());
        assert!(check_trunk_domain("demo.sip.twilio.com").is_err());
        assert!(check_sip_domain("acme.sip.twilio.com").is_ok());
        assert!(check_sip_domain("-acme.sip.twilio.com").is_err());
    }

    #[test]
    fn sip_uris() {
        assert!(check_sip_uri("SipUrl", "sip:pbx.example.com:5060").is_ok());
        assert!(check_sip_uri("SipUrl", "sip:user@203.0.113.5;transport=tcp").is_ok());
        let sips = check_sip_uri("SipUrl", "sips:pbx.example.com").unwrap_err();
        assert!(
            sips.message.contains("sips: URIs are not supported"),
            "{}",
            sips.message
        );
        assert!(check_sip_uri("SipUrl", "http://pbx.example.com").is_err());
        assert!(check_sip_uri("SipUrl", "sip:").is_err());
    }

    #[test]
    fn ipv4_and_passwords() {
        assert!(check_ipv4("203.0.113.10").is_ok());
        assert!(check_ipv4("256.0.0.1").is_err());
        assert!(check_ipv4("203.0.113.*").is_err());
        assert!(check_ipv4("2001:db8::1").is_err());
        assert!(check_ipv4("pbx.example.com").is_err());
        assert!(check_password("Abcdefghijk1").is_ok());
        assert!(check_password("abcdefghijk1").is_err());
        assert!(check_password("Abc1").is_err());
        assert!(
            check_password("Abcdefghij1").is_err(),
            "11 characters is one short"
        );
        assert!(check_password("ABCDEFGHIJK1").is_err());
        assert!(check_password("Abcdefghijkl").is_err());
    }
}
