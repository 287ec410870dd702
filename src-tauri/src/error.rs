//! The one error shape that crosses into the UI: `{code, message, field?, twilio_code?,
//! more_info?}`. The UI branches on [`Code`] only; `message` is already written for people.
//! Every failure inside the app (Twilio, keychain, profile file, sandbox) is converted here, so
//! the wording of an error lives in one place.

use serde::Serialize;
use switchboard_twilio::Error as TwilioError;
use ts_rs::TS;

/// What kind of failure this is; the UI picks its treatment from this alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A field the user typed is malformed; `field` names it.
    InvalidInput,
    /// Twilio answered 401: the SID and token (or key and secret) do not match.
    WrongCredentials,
    /// The credentials are valid but the account is suspended or closed.
    AccountSuspended,
    /// Twilio could not be reached (DNS, TLS, connection refused, timeout).
    Unreachable,
    /// Twilio refused the request for another reason; `twilio_code` and `more_info` say why.
    Twilio,
    /// Something asked for an account but none is connected.
    NotConnected,
    /// The profile (or other thing) asked for does not exist.
    NotFound,
    /// The OS keychain could not store, read or delete a secret.
    Keychain,
    /// The app's own files (profiles, demo state) could not be read or written.
    Storage,
    /// The built-in demo account could not be started.
    Demo,
    /// A bug: the app got into a state it should not.
    Internal,
    /// A spec (or a request built from one) breaks a rule; `issues` lists each field's problem.
    Invalid,
    /// The app cannot do this yet (the message says what is missing).
    Unsupported,
    /// Refused because of other work: the account changed since the plan was made, another
    /// run is in progress, or an interrupted run must be resumed or rolled back first.
    Conflict,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub twilio_code: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub more_info: Option<String>,
    /// Every field problem, for `invalid` (spec validation) errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub issues: Option<Vec<switchboard_core::validate::Issue>>,
}

impl AppError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            twilio_code: None,
            more_info: None,
            issues: None,
        }
    }

    /// A spec validation failure carrying every issue; the message summarises the first ones.
    pub fn invalid_spec(issues: Vec<switchboard_core::validate::Issue>) -> Self {
        let n = issues.len();
        let first: Vec<String> = issues
            .iter()
            .take(3)
            .map(|i| {
                if i.path.is_empty() {
                    i.message.clone()
                } else {
                    format!("{}: {}", i.path, i.message)
                }
            })
            .collect();
        let more = if n > 3 {
            format!(" (and {} more)", n - 3)
        } else {
            String::new()
        };
        Self {
            field: issues
                .first()
                .map(|i| i.path.clone())
                .filter(|p| !p.is_empty()),
            issues: Some(issues),
            ..Self::new(
                Code::Invalid,
                format!("The spec has {n} problem(s): {}{more}", first.join("; ")),
            )
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_string()),
            ..Self::new(Code::InvalidInput, message)
        }
    }

    pub fn not_connected() -> Self {
        Self::new(
            Code::NotConnected,
            "No account is connected. Choose the demo or your Twilio account first.",
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for AppError {}

/// Twilio error code for "account not active" (suspended or closed accounts).
const ACCOUNT_NOT_ACTIVE: i64 = 20005;

impl From<TwilioError> for AppError {
    fn from(e: TwilioError) -> Self {
        match e {
            TwilioError::InvalidInput { field, value, rule } => {
                let label = field_label(&field);
                let message = if value.is_empty() {
                    format!("{label} {rule}.")
                } else {
                    format!("`{value}` is not a valid {label}: {rule}.")
                };
                AppError::invalid(&field, message)
            }
            TwilioError::Api {
                status,
                code,
                message,
                more_info,
            } => {
                let (kind, text) = if code == Some(ACCOUNT_NOT_ACTIVE) {
                    (
                        Code::AccountSuspended,
                        format!(
                            "This Twilio account is not active (suspended or closed): {message}"
                        ),
                    )
                } else if status == 401 {
                    (
                        Code::WrongCredentials,
                        "Twilio did not accept these credentials (HTTP 401). Check the Account SID and the Auth Token \
                         (or the API key SID and its secret) in the Twilio Console, under Account > API keys & tokens."
                            .to_string(),
                    )
                } else if status == 404 {
                    (
                        Code::NotFound,
                        format!("Twilio could not find it (HTTP 404): {message}"),
                    )
                } else {
                    (
                        Code::Twilio,
                        format!("Twilio refused the request (HTTP {status}): {message}"),
                    )
                };
                AppError {
                    code: kind,
                    message: text,
                    field: None,
                    twilio_code: code,
                    more_info,
                    issues: None,
                }
            }
            TwilioError::Network { url, message, .. } => AppError::new(
                Code::Unreachable,
                format!(
                    "Could not reach Twilio at {url}: {message}. Check the internet connection, a proxy or firewall, and the region/edge or base URL in Advanced."
                ),
            ),
            TwilioError::Timeout(d) => AppError::new(
                Code::Unreachable,
                format!(
                    "Twilio did not answer within {} s. Check the internet connection and try again.",
                    d.as_secs()
                ),
            ),
            TwilioError::Decode { path, message } => AppError::new(
                Code::Internal,
                format!("Twilio's answer had an unexpected shape at `{path}`: {message}"),
            ),
        }
    }
}

/// People-facing names of the fields the Twilio client checks.
fn field_label(field: &str) -> &str {
    match field {
        "account_sid" => "Account SID",
        "auth_token" => "Auth Token",
        "api_key_sid" => "API key SID",
        "api_key_secret" => "API key secret",
        other => other,
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_on_the_wire_is_pinned() {
        let e = AppError::from(TwilioError::Api {
            status: 401,
            code: Some(20003),
            message: "Authenticate".into(),
            more_info: Some("https://www.twilio.com/docs/errors/20003".into()),
        });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "wrong_credentials");
        assert_eq!(json["twilioCode"], 20003);
        assert_eq!(json["moreInfo"], "https://www.twilio.com/docs/errors/20003");
        assert!(
            json.get("field").is_none(),
            "absent optionals are omitted, not null"
        );
        assert_eq!(
            json.as_object().unwrap().len(),
            4,
            "exactly code, message, twilioCode, moreInfo: {json}"
        );
    }

    #[test]
    fn each_failure_gets_its_own_code() {
        let sid = AppError::from(TwilioError::InvalidInput {
            field: "account_sid".into(),
            value: "AC12".into(),
            rule: "must be AC followed by 32 hex digits".into(),
        });
        assert_eq!(
            (sid.code, sid.field.as_deref()),
            (Code::InvalidInput, Some("account_sid"))
        );
        assert!(
            sid.message.contains("AC12") && sid.message.contains("Account SID"),
            "{}",
            sid.message
        );

        let net = AppError::from(TwilioError::Network {
            url: "https://api.twilio.com".into(),
            message: "connection refused".into(),
            maybe_applied: false,
        });
        assert_eq!(net.code, Code::Unreachable);
        let to = AppError::from(TwilioError::Timeout(std::time::Duration::from_secs(30)));
        assert_eq!(to.code, Code::Unreachable);

        let suspended = AppError::from(TwilioError::Api {
            status: 401,
            code: Some(20005),
            message: "Account not active".into(),
            more_info: None,
        });
        assert_eq!(
            suspended.code,
            Code::AccountSuspended,
            "20005 wins over the 401 status"
        );

        let other = AppError::from(TwilioError::Api {
            status: 400,
            code: Some(21212),
            message: "bad".into(),
            more_info: None,
        });
        assert_eq!((other.code, other.twilio_code), (Code::Twilio, Some(21212)));
    }
}
