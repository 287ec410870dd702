//! Typed SIDs: a Twilio SID is two letters naming its kind and 32 hex digits. A value of
//! `TrunkSid` is known to look like `TK…`, so a credential-list SID can never be passed where a
//! trunk is expected, and a malformed one is refused at the edge with the field named.

use std::fmt;

/// Why a string is not a valid SID of the kind expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{value}` is not a valid {kind} SID: it must be `{prefix}` followed by 32 hexadecimal digits (34 characters)"
)]
pub struct SidError {
    pub kind: &'static str,
    pub prefix: &'static str,
    pub value: String,
}

/// Checks `value` against `prefix` + 32 hex digits.
pub fn check_sid(value: &str, prefix: &'static str, kind: &'static str) -> Result<(), SidError> {
    let ok = value.len() == 34
        && value.starts_with(prefix)
        && value[2..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(())
    } else {
        Err(SidError {
            kind,
            prefix,
            value: value.to_string(),
        })
    }
}

macro_rules! sid_types {
    ($($name:ident = $prefix:literal, $kind:literal;)*) => {$(
        #[doc = concat!("SID of a ", $kind, " (`", $prefix, "` + 32 hex digits).")]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
            pub const KIND: &'static str = $kind;

            pub fn parse(value: &str) -> Result<Self, SidError> {
                check_sid(value, $prefix, $kind).map(|()| Self(value.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = SidError;
            fn from_str(s: &str) -> Result<Self, SidError> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

sid_types! {
    AccountSid = "AC", "account";
    ApiKeySid = "SK", "API key";
    TrunkSid = "TK", "trunk";
    OriginationUrlSid = "OU", "origination URL";
    IpAccessControlListSid = "AL", "IP access control list";
    IpAddressSid = "IP", "IP address";
    CredentialListSid = "CL", "credential list";
    CredentialSid = "CR", "credential";
    SipDomainSid = "SD", "SIP domain";
    PhoneNumberSid = "PN", "phone number";
    ApplicationSid = "AP", "application";
    CallSid = "CA", "call";
    ByocTrunkSid = "BY", "BYOC trunk";
    ConnectionPolicySid = "NY", "connection policy";
    ConnectionPolicyTargetSid = "NE", "connection policy target";
    IpRecordSid = "IL", "IP record";
    SourceIpMappingSid = "IB", "source IP mapping";
    ServiceSid = "ZS", "Serverless service";
    EnvironmentSid = "ZE", "Serverless environment";
    FunctionSid = "ZH", "Serverless function";
    FunctionVersionSid = "ZN", "function version";
    BuildSid = "ZB", "Serverless build";
    DeploymentSid = "ZD", "Serverless deployment";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_prefix_and_32_hex_digits() {
        let sid = TrunkSid::parse("TK0123456789abcdefABCDEF0123456789").unwrap();
        assert_eq!(sid.as_str(), "TK0123456789abcdefABCDEF0123456789");
    }

    #[test]
    fn refuses_wrong_prefix_length_or_digits() {
        for bad in [
            "CL0123456789abcdef0123456789abcdef",
            "TK0123456789abcdef0123456789abcde",
            "TK0123456789abcdef0123456789abcdef0",
            "TK0123456789abcdef0123456789abcdeg",
            "",
        ] {
            let err = TrunkSid::parse(bad).expect_err(bad);
            assert!(
                err.to_string().contains("trunk SID"),
                "message names the kind: {err}"
            );
        }
    }

    #[test]
    fn deserialising_checks_the_pattern() {
        let ok: Result<CredentialListSid, _> =
            serde_json::from_str("\"CL0123456789abcdef0123456789abcdef\"");
        assert!(ok.is_ok());
        let bad: Result<CredentialListSid, _> = serde_json::from_str("\"AL0123\"");
        assert!(bad.is_err());
    }
}
