//! Printing results and errors the same way in every command: text for people, `--json` for
//! scripts. Errors go to stderr as text, or to stdout as `{"error": {…}}` with `--json`.

use serde_json::json;
use switchboard_twilio::Error;

/// The JSON form of a Twilio error (no secrets: errors never carry them).
pub fn error_json(e: &Error) -> serde_json::Value {
    match e {
        Error::Api {
            status,
            code,
            message,
            more_info,
        } => json!({
            "kind": "api", "status": status, "code": code, "message": message, "more_info": more_info,
        }),
        Error::Network { url, message, .. } => {
            json!({"kind": "network", "url": url, "message": message})
        }
        Error::Timeout(d) => {
            json!({"kind": "timeout", "message": e.to_string(), "seconds": d.as_secs_f64()})
        }
        Error::Decode { path, message } => {
            json!({"kind": "decode", "path": path, "message": message})
        }
        Error::InvalidInput { field, value, rule } => json!({
            "kind": "invalid_input", "field": field, "value": value, "message": e.to_string(), "rule": rule,
        }),
    }
}

pub fn report_error(e: &Error, json: bool) {
    if json {
        println!("{}", json!({ "error": error_json(e) }));
    } else {
        eprintln!("error: {e}");
        if let Error::Api {
            more_info: Some(link),
            ..
        } = e
        {
            eprintln!("  details: {link}");
        }
    }
}
