//! The WebDriver harness every end-to-end test shares: fresh XDG folders, tauri-driver started
//! with them (killed on drop), a session with the built app, and waits, clicks, typing and
//! screenshots (to `e2e-artifacts/`) that fail with a message naming the element.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The app under test: `APP_BIN` if set, else the binary Cargo built for these tests (same
/// features as the test run, so CI compiles the Tauri tree once, not a second time for a plain
/// `cargo build`).
pub fn app_bin() -> PathBuf {
    std::env::var_os("APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_switchboard-desktop")))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver, killed on drop.
pub struct Driver(pub Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct Dirs {
    pub _root: tempfile::TempDir,
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
    pub state: PathBuf,
}

impl Dirs {
    /// Fresh, empty XDG config / data / cache / state folders for one app run.
    pub fn new() -> Dirs {
        let root = tempfile::tempdir().unwrap();
        let mk = |n: &str| {
            let p = root.path().join(n);
            std::fs::create_dir_all(&p).unwrap();
            p
        };
        Dirs {
            config: mk("config"),
            data: mk("data"),
            cache: mk("cache"),
            state: mk("state"),
            _root: root,
        }
    }
}

/// A WebDriver session with the built app (tauri-driver must be listening on `port`).
pub async fn session(port: u16) -> Client {
    assert!(
        app_bin().exists(),
        "build the app first: {} is missing",
        app_bin().display()
    );
    let caps = serde_json::json!({ "tauri:options": { "application": app_bin() } });
    // tauri-driver starts WebKitWebDriver for each session and forwards to it; on a loaded
    // machine the forward can come before WebKitWebDriver listens (the first request then
    // fails with a connect error), so a failed start is tried again for a while.
    let started = Instant::now();
    loop {
        match ClientBuilder::native()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return c,
            Err(e) if started.elapsed() < Duration::from_secs(30) => {
                eprintln!("WebDriver session not started yet ({e}); trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => panic!("WebDriver session with the app: {e:?}"),
        }
    }
}

pub fn start_driver(dirs: &Dirs, base_url: &str) -> (Driver, u16) {
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
        // Keep WebKit's GPU compositing (the app turns it off without a GPU, see src/main.rs):
        // WebKitWebDriver sessions hang without it.
        .env("SWITCHBOARD_GPU", "1")
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

pub async fn wait_for<F: Fn(&str) -> bool>(c: &Client, css: &str, what: &str, ok: F) -> String {
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

pub async fn click(c: &Client, css: &str) {
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

pub async fn fill(c: &Client, css: &str, text: &str) {
    let e = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

pub async fn shot(c: &Client, name: &str) {
    let dir = repo().join("e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = c.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

pub fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
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
