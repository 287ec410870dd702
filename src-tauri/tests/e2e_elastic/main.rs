//! The Elastic SIP trunk wizard in the real app, under Xvfb over WebDriver (tauri-driver +
//! WebKitWebDriver):
//!
//! (a) the demo, from the start page through every step to Done; then the demo account's saved
//!     state is served again and checked through the `switchboard` CLI: the trunk exists, its
//!     numbers route to it, and a plan of exactly what was entered (ACL entries, usernames,
//!     origination URLs with priority and weight, numbers, recording) finds nothing to change.
//!     The generated SIP password is in no file the app wrote.
//! (b) a sandbox that fails a late step (attaching a number): the failure and the rollback are
//!     on screen, and the account is left exactly as it was.
//!
//! Screenshots of every step go to `e2e-artifacts/elastic-*.png`. Needs a display, a D-Bus
//! session with a keychain, tauri-driver, the app built with the embedded UI and cargo (to build
//! the CLI if it is missing); `scripts/ci/app.sh` sets that up and runs this with `--ignored`.
//!
//! One module per test: [`demo`] is (a), [`rollback`] is (b), [`inventory`] opens a trunk from
//! the inventory in the wizard and removes it (its numbers are kept), and [`draft`] walks the
//! first steps from the keyboard only, then finds the unfinished wizard again after a restart.
//! [`ui`] holds the steps on screen they share; [`cli`] reads the account from outside the app.

#[path = "../webdriver/mod.rs"]
mod webdriver;

mod cli;
mod demo;
mod draft;
mod inventory;
mod rollback;
mod ui;

/// The trunk the demo test makes and its two origination URLs (the rollback test uses the first).
const TRUNK: &str = "E2E Trunk";
const DOMAIN: &str = "e2e-trunk.pstn.twilio.com";
const PRIMARY: &str = "sip:pbx.e2e.example.com:5060";
const BACKUP: &str = "sip:backup.e2e.example.com";
