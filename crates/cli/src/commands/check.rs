//! `switchboard check`: DNS, SIP OPTIONS and TLS against the user's SIP endpoints, from this
//! computer. Arguments are SIP URIs, or spec files whose every `sip:` URI (origination URLs,
//! BYOC targets) is checked. Exit 0 when every target answered, 1 otherwise.

use std::time::Duration;

use clap::Args;
use serde_json::json;
use switchboard_core::connectivity::{CheckOptions, CheckResult, check_all};

use crate::Outcome;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// SIP URIs (sip:host[:port][;transport=udp|tcp|tls]) or spec files (TOML or JSON).
    #[arg(required = true, value_name = "URI_OR_SPEC")]
    targets: Vec<String>,
    /// Seconds to wait for each answer.
    #[arg(long, default_value_t = 8)]
    timeout: u64,
}

pub async fn run(args: CheckArgs, json: bool) -> Outcome {
    let mut uris = vec![];
    for t in &args.targets {
        if t.to_ascii_lowercase().starts_with("sip:") || t.to_ascii_lowercase().starts_with("sips:")
        {
            uris.push(t.clone());
            continue;
        }
        match uris_in_file(t) {
            Ok(found) if found.is_empty() => {
                eprintln!("error: {t} holds no sip: URI to check");
                return Outcome::Usage;
            }
            Ok(found) => uris.extend(found),
            Err(e) => {
                eprintln!("error: {t}: {e}");
                return Outcome::Usage;
            }
        }
    }
    let opts = CheckOptions {
        timeout: Duration::from_secs(args.timeout.max(1)),
        ..CheckOptions::default()
    };
    let results = check_all(&uris, opts).await;
    if json {
        let list: Vec<_> = results.iter().map(result_json).collect();
        println!("{}", json!({ "results": list }));
    } else {
        for r in &results {
            let mark = if r.reachable { "ok  " } else { "FAIL" };
            println!("{mark} {}  {}", r.uri, r.verdict);
        }
    }
    if results.iter().all(|r| r.reachable) {
        Outcome::Success
    } else {
        Outcome::Failed
    }
}

fn result_json(r: &CheckResult) -> serde_json::Value {
    let mut v = serde_json::to_value(r).expect("results serialise");
    // The documented fields first-class; the rest (transport, address, headers, certificate) stay.
    v["rtt_ms"] = json!(r.rtt_ms);
    v
}

/// Every string in a TOML or JSON document that is a SIP URI, in document order.
fn uris_in_file(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let value: serde_json::Value = if path.ends_with(".json") {
        serde_json::from_str(&text).map_err(|e| format!("not valid JSON: {e}"))?
    } else {
        let t: toml::Value = toml::from_str(&text).map_err(|e| format!("not valid TOML: {e}"))?;
        serde_json::to_value(t).map_err(|e| e.to_string())?
    };
    let mut out = vec![];
    collect(&value, &mut out);
    out.dedup();
    Ok(out)
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            let l = s.to_ascii_lowercase();
            if (l.starts_with("sip:") || l.starts_with("sips:")) && !out.contains(s) {
                out.push(s.clone());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}
