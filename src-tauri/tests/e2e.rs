//! The real app, in a real window under Xvfb, driven over WebDriver (tauri-driver +
//! WebKitWebDriver): the demo with its numbers, a wrong token against a sandbox (401), a real
//! connect whose token must then be found in no file the app wrote, and "Forget" removing the
//! keychain entry. Screenshots of each screen go to `e2e-artifacts/`.
//!
//! Needs a display, a D-Bus session with a keychain, tauri-driver and the app built with the
//! embedded UI; `scripts/ci/app.sh` sets all that up and runs this with `--ignored`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use base64::Engine as _;
use fantoccini::{Client, ClientBuilder, Locator};
use switchboard_desktop::keychain::{Backend, OsKeychain, SecretStore};
use switchboard_sandbox::{Sandbox, SandboxConfig};

const ACME_SID: &str = "AC00000000000000000000000000e2e0a1";
const KNOWN_TOKEN: &str = "e2e-known-token-4c1d8a6f0b93e257";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn app_bin() -> PathBuf {
    std::env::var_os("APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| repo().join("target"));
            target.join("debug/switchboard-desktop")
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver, killed on drop.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Dirs {
    _root: tempfile::TempDir,
    config: PathBuf,
    data: PathBuf,
    cache: PathBuf,
    state: PathBuf,
}

fn start_driver(dirs: &Dirs, base_url: &str) -> (Driver, u16) {
    let driver = std::env::var_os("TAURI_DRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".tools/bin/tauri-driver"));
    let (port, native) = (free_port(), free_port());
    let child = Command::new(&driver)
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("XDG_CONFIG_HOME", &dirs.config)
        .env("XDG_DATA_HOME", &dirs.data)
        .env("XDG_CACHE_HOME", &dirs.cache)
        .env("XDG_STATE_HOME", &dirs.state)
        .env("SWITCHBOARD_BASE_URL", base_url)
        // Most detail in the log, so the secret scan below covers everything the app can write.
        .env("SWITCHBOARD_LOG", "trace")
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), port)
}

async fn wait_for<F: Fn(&str) -> bool>(c: &Client, css: &str, what: &str, ok: F) -> String {
    let started = Instant::now();
    let mut last = String::new();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
        {
            if ok(&t) {
                return t;
            }
            last = t;
        }
        if started.elapsed() > Duration::from_secs(20) {
            shot(c, "zz-timeout").await;
            panic!("`{css}` never showed {what}; last text: {last:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn fill(c: &Client, css: &str, text: &str) {
    let e = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn shot(c: &Client, name: &str) {
    let dir = repo().join("e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = c.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut hits = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if std::fs::read(&p)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                hits.push(p);
            }
        }
    }
    hits
}

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

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn the_app_end_to_end() {
    assert!(
        app_bin().exists(),
        "build the app first: {} is missing",
        app_bin().display()
    );
    let root = tempfile::tempdir().unwrap();
    let mk = |n: &str| {
        let p = root.path().join(n);
        std::fs::create_dir_all(&p).unwrap();
        p
    };
    let dirs = Dirs {
        config: mk("config"),
        data: mk("data"),
        cache: mk("cache"),
        state: mk("state"),
        _root: root,
    };
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: KNOWN_TOKEN.into(),
        friendly_name: "Acme Corp".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let caps = serde_json::json!({ "tauri:options": { "application": app_bin() } });
    let c = ClientBuilder::native()
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("WebDriver session with the app");

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

    // 5. Forget: the profile and its keychain entry are gone.
    click(&c, "#switch-account").await;
    click(&c, "#profiles li .forget-profile").await;
    click(&c, "#forget-confirm").await;
    wait_for(&c, "#notice", "the forget notice", |t| {
        t.contains("Forgot \"Acme Corp\"")
    })
    .await;
    shot(&c, "06-forgotten").await;
    assert!(
        keychain.get(&ids[0]).unwrap().is_none(),
        "keychain entry removed by Forget"
    );
    assert!(saved_profile_ids(&dirs.config).is_empty());

    c.close().await.unwrap();
    sandbox.shutdown().await;
}
