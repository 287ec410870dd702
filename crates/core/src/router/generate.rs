//! The router's JavaScript, generated from the table. The TwiML of every destination is worked
//! out here (escaped once, in Rust) and written into the code as JSON string literals; the
//! Function only normalises `To`, looks it up and answers with the TwiML as `text/xml`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Destination, RouterSpec};

/// The Function's path under the environment's domain.
pub const ROUTER_PATH: &str = "/switchboard-router";
/// The file name the code is uploaded as.
pub const ROUTER_FILE: &str = "switchboard-router.js";

const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The webhook URL of a Studio flow on an account.
pub fn studio_url(account_sid: &str, flow_sid: &str) -> String {
    format!(
        "https://webhooks.twilio.com/v1/Accounts/{}/Flows/{}",
        account_sid.trim(),
        flow_sid.trim()
    )
}

/// The TwiML a destination answers with.
pub fn twiml_for(d: &Destination, account_sid: &str) -> String {
    let caller = |c: &Option<String>| match c {
        Some(c) => format!(r#" callerId="{}""#, esc(c.trim())),
        None => String::new(),
    };
    let body = match d {
        Destination::Webhook { url } => {
            format!(r#"<Redirect method="POST">{}</Redirect>"#, esc(url.trim()))
        }
        Destination::StudioFlow { flow_sid } => format!(
            r#"<Redirect method="POST">{}</Redirect>"#,
            esc(&studio_url(account_sid, flow_sid))
        ),
        Destination::Sip { uri, caller_id } => format!(
            "<Dial{}><Sip>{}</Sip></Dial>",
            caller(caller_id),
            esc(uri.trim())
        ),
        Destination::Phone { number, caller_id } => format!(
            "<Dial{}><Number>{}</Number></Dial>",
            caller(caller_id),
            esc(number.trim())
        ),
    };
    format!("{XML_DECL}<Response>{body}</Response>")
}

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The Function's code for `spec` on `account_sid` (used by Studio flow URLs). Deterministic.
pub fn generate(spec: &RouterSpec, account_sid: &str) -> String {
    let routes: BTreeMap<&str, String> = spec
        .rows
        .iter()
        .map(|r| (r.number.trim(), twiml_for(&r.destination, account_sid)))
        .collect();
    let mut table = String::new();
    for (number, twiml) in &routes {
        let _ = writeln!(table, "  {}: {},", js(number), js(twiml));
    }
    let mut summary = String::new();
    for r in &spec.rows {
        let _ = writeln!(
            summary,
            "//   {} -> {}",
            r.number.trim(),
            r.destination.describe().replace(['\r', '\n'], " ")
        );
    }
    let _ = writeln!(
        summary,
        "//   everything else -> {}",
        spec.default.describe().replace(['\r', '\n'], " ")
    );
    format!(
        r#"// Switchboard inbound router for the Serverless service "{service}".
// Generated from the routing table: change the table in Switchboard and apply again;
// edits made here are replaced on the next apply.
{summary}'use strict';

const ROUTES = {{
{table}}};
const DEFAULT_ROUTE = {default};

// Twilio sends To as "+14155550100" (numbers, BYOC trunks) or as a SIP URI such as
// "sip:+14155550100@acme.sip.twilio.com;transport=tls" (SIP domains).
function normalise(to) {{
  let v = String(to || '').trim();
  try {{
    v = decodeURIComponent(v);
  }} catch (e) {{
    // keep v as sent
  }}
  v = v.replace(/^sips?:/i, '');
  const at = v.indexOf('@');
  if (at >= 0) v = v.slice(0, at);
  const semi = v.indexOf(';');
  if (semi >= 0) v = v.slice(0, semi);
  return v.replace(/[\s().-]/g, '');
}}

function route(to) {{
  const n = normalise(to);
  const has = (k) => Object.prototype.hasOwnProperty.call(ROUTES, k);
  if (has(n)) return ROUTES[n];
  if (/^[0-9]+$/.test(n) && has('+' + n)) return ROUTES['+' + n];
  return DEFAULT_ROUTE;
}}

exports.route = route;
exports.handler = function (context, event, callback) {{
  const response = new Twilio.Response();
  response.appendHeader('Content-Type', 'text/xml');
  response.setBody(route(event.To));
  callback(null, response);
}};
"#,
        service = spec.service_name.replace(['"', '\r', '\n'], ""),
        default = js(&twiml_for(&spec.default, account_sid)),
    )
}
