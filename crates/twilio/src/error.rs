//! Every way a Twilio call can fail, kept apart so callers can act on each: Twilio said no
//! (status, Twilio `code`, `message`, `more_info`), the network failed, the response could not be
//! decoded, or the input was refused before any request.

use std::time::Duration;

/// A failed Twilio operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Twilio (or the sandbox) answered with an error status.
    #[error("Twilio refused the request ({status}{}): {message}", code.map(|c| format!(", error {c}")).unwrap_or_default())]
    Api {
        status: u16,
        code: Option<i64>,
        message: String,
        more_info: Option<String>,
    },
    /// The request could not be completed over the network. `maybe_applied` is true when the
    /// request may have reached Twilio before the failure (the caller must look before retrying
    /// a create).
    #[error("could not reach Twilio at {url}: {message}")]
    Network {
        url: String,
        message: String,
        maybe_applied: bool,
    },
    /// No answer within the client's timeout.
    #[error("Twilio did not answer within {0:?}")]
    Timeout(Duration),
    /// The response did not have the shape expected; `path` names the field.
    #[error("unexpected response from Twilio at `{path}`: {message}")]
    Decode { path: String, message: String },
    /// An input was refused before any request was made.
    #[error("`{value}` is not a valid {field}: {rule}")]
    InvalidInput {
        field: String,
        value: String,
        rule: String,
    },
}

impl Error {
    /// The HTTP status, for API errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Twilio's error code, for API errors that carried one.
    pub fn twilio_code(&self) -> Option<i64> {
        match self {
            Error::Api { code, .. } => *code,
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Builds an API error from a response body, falling back to the status alone when the body
    /// is not Twilio's `{code, message, more_info, status}` JSON.
    pub(crate) fn from_response(status: u16, body: &[u8]) -> Self {
        #[derive(serde::Deserialize)]
        struct Body {
            code: Option<i64>,
            message: Option<String>,
            more_info: Option<String>,
        }
        match serde_json::from_slice::<Body>(body) {
            Ok(b) => Error::Api {
                status,
                code: b.code,
                message: b.message.unwrap_or_else(|| default_message(status)),
                more_info: b.more_info.filter(|s| !s.is_empty()),
            },
            Err(_) => Error::Api {
                status,
                code: None,
                message: default_message(status),
                more_info: None,
            },
        }
    }
}

fn default_message(status: u16) -> String {
    match status {
        401 => "authentication failed: check the Account SID and token".into(),
        404 => "not found".into(),
        429 => "too many requests".into(),
        s if s >= 500 => format!("Twilio had an internal error (HTTP {s})"),
        s => format!("HTTP {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_twilio_fields() {
        let e = Error::from_response(
            400,
            br#"{"code":21212,"message":"Invalid From","more_info":"https://www.twilio.com/docs/errors/21212","status":400}"#,
        );
        match e {
            Error::Api {
                status,
                code,
                message,
                more_info,
            } => {
                assert_eq!((status, code), (400, Some(21212)));
                assert_eq!(message, "Invalid From");
                assert_eq!(
                    more_info.as_deref(),
                    Some("https://www.twilio.com/docs/errors/21212")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn falls_back_to_status_when_body_is_not_json() {
        let e = Error::from_response(502, b"<html>bad gateway</html>");
        assert_eq!(e.status(), Some(502));
        assert_eq!(e.twilio_code(), None);
        assert!(e.to_string().contains("502"));
    }
}
