//! Who the client is: an Account SID with its Auth Token, or an API key (SID + secret) acting for
//! an account. v2010 paths always carry the Account SID, so it is required in both forms.

use crate::{AccountSid, ApiKeySid, Error, Secret};

/// The credentials a client authenticates with (HTTP Basic).
#[derive(Clone, Debug)]
pub enum Credentials {
    AuthToken {
        account_sid: AccountSid,
        token: Secret,
    },
    ApiKey {
        account_sid: AccountSid,
        key_sid: ApiKeySid,
        secret: Secret,
    },
}

impl Credentials {
    /// Account SID + Auth Token. The SID's format is checked here, before any request.
    pub fn auth_token(account_sid: &str, token: Secret) -> Result<Self, Error> {
        let account_sid = parse_field("account_sid", account_sid, AccountSid::parse)?;
        require_secret("auth_token", &token)?;
        Ok(Self::AuthToken { account_sid, token })
    }

    /// API key SID + secret, acting for `account_sid`.
    pub fn api_key(account_sid: &str, key_sid: &str, secret: Secret) -> Result<Self, Error> {
        let account_sid = parse_field("account_sid", account_sid, AccountSid::parse)?;
        let key_sid = parse_field("api_key_sid", key_sid, ApiKeySid::parse)?;
        require_secret("api_key_secret", &secret)?;
        Ok(Self::ApiKey {
            account_sid,
            key_sid,
            secret,
        })
    }

    pub fn account_sid(&self) -> &AccountSid {
        match self {
            Self::AuthToken { account_sid, .. } | Self::ApiKey { account_sid, .. } => account_sid,
        }
    }

    /// The HTTP Basic username (Account SID or API key SID) and password.
    pub(crate) fn basic(&self) -> (&str, &Secret) {
        match self {
            Self::AuthToken { account_sid, token } => (account_sid.as_str(), token),
            Self::ApiKey {
                key_sid, secret, ..
            } => (key_sid.as_str(), secret),
        }
    }

    /// "auth token" or "API key", for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::AuthToken { .. } => "auth token",
            Self::ApiKey { .. } => "API key",
        }
    }
}

fn parse_field<T>(
    field: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, crate::SidError>,
) -> Result<T, Error> {
    parse(value.trim()).map_err(|e| Error::InvalidInput {
        field: field.into(),
        value: value.into(),
        rule: e.to_string(),
    })
}

fn require_secret(field: &'static str, secret: &Secret) -> Result<(), Error> {
    if secret.expose().trim().is_empty() {
        return Err(Error::InvalidInput {
            field: field.into(),
            value: String::new(),
            rule: "must not be empty".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AC: &str = "AC0123456789abcdef0123456789abcdef";

    #[test]
    fn sid_format_checked_before_any_request() {
        let err = Credentials::auth_token("AC123", Secret::new("t")).unwrap_err();
        match err {
            Error::InvalidInput { field, .. } => assert_eq!(field, "account_sid"),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
        let err = Credentials::api_key(AC, "AC0123456789abcdef0123456789abcdef", Secret::new("s"))
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "api_key_sid"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let c = Credentials::auth_token(AC, Secret::new("tok-should-not-print")).unwrap();
        assert!(!format!("{c:?}").contains("tok-should-not-print"));
    }
}
