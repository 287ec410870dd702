//! The outbound test call: place a call from a number to a number (optionally over a BYOC
//! trunk, Twilio's `Byoc` parameter), then poll it and report every status change until it
//! ends. Twilio's statuses run `queued` → `ringing` → `in-progress` → `completed`, or end in
//! `busy`, `failed`, `no-answer` or `canceled`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use switchboard_twilio::{ByocTrunkSid, CallInstructions, Client, Error, NewCall};

use crate::validate::phone::check_number;
use crate::validate::{Issue, has_errors};

/// What the person answering the test call hears.
pub const TEST_CALL_TWIML: &str = "<Response><Say>This is a test call from Switchboard. Your setup can place calls. Goodbye.</Say><Hangup/></Response>";

/// How long the test call may ring (seconds, Twilio's `Timeout`).
pub const RING_SECONDS: u32 = 30;
/// How long the answered test call may last (seconds, Twilio's `TimeLimit`).
pub const TIME_LIMIT_SECONDS: u32 = 60;

/// A test call to place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestCall {
    /// The number to ring, in E.164 (`+14155552671`).
    pub to: String,
    /// The caller ID, in E.164: a number on the account, or one the carrier accepts over BYOC.
    pub from: String,
    /// Route the call through this BYOC trunk (`BY…`); `None` places an ordinary call.
    #[serde(default)]
    pub byoc_trunk_sid: Option<String>,
}

/// One status of the call, as reported to the caller of [`test_call`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallProgress {
    pub call_sid: String,
    /// Twilio's status: `queued`, `ringing`, `in-progress`, `completed`, `busy`, `failed`,
    /// `no-answer` or `canceled`.
    pub status: String,
    /// True for the last status (the call has ended).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Seconds the call lasted, once it has ended.
    pub duration: Option<String>,
}

/// Why the test call could not be placed or followed.
#[derive(Debug, thiserror::Error)]
pub enum TestCallError {
    #[error("{}", issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect::<Vec<_>>().join("; "))]
    Invalid { issues: Vec<Issue> },
    #[error(transparent)]
    Twilio(#[from] Error),
    /// The call had not ended after the wait limit; it may still be running on Twilio.
    #[error(
        "call {call_sid} was still `{status}` after {waited:?}; look it up in the Twilio Console"
    )]
    StillRunning {
        call_sid: String,
        status: String,
        waited: Duration,
    },
}

/// Whether a call status is one of Twilio's final ones.
pub fn is_final_status(status: &str) -> bool {
    matches!(
        status,
        "completed" | "busy" | "failed" | "no-answer" | "canceled"
    )
}

/// Field issues of a test call (`to`, `from`, `byoc_trunk_sid`).
pub fn test_call_issues(call: &TestCall) -> Vec<Issue> {
    let mut out = e164_issues("to", &call.to);
    out.extend(e164_issues("from", &call.from));
    if let Some(b) = &call.byoc_trunk_sid
        && let Err(e) = ByocTrunkSid::parse(b.trim())
    {
        out.push(Issue::error("byoc_trunk_sid", e.to_string()));
    }
    out
}

/// A number that must already be written in E.164.
pub(crate) fn e164_issues(path: &str, value: &str) -> Vec<Issue> {
    let c = check_number(value.trim(), None);
    match (c.error, c.e164) {
        (Some(e), _) => vec![
            Issue::error(path, e).with_hint("Write the number in E.164 form, e.g. +14155552671"),
        ],
        (None, Some(e164)) if e164 != value.trim() => vec![Issue::error(
            path,
            format!("`{value}` must be written in E.164 form: {e164}"),
        )],
        _ => vec![],
    }
}

/// Places the test call and reports each status change to `on_status` until the call ends
/// (polling every second, for at most three minutes). Returns the final status.
pub async fn test_call(
    client: &Client,
    call: TestCall,
    on_status: impl FnMut(&CallProgress),
) -> Result<CallProgress, TestCallError> {
    test_call_with(
        client,
        call,
        Duration::from_secs(1),
        Duration::from_secs(180),
        on_status,
    )
    .await
}

/// [`test_call`] with a chosen poll interval and wait limit.
pub async fn test_call_with(
    client: &Client,
    call: TestCall,
    poll: Duration,
    limit: Duration,
    mut on_status: impl FnMut(&CallProgress),
) -> Result<CallProgress, TestCallError> {
    let issues = test_call_issues(&call);
    if has_errors(&issues) {
        return Err(TestCallError::Invalid { issues });
    }
    let byoc = match &call.byoc_trunk_sid {
        Some(b) => Some(
            ByocTrunkSid::parse(b.trim()).map_err(|e| TestCallError::Invalid {
                issues: vec![Issue::error("byoc_trunk_sid", e.to_string())],
            })?,
        ),
        None => None,
    };
    let created = client
        .create_call(&NewCall {
            to: call.to.trim().to_string(),
            from: call.from.trim().to_string(),
            instructions: CallInstructions::Twiml(TEST_CALL_TWIML.into()),
            byoc,
            status_callback: None,
            timeout: Some(RING_SECONDS),
            time_limit: Some(TIME_LIMIT_SECONDS),
        })
        .await?;
    let sid = created.sid.clone();
    let progress = |c: &switchboard_twilio::Call| {
        let status = c.status.clone().unwrap_or_else(|| "queued".into());
        CallProgress {
            call_sid: c.sid.to_string(),
            is_final: is_final_status(&status),
            status,
            duration: c.duration.clone(),
        }
    };
    let mut last = progress(&created);
    on_status(&last);
    let started = tokio::time::Instant::now();
    while !last.is_final {
        if started.elapsed() >= limit {
            return Err(TestCallError::StillRunning {
                call_sid: last.call_sid,
                status: last.status,
                waited: limit,
            });
        }
        tokio::time::sleep(poll).await;
        let now = progress(&client.fetch_call(&sid).await?);
        if now.status != last.status || now.is_final {
            on_status(&now);
        }
        last = now;
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_be_e164_and_the_trunk_a_by_sid() {
        let ok = TestCall {
            to: "+14155552671".into(),
            from: "+12125552368".into(),
            byoc_trunk_sid: Some("BY0123456789abcdef0123456789abcdef".into()),
        };
        assert!(test_call_issues(&ok).is_empty());
        let bad = TestCall {
            to: "4155552671".into(),
            from: "+1 212 555 2368".into(),
            byoc_trunk_sid: Some("TK0123456789abcdef0123456789abcdef".into()),
        };
        let issues = test_call_issues(&bad);
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["to", "from", "byoc_trunk_sid"], "{issues:?}");
        assert!(issues[1].message.contains("+12125552368"), "{issues:?}");
        assert!(issues[2].message.contains("BYOC trunk"), "{issues:?}");
    }

    #[test]
    fn final_statuses() {
        for s in ["completed", "busy", "failed", "no-answer", "canceled"] {
            assert!(is_final_status(s));
        }
        for s in ["queued", "ringing", "in-progress", "initiated"] {
            assert!(!is_final_status(s));
        }
    }
}
