//! Running one Function's code: the uploaded JavaScript and the shim (`functions_shim.js`)
//! are written to a fresh temporary directory, `node` runs the shim with the context and event
//! on stdin, and the JSON it prints becomes a [`FunctionReply`]. Crashes, a missing Node.js
//! and the 10-second limit each come back as an [`ApiError`] that says which.

use std::time::Duration;

use serde_json::{Value, json};

use crate::error::ApiError;

/// How long a Function may run (Twilio's limit is 10 seconds).
pub const FUNCTION_TIMEOUT: Duration = Duration::from_secs(10);
const SHIM: &str = include_str!("../../functions_shim.js");
/// Environment variable naming the Node.js command (default `node`).
pub const NODE_ENV_VAR: &str = "SWITCHBOARD_SANDBOX_NODE";

/// What a Function answered.
#[derive(Debug, Clone)]
pub struct FunctionReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl FunctionReply {
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str())
    }
}

/// Runs `code`'s handler under `node` with `event` and `context`.
pub async fn run_function(
    node: &str,
    code: &str,
    context: Value,
    event: Value,
) -> Result<FunctionReply, ApiError> {
    use tokio::io::AsyncWriteExt;

    let dir = std::env::temp_dir().join(format!("switchboard-fn-{:016x}", rand::random::<u64>()));
    let io = |e: std::io::Error| {
        ApiError::new(
            500,
            crate::error::INTERNAL,
            format!("The sandbox could not prepare the Function: {e}"),
        )
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let _cleanup = RemoveOnDrop(dir.clone());
    let shim = dir.join("shim.js");
    let file = dir.join("function.js");
    std::fs::write(&shim, SHIM).map_err(io)?;
    std::fs::write(&file, code).map_err(io)?;
    let input = json!({"file": file, "context": context, "event": event});
    let mut child = match tokio::process::Command::new(node)
        .arg(&shim)
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ApiError::new(
                503,
                crate::error::INTERNAL,
                format!(
                    "The sandbox needs Node.js to run Functions, and `{node}` was not found: install Node.js 18 or newer (or set {NODE_ENV_VAR} to its path) and try again"
                ),
            ));
        }
        Err(e) => {
            return Err(ApiError::new(
                503,
                crate::error::INTERNAL,
                format!("The sandbox could not start Node.js (`{node}`) to run the Function: {e}"),
            ));
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.to_string().as_bytes())
            .await
            .map_err(io)?;
    }
    let output = tokio::time::timeout(FUNCTION_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| {
            ApiError::new(
                504,
                crate::error::INTERNAL,
                format!(
                    "The Function did not answer within {} seconds",
                    FUNCTION_TIMEOUT.as_secs()
                ),
            )
        })?
        .map_err(io)?;
    let logs = String::from_utf8_lossy(&output.stderr);
    if !logs.trim().is_empty() {
        tracing::debug!(logs = %logs.trim(), "sandbox function output");
    }
    let v: Value = serde_json::from_slice(&output.stdout).map_err(|_| {
        ApiError::new(
            500,
            crate::error::INTERNAL,
            format!(
                "The Function crashed (Node.js exit status {}): {}",
                output.status,
                logs.lines().take(5).collect::<Vec<_>>().join(" | ")
            ),
        )
    })?;
    if v.get("ok") != Some(&Value::Bool(true)) {
        let why = v.get("error").and_then(Value::as_str).unwrap_or("unknown");
        return Err(ApiError::new(
            500,
            crate::error::INTERNAL,
            format!("The Function failed: {why}"),
        ));
    }
    let headers = v
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(FunctionReply {
        status: v
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200),
        headers,
        body: v
            .get("body")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    })
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The Node.js command: `SWITCHBOARD_SANDBOX_NODE` when set, else `node`.
pub(super) fn node_command() -> String {
    std::env::var(NODE_ENV_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "node".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn without_node_the_answer_says_so() {
        let err = run_function(
            "/nonexistent/switchboard-node",
            "exports.handler = (c, e, cb) => cb(null, 'x');",
            json!({}),
            json!({}),
        )
        .await
        .unwrap_err();
        assert_eq!(err.status, 503);
        assert!(err.message.contains("needs Node.js"), "{}", err.message);
    }

    #[tokio::test]
    async fn runs_handlers_with_twilio_objects() {
        if std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("node is not installed: skipped");
            return;
        }
        let code = r#"
exports.handler = function (context, event, callback) {
  const t = new Twilio.twiml.VoiceResponse();
  t.dial({ callerId: event.From }).number('+14155550100');
  t.say('bye & <ok>');
  console.log('logged to stderr');
  callback(null, t);
};"#;
        let r = run_function("node", code, json!({}), json!({"From": "+12125550000"}))
            .await
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type(), Some("text/xml"));
        assert_eq!(
            r.body,
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+12125550000"><Number>+14155550100</Number></Dial><Say>bye &amp; &lt;ok&gt;</Say></Response>"#
        );
        let r = run_function(
            "node",
            "exports.handler = (c, e, cb) => { const r = new Twilio.Response(); r.setStatusCode(202); r.appendHeader('Content-Type', 'text/xml'); r.setBody('<Response/>'); cb(null, r); };",
            json!({}),
            json!({}),
        )
        .await
        .unwrap();
        assert_eq!((r.status, r.body.as_str()), (202, "<Response/>"));
        let err = run_function(
            "node",
            "exports.handler = () => { throw new Error('boom'); };",
            json!({}),
            json!({}),
        )
        .await
        .unwrap_err();
        assert!(err.message.contains("boom"), "{}", err.message);
        let err = run_function("node", "exports.nothing = 1;", json!({}), json!({}))
            .await
            .unwrap_err();
        assert!(err.message.contains("exports.handler"), "{}", err.message);
    }
}
