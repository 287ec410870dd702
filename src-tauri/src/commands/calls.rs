//! The outbound test call on the BYOC Done page: places a call (over the BYOC trunk when one is
//! given) and streams each status over a [`Channel`] until the call ends. A one-line adapter over
//! `switchboard_core::calls::test_call`.

use serde::{Deserialize, Serialize};
use switchboard_core::calls::{CallProgress, TestCall, TestCallError, test_call as place};
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::error::{AppError, AppResult, Code};
use crate::state::AppState;

/// The call to place.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestCallRequest {
    /// The number to ring, E.164.
    pub to: String,
    /// The caller ID, E.164.
    pub from: String,
    /// `BY…`: route the call through this BYOC trunk.
    #[serde(default)]
    #[ts(optional)]
    pub byoc_trunk_sid: Option<String>,
}

/// One status of the call: `queued`, `ringing`, `in-progress`, then `completed`, `busy`,
/// `failed`, `no-answer` or `canceled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallStatusEvent {
    pub call_sid: String,
    pub status: String,
    /// The call has ended; no status follows.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Seconds it lasted, once ended.
    pub duration: Option<String>,
}

impl From<&CallProgress> for CallStatusEvent {
    fn from(p: &CallProgress) -> Self {
        Self {
            call_sid: p.call_sid.clone(),
            status: p.status.clone(),
            is_final: p.is_final,
            duration: p.duration.clone(),
        }
    }
}

fn app_error(e: TestCallError) -> AppError {
    match e {
        TestCallError::Invalid { issues } => AppError::invalid_spec(issues),
        TestCallError::Twilio(e) => e.into(),
        e @ TestCallError::StillRunning { .. } => AppError::new(Code::Twilio, e.to_string()),
    }
}

/// Places the test call and reports each status to `emit`; returns the final one.
pub async fn run_test_call(
    state: &AppState,
    req: TestCallRequest,
    emit: impl Fn(CallStatusEvent),
) -> AppResult<CallStatusEvent> {
    let client = state.client().await?;
    let call = TestCall {
        to: req.to,
        from: req.from,
        byoc_trunk_sid: req.byoc_trunk_sid.filter(|s| !s.trim().is_empty()),
    };
    let last = place(&client, call, |p| emit(p.into()))
        .await
        .map_err(app_error)?;
    Ok((&last).into())
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn test_call(
    state: State<'_, AppState>,
    request: TestCallRequest,
    on_event: Channel<CallStatusEvent>,
) -> AppResult<CallStatusEvent> {
    let emit = |e: CallStatusEvent| {
        if let Err(err) = on_event.send(e) {
            tracing::warn!(error = %err, "call status could not reach the window");
        }
    };
    run_test_call(&state, request, emit)
        .await
        .map_err(|e| state.journal.note(e))
}
