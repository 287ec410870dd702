//! HTTP Basic authentication as Twilio does it: Account SID + auth token, or API key SID
//! (`SK…`) + key secret. Failures answer 401, code 20003, with a `WWW-Authenticate` challenge.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

use crate::error::ApiError;
use crate::state::{Shared, ct_eq, sha256_hex};

/// Who made the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// Account SID and auth token.
    Account,
    /// An API key (its SID).
    Key(String),
}

/// Checks the `Authorization` header.
pub fn authenticate(shared: &Shared, authorization: Option<&str>) -> Result<Principal, ApiError> {
    let encoded = authorization
        .and_then(|h| {
            h.strip_prefix("Basic ")
                .or_else(|| h.strip_prefix("basic "))
        })
        .ok_or_else(ApiError::unauthorized)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| ApiError::unauthorized())?;
    let decoded = String::from_utf8(decoded).map_err(|_| ApiError::unauthorized())?;
    let (user, password) = decoded.split_once(':').ok_or_else(ApiError::unauthorized)?;
    if user == shared.account_sid && shared.token_matches(password) {
        return Ok(Principal::Account);
    }
    if user.starts_with("SK") {
        let digest = sha256_hex(password);
        let ok = shared.read(|db| {
            db.keys
                .iter()
                .any(|k| k.sid == user && ct_eq(k.secret_sha256.as_bytes(), digest.as_bytes()))
        });
        if ok {
            return Ok(Principal::Key(user.to_string()));
        }
    }
    Err(ApiError::unauthorized())
}

/// Middleware: refuses unauthenticated requests, stores the [`Principal`] in the extensions.
pub async fn require(State(shared): State<Arc<Shared>>, mut req: Request, next: Next) -> Response {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match authenticate(&shared, header) {
        Ok(p) => {
            req.extensions_mut().insert(p);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    }
}
