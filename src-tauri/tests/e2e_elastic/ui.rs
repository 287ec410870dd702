//! What the elastic tests do on screen more than once: Next once the step's gate passed, choosing
//! in a `<select>`, scrolling, the keyboard, counting elements, picking numbers on no trunk, and
//! getting to the start page connected to the demo or to a customer account.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::webdriver::*;

/// Waits until Next is enabled (the step's gate passed), failing with the reason shown.
pub async fn next_enabled(c: &Client, step: &str) {
    let started = Instant::now();
    loop {
        let next = c.find(Locator::Css("#next")).await.unwrap();
        if next.attr("disabled").await.unwrap().is_none() {
            return;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let reason = match c.find(Locator::Css("#next-reason")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            shot(c, &format!("elastic-zz-{step}-stuck")).await;
            panic!("Next stayed disabled on {step}: {reason:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Next, then waits for the flow step `id` to be on screen.
pub async fn next_to(c: &Client, from: &str, id: &str) {
    next_enabled(c, from).await;
    click(c, "#next").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-flow-step={id}]")))
        .await
        .unwrap_or_else(|e| panic!("step {id} did not show: {e}"));
}

/// Sets a `<select>` the way a person does (value + change event).
pub async fn choose(c: &Client, css: &str, value: &str) {
    c.execute(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];\
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
}

/// Scrolls an element to the middle of its scroll area (a click lands on its centre, which the
/// bottom bar may cover when the element sits at the very end of the step).
pub async fn reveal(c: &Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })",
        vec![css.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
}

pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// Presses Tab until the element with `id` has the keyboard focus (and is visibly focused).
pub async fn tab_to(c: &Client, id: &str) {
    for _ in 0..60 {
        let active = c.active_element().await.unwrap();
        if active.attr("id").await.unwrap().as_deref() == Some(id) {
            let outline: String = c
                .execute(
                    "return getComputedStyle(document.activeElement).outlineStyle",
                    vec![],
                )
                .await
                .unwrap()
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert_ne!(outline, "none", "#{id} has no visible focus");
            return;
        }
        active.send_keys(TAB).await.unwrap();
    }
    panic!("Tab never reached #{id}");
}

pub async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

pub async fn wait_count(c: &Client, css: &str, n: usize) {
    let started = Instant::now();
    while count(c, css).await != n {
        if started.elapsed() > Duration::from_secs(20) {
            shot(c, "elastic-zz-count-timeout").await;
            let body = c
                .find(Locator::Css("main"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            panic!(
                "`{css}` never counted {n} (has {}); on screen: {body}",
                count(c, css).await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The first `n` numbers of the list on the numbers step that are on no trunk.
pub async fn free_numbers(c: &Client, n: usize) -> Vec<String> {
    let mut out = vec![];
    for row in c
        .find_all(Locator::Css("#numbers-pick .pick"))
        .await
        .unwrap()
    {
        if row.find(Locator::Css(".tag")).await.is_ok() {
            continue;
        }
        out.push(row.attr("data-e164").await.unwrap().unwrap());
        if out.len() == n {
            break;
        }
    }
    assert_eq!(out.len(), n, "not enough free numbers on the numbers step");
    out
}

/// Connected to the demo, on the start page.
pub async fn demo_to_start(c: &Client) {
    wait_for(c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    click(c, "#choose-demo").await;
    wait_for(c, "#numbers-total", "the demo's numbers", |t| {
        t.contains("numbers, loaded in")
    })
    .await;
    shot(c, "elastic-01-connected").await;
    click(c, "#next").await;
    wait_for(c, "#summary-name", "the account step", |_| true).await;
    click(c, "#next").await;
    wait_for(c, "#flow-elastic", "the start page", |t| {
        t.contains("Elastic SIP Trunk")
    })
    .await;
    shot(c, "elastic-02-start").await;
}

/// Connected to a customer account through "Use my Twilio account" with a dedicated API key (the
/// app reaches the sandbox through SWITCHBOARD_BASE_URL), then Next past the account's numbers
/// and the account step.
pub async fn account_to_start(c: &Client, sid: &str, token: &str, name: &str) {
    wait_for(c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    click(c, "#choose-account").await;
    fill(c, "#account-sid", sid).await;
    fill(c, "#auth-token", token).await;
    click(c, "#create-api-key").await;
    click(c, "#connect-account").await;
    wait_for(c, "#badge.live", "connected", |t| t.trim() == name).await;
    wait_for(c, "#numbers-total", "the numbers", |t| {
        t.contains("numbers")
    })
    .await;
    click(c, "#next").await;
    click(c, "#next").await;
}
