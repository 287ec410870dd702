//! The sandbox's own admin endpoints under `/__sandbox/` (same Basic auth as the API, never
//! subject to faults): read and change faults, reset to the seed, dump the state, set the
//! account status.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use super::{St, ok};
use crate::error::{ApiError, ApiResult};
use crate::faults::Faults;
use crate::state::Shared;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/__sandbox/faults", get(get_faults).post(set_faults))
        .route("/__sandbox/reset", post(reset))
        .route("/__sandbox/state", get(state))
        .route("/__sandbox/account", post(account))
}

async fn get_faults(State(s): St) -> ApiResult {
    ok(serde_json::to_value(s.faults.get()).unwrap_or_default())
}

/// Body: a JSON [`Faults`] object (missing fields = off). Replaces the active faults.
async fn set_faults(State(s): St, body: Bytes) -> ApiResult {
    let faults: Faults = serde_json::from_slice(&body).map_err(|e| {
        ApiError::invalid(format!("The faults body is not a valid Faults object: {e}"))
    })?;
    faults.validate().map_err(ApiError::invalid)?;
    s.faults.set(faults);
    ok(serde_json::to_value(s.faults.get()).unwrap_or_default())
}

async fn reset(State(s): St) -> ApiResult {
    s.reset();
    ok(json!({"reset": true}))
}

async fn state(State(s): St) -> ApiResult {
    ok(s.state_json())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountChange {
    status: String,
}

/// Sets the account status shown by the Accounts fetch.
pub fn set_status(s: &Shared, status: &str) -> ApiResult<()> {
    if !["active", "suspended", "closed"].contains(&status) {
        return Err(ApiError::invalid(format!(
            "Invalid value '{status}' for status: must be active, suspended or closed"
        )));
    }
    s.write(|db| {
        db.account_status = status.to_string();
        Ok(())
    })
}

/// Body: `{"status": "active" | "suspended" | "closed"}`.
async fn account(State(s): St, body: Bytes) -> ApiResult {
    let change: AccountChange = serde_json::from_slice(&body)
        .map_err(|e| ApiError::invalid(format!("Expected {{\"status\": ...}}: {e}")))?;
    set_status(&s, &change.status)?;
    ok(json!({"status": change.status}))
}
