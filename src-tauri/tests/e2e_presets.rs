//! The presets in the real app, over WebDriver: a partner goes from the start page to a finished
//! Twilio side and a saved, printable far-side sheet for Genesys Cloud and for Bolna, and every
//! input is counted (at most 15 each, the bar). Afterwards the sandbox holds what the
//! preset built, and for Bolna "Register on Bolna" has created the trunk on the Bolna stand-in.
//!
//! What counts as one input: each text typed into a field (a list typed and entered with Enter is
//! one), each choice clicked or selected (a card, an option, a checkbox). Buttons that only move
//! on or run something (Next, Connect, Register, Save) are actions, not inputs.
//!
//! Needs a display, a D-Bus session with a keychain, tauri-driver and the app built with the
//! embedded UI; `scripts/ci/app.sh` sets all that up and runs this with `--ignored`.

mod webdriver;

use fantoccini::{Client, Locator};
use serde_json::Value;
use switchboard_sandbox::bolna::BolnaStandIn;
use switchboard_sandbox::{Sandbox, SandboxConfig};
use webdriver::*;

const ACME_SID: &str = "AC00000000000000000000000000e2e0b2";
const TOKEN: &str = "e2e-presets-token-7a1c9e3f5b2d8046";
const BOLNA_KEY: &str = "e2e-bolna-key-3f9a1c";

/// The inputs a user made, counted as they are made.
#[derive(Default)]
struct Inputs(Vec<String>);

impl Inputs {
    async fn type_in(&mut self, c: &Client, css: &str, text: &str) {
        click(c, css).await;
        fill(c, css, text).await;
        self.0.push(format!("typed {css}"));
    }

    /// Types a list and enters it (Enter), as one input.
    async fn type_list(&mut self, c: &Client, css: &str, text: &str) {
        click(c, css).await;
        fill(c, css, &format!("{text}\u{E007}")).await;
        self.0.push(format!("typed list {css}"));
    }

    async fn choose(&mut self, c: &Client, css: &str) {
        click(c, css).await;
        self.0.push(format!("chose {css}"));
    }

    async fn select(&mut self, c: &Client, css: &str, value: &str) {
        let e = c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        e.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
        self.0.push(format!("selected {value} in {css}"));
    }

    fn assert_at_most(&self, max: usize, what: &str) {
        assert!(
            self.0.len() <= max,
            "{what} took {} inputs (at most {max}): {:#?}",
            self.0.len(),
            self.0
        );
        println!("{what}: {} inputs: {:?}", self.0.len(), self.0);
    }
}

async fn next(c: &Client) {
    wait_enabled(c, "#next").await;
    click(c, "#next").await;
}

async fn wait_enabled(c: &Client, css: &str) {
    let started = std::time::Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && e.attr("disabled").await.ok().flatten().is_none()
        {
            return;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let reason = match c.find(Locator::Css("#next-reason")).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            shot(c, "zz-presets-disabled").await;
            panic!("{css} stayed disabled: {reason}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Connects "my Twilio account" (the test's sandbox) and goes to the start page.
async fn connect(c: &Client, n: &mut Inputs) {
    wait_for(c, ".frame[data-ready=true] #badge", "Not connected", |t| {
        t.contains("Not connected")
    })
    .await;
    n.choose(c, "#choose-account").await;
    n.type_in(c, "#account-sid", ACME_SID).await;
    n.type_in(c, "#auth-token", TOKEN).await;
    click(c, "#connect-account").await;
    wait_for(c, "#badge.live", "the account's name", |t| {
        t.trim() == "Acme Corp"
    })
    .await;
    wait_for(c, "#numbers-total", "the numbers loaded", |t| {
        t.contains("numbers")
    })
    .await;
    next(c).await;
    next(c).await;
    wait_for(c, "#flow-presets", "the presets on the start page", |t| {
        t.contains("preset")
    })
    .await;
}

/// Review → Apply → Done, waiting for each.
async fn review_apply_done(c: &Client, shot_prefix: &str) {
    wait_for(
        c,
        ".flow-step[data-flow-step=review] h1",
        "the review",
        |t| t.contains("plan"),
    )
    .await;
    shot(c, &format!("{shot_prefix}-review")).await;
    next(c).await; // Apply
    wait_for(
        c,
        ".flow-step[data-flow-step=apply] h1",
        "the apply step",
        |_| true,
    )
    .await;
    next(c).await;
    wait_for(c, "#far-side h2", "the far-side sheet", |t| !t.is_empty()).await;
    assert!(
        c.find(Locator::Css("#draft-error")).await.is_err(),
        "every draft on the way was saved"
    );
}

/// The trunk named `name` in the sandbox, and the number `e164` is on it.
fn assert_trunk_with_number(state: &Value, name: &str, domain: &str, e164: &str) {
    let trunk = state["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == name)
        .unwrap_or_else(|| panic!("trunk {name} in the sandbox"));
    assert_eq!(trunk["domain_name"], domain);
    let number = state["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == e164)
        .unwrap_or_else(|| panic!("{e164} in the sandbox"));
    assert_eq!(number["trunk_sid"], trunk["sid"], "{e164} is on {name}");
}

async fn save_pdf(c: &Client) -> std::path::PathBuf {
    click(c, "#far-side-save-pdf").await;
    let text = wait_for(c, "#far-side-saved-pdf", "the saved PDF's path", |t| {
        t.contains(".pdf")
    })
    .await;
    let path = text
        .split_whitespace()
        .find(|w| w.ends_with(".pdf"))
        .unwrap()
        .to_string();
    let path = std::path::PathBuf::from(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "a PDF at {path:?}");
    path
}

async fn start() -> (
    Dirs,
    Sandbox,
    BolnaStandIn,
    Driver,
    Client,
    tempfile::TempDir,
) {
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: TOKEN.into(),
        friendly_name: "Acme Corp".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let bolna = BolnaStandIn::start(BOLNA_KEY).await.unwrap();
    let exports = tempfile::tempdir().unwrap();
    // tauri-driver passes its environment on to the app.
    // SAFETY: set before tauri-driver (and so the app) starts; this binary runs one test at a time.
    unsafe {
        std::env::set_var("SWITCHBOARD_BOLNA_URL", bolna.base_url());
        std::env::set_var("SWITCHBOARD_EXPORT_DIR", exports.path());
    }
    let (driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;
    (dirs, sandbox, bolna, driver, c, exports)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn genesys_from_the_start_page_to_the_far_side_sheet_in_at_most_15_inputs() {
    let (_dirs, sandbox, _bolna, _driver, c, exports) = start().await;
    let mut n = Inputs::default();
    connect(&c, &mut n).await;

    n.choose(&c, "#flow-presets").await;
    n.choose(&c, "#preset-genesys-byoc").await;
    next(&c).await;
    wait_for(
        &c,
        "[data-unverified=genesys_sip_addresses]",
        "the unverified mark",
        |t| t.contains("Not verified"),
    )
    .await;
    shot(&c, "p01-genesys-answers").await;
    n.select(&c, "#q-region", "mypurecloud.ie").await;
    n.type_in(&c, "#q-identifier", "acme-e2e").await;
    n.type_list(
        &c,
        "#q-genesys_sip_addresses-input",
        "52.48.1.10, 52.48.1.11",
    )
    .await;
    n.choose(&c, "#q-dtmf_payload-confirm").await;
    next(&c).await;
    // The Twilio side: its address and its numbers.
    n.type_in(&c, "#q-termination_label", "acme-e2e-genesys")
        .await;
    n.type_list(&c, "#q-numbers-input", "+12125552368").await;
    wait_for(&c, "#answers-complete", "the answers complete", |_| true).await;
    shot(&c, "p02-genesys-complete").await;
    next(&c).await;
    review_apply_done(&c, "p03-genesys").await;
    let pdf = save_pdf(&c).await;
    assert!(pdf.starts_with(exports.path()), "{pdf:?}");
    let hostname = wait_for(
        &c,
        "#far-side [data-field='SIP Servers or Proxies: Hostname'] .value",
        "the Twilio hostname on the sheet",
        |t| !t.is_empty(),
    )
    .await;
    assert_eq!(hostname, "acme-e2e-genesys.pstn.dublin.twilio.com");
    shot(&c, "p04-genesys-done").await;
    n.assert_at_most(15, "Genesys Cloud BYOC");

    // What the sandbox holds now.
    let state = sandbox.state_json();
    let text = state.to_string();
    assert!(
        text.contains("acme-e2e-genesys.pstn.twilio.com"),
        "termination domain"
    );
    assert!(
        text.contains("sip:acme-e2e.byoc.mypurecloud.ie"),
        "origination URL to Genesys"
    );
    assert!(
        text.contains("52.48.1.10") && text.contains("52.48.1.11"),
        "ACL"
    );
    assert!(text.contains("genesys-acme-e2e"), "digest username");
    assert_trunk_with_number(
        &state,
        "Genesys acme-e2e",
        "acme-e2e-genesys.pstn.twilio.com",
        "+12125552368",
    );
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn bolna_from_the_start_page_to_registered_on_bolna_in_at_most_15_inputs() {
    let (dirs, sandbox, bolna, _driver, c, _exports) = start().await;
    let mut n = Inputs::default();
    connect(&c, &mut n).await;

    n.choose(&c, "#flow-presets").await;
    n.choose(&c, "#preset-bolna").await;
    next(&c).await;
    wait_for(&c, "#q-bolna_edge", "the Bolna questions", |_| true).await;
    shot(&c, "p10-bolna-far-side").await;
    next(&c).await;
    n.type_list(&c, "#q-numbers-input", "+13125557412").await;
    n.type_in(&c, "#q-termination_label", "acme-e2e-bolna")
        .await;
    wait_for(&c, "#answers-complete", "the answers complete", |_| true).await;
    shot(&c, "p11-bolna-complete").await;
    next(&c).await;
    review_apply_done(&c, "p12-bolna").await;
    let body = wait_for(&c, "[data-code=bolna-trunk-body]", "the JSON body", |t| {
        t.contains("\"gateway_address\"")
    })
    .await;
    assert!(body.contains("acme-e2e-bolna.pstn.twilio.com"), "{body}");
    save_pdf(&c).await;

    n.type_in(&c, "#bolna-api-key", BOLNA_KEY).await;
    click(&c, "#bolna-register-run").await;
    let done = wait_for(&c, "#bolna-registered", "the registration", |t| {
        t.contains("Trunk created on Bolna")
    })
    .await;
    assert!(done.contains("+13125557412"), "{done}");
    shot(&c, "p13-bolna-registered").await;
    n.assert_at_most(15, "Bolna");

    let state = sandbox.state_json();
    assert_trunk_with_number(
        &state,
        "Bolna acme-e2e-bolna",
        "acme-e2e-bolna.pstn.twilio.com",
        "+13125557412",
    );
    let text = state.to_string();
    assert!(
        text.contains("sip:13.200.45.61:5060"),
        "origination to Bolna"
    );
    let b = bolna.state();
    let t = &b["trunks"][0];
    assert_eq!(t["name"], "Bolna acme-e2e-bolna");
    assert_eq!(t["numbers"][0]["phone_number"], "+13125557412");
    // The key is in the OS keychain, not in any file the app wrote.
    for dir in [&dirs.config, &dirs.data, &dirs.cache, &dirs.state] {
        assert!(
            files_containing(dir, BOLNA_KEY).is_empty(),
            "the Bolna key is in no file under {dir:?}"
        );
    }
    c.close().await.unwrap();
}
