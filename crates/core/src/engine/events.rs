//! Progress of a run as a tagged enum, streamed to the CLI (one JSON object per line with
//! `--json`), the progress bar, or the desktop app's channel.

use serde::Serialize;

use super::step::StepId;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ApplyEvent"))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    RunStarted {
        run_id: String,
        steps: usize,
    },
    StepStarted {
        id: StepId,
        description: String,
    },
    StepSucceeded {
        id: StepId,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        sid: Option<String>,
    },
    StepSkipped {
        id: StepId,
        reason: String,
    },
    StepFailed {
        id: StepId,
        error: String,
    },
    RollbackStarted {
        reason: String,
    },
    StepReverted {
        id: StepId,
        description: String,
    },
    RevertFailed {
        id: StepId,
        error: String,
    },
    Finished {
        ok: bool,
        rolled_back: bool,
    },
}
