//! The real app, in a real window under Xvfb, driven over WebDriver (tauri-driver +
//! WebKitWebDriver): the demo with its numbers, a wrong token against a sandbox (401), the
//! account form fitting a 1280×720 window without scrolling, a real connect whose token must then
//! be found in no file the app wrote, a saved profile's base URL changed under Advanced (checked
//! at the new address first), and "Forget" removing the keychain entry. Screenshots of each
//! screen go to `e2e-artifacts/`.
//!
//! Needs a display, a D-Bus session with a keychain, tauri-driver and the app built with the
//! embedded UI; `scripts/ci/app.sh` sets all that up and runs this with `--ignored`.

mod webdriver;

use std::path::Path;

use base64::Engine as _;
use fantoccini::Locator;
use switchboard_desktop::keychain::{Backend, OsKeychain, SecretStore};
use switchboard_sandbox::{Sandbox, SandboxConfig};
use webdriver::*;

const ACME_SID: &str = "AC00000000000000000000000000e2e0a1";
const KNOWN_TOKEN: &str = "e2e-known-token-4c1d8a6f0b93e257";

fn saved_profile_ids(config: &Path) -> Vec<String> {
    let path = config.join("app.switchboard.desktop/profiles.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return vec![];
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// The window at 1280×720 (the smallest screen the app is made for): the current step must fit
/// without scrolling ("a step that needs scrolling is two steps").
async fn assert_fits_720(c: &fantoccini::Client, what: &str) {
    c.set_window_size(1280, 720)
        .await
        .unwrap_or_else(|e| panic!("resize the window to 1280×720: {e}"));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let size = c
        .execute(
            "const e = document.querySelector('.content'); \
             return [window.innerWidth, window.innerHeight, e.scrollHeight, e.clientHeight];",
            vec![],
        )
        .await
        .unwrap();
    let n = |i: usize| size[i].as_i64().unwrap();
    assert_eq!(
        (n(0), n(1)),
        (1280, 720),
        "the window did not become 1280×720: {size}"
    );
    assert!(
        n(2) <= n(3),
        "{what} scrolls at 1280×720: content {} px high in {} px ({size})",
        n(2),
        n(3)
    );
}

/// The first saved profile's endpoint settings, as written in profiles.json.
fn saved_endpoint(config: &Path) -> serde_json::Value {
    let path = config.join("app.switchboard.desktop/profiles.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["profiles"][0]["endpoint"].clone()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn the_app_end_to_end() {
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: KNOWN_TOKEN.into(),
        friendly_name: "Acme Corp".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;

    // 1. The frame, not connected.
    wait_for(&c, ".frame[data-ready=true] #badge", "Not connected", |t| {
        t.contains("Not connected")
    })
    .await;
    assert_eq!(c.title().await.unwrap(), "Switchboard");
    shot(&c, "01-connect").await;

    // 2. The demo: its name, the Demo badge, and its numbers.
    click(&c, "#choose-demo").await;
    wait_for(&c, "#account-name", "the demo account's name", |t| {
        t == "Switchboard Demo"
    })
    .await;
    wait_for(&c, "#badge.demo", "the Demo badge", |t| t.trim() == "Demo").await;
    let total = wait_for(&c, "#numbers-total", "the numbers loaded", |t| {
        t.contains("numbers, loaded in")
    })
    .await;
    let shown = c
        .find_all(Locator::Css("#numbers-list li"))
        .await
        .unwrap()
        .len();
    assert!(
        shown > 0 && total.starts_with(&format!("{shown} numbers")),
        "{total} vs {shown} rows"
    );
    shot(&c, "02-demo").await;
    click(&c, "#next").await;
    wait_for(&c, "#summary-name", "the account step", |t| {
        t == "Switchboard Demo"
    })
    .await;
    shot(&c, "03-account").await;
    click(&c, "#back").await;

    // 3. "Use my Twilio account" with a wrong token: the 401 message, nothing saved.
    click(&c, "#switch-account").await;
    click(&c, "#choose-account").await;
    assert_fits_720(&c, "the account form").await;
    shot(&c, "04a-account-form-720").await;
    click(&c, "#show-advanced").await;
    assert_fits_720(&c, "the account form's Advanced page").await;
    shot(&c, "04b-account-advanced-720").await;
    click(&c, "#advanced-done").await;
    fill(&c, "#account-sid", ACME_SID).await;
    fill(&c, "#auth-token", "definitely-not-the-token").await;
    click(&c, "#create-api-key").await;
    click(&c, "#connect-account").await;
    let msg = wait_for(
        &c,
        "#error[data-code=wrong_credentials]",
        "the 401 message",
        |t| t.contains("401"),
    )
    .await;
    assert!(msg.contains("did not accept these credentials"), "{msg}");
    assert_fits_720(&c, "the account form with its 401 message").await;
    shot(&c, "04-wrong-token").await;
    assert!(
        saved_profile_ids(&dirs.config).is_empty(),
        "nothing saved after a failed check"
    );

    // 4. The right token: connected, profile saved, secret in the keychain and in no file.
    fill(&c, "#auth-token", KNOWN_TOKEN).await;
    click(&c, "#connect-account").await;
    wait_for(&c, "#badge.live", "the account's name in the badge", |t| {
        t.trim() == "Acme Corp"
    })
    .await;
    wait_for(&c, "#numbers-total", "the numbers loaded", |t| {
        t.contains("numbers")
    })
    .await;
    shot(&c, "05-connected").await;
    let ids = saved_profile_ids(&dirs.config);
    assert_eq!(ids.len(), 1, "one profile saved");
    let keychain = OsKeychain::new(Backend::detect().unwrap());
    let stored = keychain
        .get(&ids[0])
        .unwrap()
        .expect("the token is in the OS keychain");
    assert_eq!(stored.expose(), KNOWN_TOKEN);
    // The token as typed, and as it travels in the Basic auth header.
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{ACME_SID}:{KNOWN_TOKEN}"));
    for dir in [&dirs.config, &dirs.data, &dirs.cache, &dirs.state] {
        for needle in [KNOWN_TOKEN, basic.as_str()] {
            let hits = files_containing(dir, needle);
            assert!(hits.is_empty(), "the token leaked into {hits:?}");
        }
    }
    assert!(
        !files_containing(&dirs.data, "Switchboard starting").is_empty(),
        "the scan covers the log folder (the app's log was found under {})",
        dirs.data.display()
    );

    // Copy diagnostics: version and account, never the token.
    click(&c, "#copy-diagnostics").await;
    let diag = wait_for(&c, "#diagnostics-text", "the diagnostics", |t| {
        t.contains("Switchboard 0.1.0")
    })
    .await;
    assert!(
        diag.contains("Acme Corp") && diag.contains("WrongCredentials"),
        "{diag}"
    );
    assert!(
        !diag.contains(KNOWN_TOKEN),
        "diagnostics must not carry the token"
    );
    shot(&c, "05b-diagnostics").await;
    click(&c, "#diagnostics-close").await;

    // 5. Advanced on the saved profile: a new base URL is checked with the stored secret before
    //    it is saved. Nobody there → the error, nothing saved; the same account behind another
    //    address → saved, and using the profile connects there.
    click(&c, "#switch-account").await;
    let dublin = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: KNOWN_TOKEN.into(),
        friendly_name: "Acme Corp (Dublin)".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    click(&c, "#profiles li .edit-endpoint").await;
    fill(&c, "#profile-base-url", &dead).await;
    click(&c, "#endpoint-save").await;
    let msg = wait_for(
        &c,
        "#profiles-error[data-code=unreachable]",
        "the unreachable message",
        |t| t.contains("still uses its previous settings"),
    )
    .await;
    assert!(msg.contains(&dead), "{msg}");
    shot(&c, "06a-endpoint-unreachable").await;
    assert_eq!(saved_endpoint(&dirs.config), serde_json::json!({}));
    fill(&c, "#profile-base-url", &dublin.base_url()).await;
    click(&c, "#endpoint-save").await;
    wait_for(&c, "#notice", "the saved notice", |t| {
        t.contains(&format!("now connects to {}", dublin.base_url()))
    })
    .await;
    assert_eq!(
        saved_endpoint(&dirs.config),
        serde_json::json!({ "baseUrl": dublin.base_url() })
    );
    shot(&c, "06b-endpoint-saved").await;
    click(&c, "#profiles li .use-profile").await;
    wait_for(
        &c,
        "#badge.live",
        "the account seen at the new address",
        |t| t.trim() == "Acme Corp (Dublin)",
    )
    .await;

    // 6. Forget: the profile and its keychain entry are gone.
    click(&c, "#switch-account").await;
    click(&c, "#profiles li .forget-profile").await;
    click(&c, "#forget-confirm").await;
    wait_for(&c, "#notice", "the forget notice", |t| {
        t.contains("Forgot \"Acme Corp\"")
    })
    .await;
    shot(&c, "07-forgotten").await;
    assert!(
        keychain.get(&ids[0]).unwrap().is_none(),
        "keychain entry removed by Forget"
    );
    assert!(saved_profile_ids(&dirs.config).is_empty());

    c.close().await.unwrap();
    sandbox.shutdown().await;
    dublin.shutdown().await;
}
