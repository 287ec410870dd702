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
        .route("/__sandbox/numbers", post(numbers))
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewNumbers {
    numbers: Vec<String>,
}

/// Adds free local numbers to the account (as if bought), for demos and benchmarks that need
/// more than the seed's 25. All or nothing: a malformed or duplicate number refuses the batch.
pub fn add_numbers(s: &Shared, numbers: &[String]) -> ApiResult<Vec<(String, String)>> {
    for n in numbers {
        let digits = n.strip_prefix('+').unwrap_or("");
        let ok = (7..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !ok {
            return Err(ApiError::invalid(format!(
                "Invalid value '{n}' for numbers: must be E.164 (+ and 7 to 15 digits)"
            )));
        }
    }
    s.write(|db| {
        let mut seen: std::collections::HashSet<&str> = db
            .phone_numbers
            .iter()
            .map(|p| p.phone_number.as_str())
            .collect();
        for n in numbers {
            if !seen.insert(n.as_str()) {
                return Err(ApiError::conflict(format!("{n} is already on the account")));
            }
        }
        let mut added = Vec::with_capacity(numbers.len());
        for n in numbers {
            let meta = db.meta();
            let sid = crate::state::new_sid("PN");
            let pn = crate::seed::phone_number(sid.clone(), meta, n, n, "local", None, None);
            db.phone_numbers.push(pn);
            added.push((sid, n.clone()));
        }
        Ok(added)
    })
}

/// Body: `{"numbers": ["+1…", …]}`. Answers `{"added": [{"sid", "phone_number"}]}`.
async fn numbers(State(s): St, body: Bytes) -> ApiResult {
    let req: NewNumbers = serde_json::from_slice(&body)
        .map_err(|e| ApiError::invalid(format!("Expected {{\"numbers\": [...]}}: {e}")))?;
    let added = add_numbers(&s, &req.numbers)?;
    let list: Vec<_> = added
        .iter()
        .map(|(sid, n)| json!({"sid": sid, "phone_number": n}))
        .collect();
    ok(json!({ "added": list }))
}
