//! The route table and the helpers every resource module shares.

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use serde_json::Value;

use crate::clock;
use crate::error::{ApiError, ApiResult, METHOD_NOT_ALLOWED};
use crate::params::{Input, is_sid};
use crate::state::Shared;

pub mod admin;
mod calls;
mod domain_auth;
mod domains;
pub(crate) mod functions;
mod ip_records;
mod keys;
mod numbers;
mod serverless;
mod sip_acl;
mod sip_creds;
mod trunk_links;
mod trunking;
mod voice;

/// Handler state.
pub type St = axum::extract::State<Arc<Shared>>;

/// Every Twilio host's routes plus the admin routes, behind faults and auth.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(trunking::routes())
        .merge(trunk_links::routes())
        .merge(sip_acl::routes())
        .merge(sip_creds::routes())
        .merge(domains::routes())
        .merge(domain_auth::routes())
        .merge(numbers::routes())
        .merge(calls::routes())
        .merge(keys::routes())
        .merge(voice::routes())
        .merge(ip_records::routes())
        .merge(serverless::routes())
        .merge(functions::routes())
        .merge(admin::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(shared.clone(), crate::auth::require))
        .layer(from_fn_with_state(
            shared.clone(),
            crate::server::apply_faults,
        ))
        .with_state(shared)
}

async fn not_found(input: Input) -> ApiError {
    ApiError::not_found(&input.path)
}

async fn method_not_allowed(input: Input) -> ApiError {
    ApiError::new(
        405,
        METHOD_NOT_ALLOWED,
        format!("Method not allowed on {}", input.path),
    )
}

/// 200 with a JSON body.
pub fn ok(v: Value) -> ApiResult {
    Ok((StatusCode::OK, axum::Json(v)).into_response())
}

/// 201 with a JSON body.
pub fn created(v: Value) -> ApiResult {
    Ok((StatusCode::CREATED, axum::Json(v)).into_response())
}

/// 204, no body.
pub fn deleted() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The `{AccountSid}` path segment must be this account's SID; anything else is a 404.
pub fn check_account(shared: &Shared, segment: &str, path: &str) -> ApiResult<()> {
    if is_sid(segment, "AC") && segment == shared.account_sid {
        Ok(())
    } else {
        Err(ApiError::not_found(path))
    }
}

/// `/2010-04-01/Accounts/{AC}`: the prefix of every v2010 URI.
pub fn api_prefix(shared: &Shared) -> String {
    format!("/2010-04-01/Accounts/{}", shared.account_sid)
}

/// v2010 date.
pub fn d2010(secs: i64) -> Value {
    Value::String(clock::rfc2822(secs))
}

/// v1 date.
pub fn d1(secs: i64) -> Value {
    Value::String(clock::iso8601(secs))
}

/// Applies an optional-with-clear value (`Some(None)` clears).
pub fn set_opt(target: &mut Option<String>, v: Option<Option<String>>) {
    if let Some(v) = v {
        *target = v;
    }
}

/// Applies an optional value.
pub fn set<T>(target: &mut T, v: Option<T>) {
    if let Some(v) = v {
        *target = v;
    }
}
