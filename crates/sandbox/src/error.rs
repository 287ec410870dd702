//! Twilio-shaped error responses.
//!
//! Every refusal the sandbox makes goes through [`ApiError`] so that clients see the one error
//! body Twilio documents: `{code, message, more_info, status}` with `more_info` pointing at
//! `https://www.twilio.com/docs/errors/<code>`. The codes used are listed in `RULES.md`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Generic "invalid parameter" code (Twilio's tests use it for `Invalid PageSize.`).
pub const INVALID_PARAMETER: u32 = 20001;
/// Authentication failed.
pub const AUTHENTICATION: u32 = 20003;
/// Method not allowed on this resource.
pub const METHOD_NOT_ALLOWED: u32 = 20004;
/// The requested resource was not found.
pub const NOT_FOUND: u32 = 20404;
/// The request conflicts with existing state (duplicates, resources still in use).
pub const CONFLICT: u32 = 20409;
/// Too many requests.
pub const TOO_MANY_REQUESTS: u32 = 20429;
/// Internal server error.
pub const INTERNAL: u32 = 20500;
/// A credential list with this friendly name already exists.
pub const CREDENTIAL_LIST_EXISTS: u32 = 21240;

/// One refusal: HTTP status, Twilio error code and a message naming the field, value and rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct ApiError {
    pub status: u16,
    pub code: u32,
    pub message: String,
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            headers: Vec::new(),
        }
    }

    /// 400 with [`INVALID_PARAMETER`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, INVALID_PARAMETER, message)
    }

    /// 400: a required parameter is absent.
    pub fn missing(param: &str) -> Self {
        Self::invalid(format!(
            "Missing required parameter {param} in the post body"
        ))
    }

    /// 404 with Twilio's wording for the path that was asked for.
    pub fn not_found(path: &str) -> Self {
        Self::new(
            404,
            NOT_FOUND,
            format!("The requested resource {path} was not found"),
        )
    }

    /// 409: the request conflicts with what exists.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, CONFLICT, message)
    }

    /// 401 with the Basic challenge.
    pub fn unauthorized() -> Self {
        let mut e = Self::new(401, AUTHENTICATION, "Authenticate");
        e.headers
            .push(("www-authenticate", "Basic realm=\"Twilio API\"".to_string()));
        e
    }

    /// 429 with `Retry-After`.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut e = Self::new(429, TOO_MANY_REQUESTS, "Too Many Requests");
        e.headers
            .push(("retry-after", retry_after_secs.to_string()));
        e
    }

    /// The error an injected fault with HTTP status `status` answers with.
    pub fn injected(status: u16, retry_after_secs: u64) -> Self {
        match status {
            429 => Self::too_many_requests(retry_after_secs),
            401 => Self::unauthorized(),
            404 => Self::new(
                404,
                NOT_FOUND,
                "The requested resource was not found (injected fault)",
            ),
            s if s >= 500 => Self::new(s, INTERNAL, "Internal Server Error (injected fault)"),
            s => Self::new(
                s,
                INVALID_PARAMETER,
                format!("Injected fault with status {s}"),
            ),
        }
    }

    /// The JSON body Twilio sends.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "code": self.code,
            "message": self.message,
            "more_info": format!("https://www.twilio.com/docs/errors/{}", self.code),
            "status": self.status,
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, axum::Json(self.body())).into_response();
        for (name, value) in &self.headers {
            if let Ok(v) = HeaderValue::from_str(value) {
                resp.headers_mut().insert(*name, v);
            }
        }
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        resp
    }
}

/// What every handler returns.
pub type ApiResult<T = Response> = Result<T, ApiError>;
