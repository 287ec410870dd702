//! Helpers the BYOC and SIP-phone end-to-end tests share: connecting the app to a sandbox
//! playing a customer's account, walking the wizard with Next (failing with the gate's reason),
//! reading a field's value and finding items in the sandbox's state.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::webdriver::*;

/// Connects through "Use my Twilio account" (the app reaches the sandbox through
/// SWITCHBOARD_BASE_URL) and stands on the start page.
pub async fn connect_and_start(c: &Client, sid: &str, token: &str, name: &str) {
    wait_for(c, ".frame[data-ready=true] #badge", "Not connected", |t| {
        t.contains("Not connected")
    })
    .await;
    click(c, "#choose-account").await;
    fill(c, "#account-sid", sid).await;
    fill(c, "#auth-token", token).await;
    click(c, "#connect-account").await;
    wait_for(c, "#badge.live", "the account's name", |t| t.trim() == name).await;
    wait_for(c, "#numbers-total", "the numbers loaded", |t| {
        t.contains("numbers")
    })
    .await;
    click(c, "#next").await;
    wait_for(c, "#summary-name", "the account step", |_| true).await;
    click(c, "#next").await;
}

/// Waits until Next is enabled (the step's gate passed), failing with the reason shown.
pub async fn next_enabled(c: &Client, step: &str) {
    let started = Instant::now();
    loop {
        let next = c.find(Locator::Css("#next")).await.unwrap();
        if next.attr("disabled").await.unwrap().is_none() {
            return;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let reason = match c.find(Locator::Css("#next-reason")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            shot(c, &format!("zz-{step}-stuck")).await;
            panic!("Next stayed disabled on {step}: {reason:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Next, then waits for the flow step `id` to be on screen.
pub async fn next_to(c: &Client, from: &str, id: &str) {
    next_enabled(c, from).await;
    click(c, "#next").await;
    on_step(c, id).await;
}

pub async fn on_step(c: &Client, id: &str) {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&format!("[data-flow-step={id}]")))
        .await
        .unwrap_or_else(|e| panic!("step {id} did not show: {e}"));
}

/// An input's current value.
pub async fn value(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Sets a `<select>` the way a person does (value + change event).
pub async fn choose(c: &Client, css: &str, v: &str) {
    c.execute(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];\
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), v.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("select {v} in {css}: {e}"));
}

/// The item of `list` whose `key` is `v`.
pub fn find<'a>(list: &'a Value, key: &str, v: &str) -> &'a Value {
    list.as_array()
        .unwrap_or_else(|| panic!("a list, got {list}"))
        .iter()
        .find(|x| x[key] == v)
        .unwrap_or_else(|| panic!("no item with {key} = {v} in {list}"))
}

/// Asks the sandbox to send a call to `to` arriving through `via` (a BYOC trunk SID or a SIP
/// domain) to that resource's voice URL, as Twilio would (`POST /__sandbox/inbound`), and
/// returns its answer: `{status, content_type, body, params, …}` — `body` is the TwiML.
pub fn sandbox_inbound(sb: &switchboard_sandbox::Sandbox, to: &str, via: &str) -> Value {
    use base64::Engine as _;
    use std::io::{Read, Write};
    let addr = sb.addr();
    let body = serde_json::json!({ "to": to, "from": "+12125550000", "via": via }).to_string();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        sb.account_sid(),
        sb.auth_token()
    ));
    let mut s = std::net::TcpStream::connect(addr).expect("the sandbox");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // HTTP/1.0: the answer comes with a length (or until close), never chunked.
    write!(
        s,
        "POST /__sandbox/inbound HTTP/1.0\r\nHost: {addr}\r\nAuthorization: Basic {auth}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("the sandbox answers");
    let (head, json) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{head}\n{json}"
    );
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}
