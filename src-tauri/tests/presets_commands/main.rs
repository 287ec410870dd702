//! The presets and connectivity commands on Tauri's mock runtime, through the real capability
//! (so each command must be allowed): the preset list and forms, answers checked with defaults
//! that follow earlier answers, builds for Genesys and Bolna (and refusals naming the value),
//! the far-side sheet saved as HTML and PDF, "Register on Bolna" against the Bolna stand-in with
//! the key kept in the keychain and never returned, importing spec files, and the connectivity
//! check against SIP responders on loopback (UDP and TCP), a silent port and a closed one.
//!
//! By subject: [`forms`] (the list, the questions, answers checked, spec files imported),
//! [`builds`] (what a preset builds: the spec and the far-side sheet, saved as HTML and PDF),
//! [`bolna`] ("Register on Bolna" and its key), [`apply`] (a built preset planned and applied) and
//! [`connectivity`] (SIP OPTIONS to peers on loopback). The environment, the app and the answers
//! they share are below.

#[path = "../support/mod.rs"]
mod support;

mod apply;
mod bolna;
mod builds;
mod connectivity;
mod forms;

use std::sync::OnceLock;

use serde_json::{Value, json};
use support::*;
use switchboard_sandbox::bolna::BolnaStandIn;

const BOLNA_KEY: &str = "bolna-test-key-5e2c1a";

/// One Bolna stand-in and one export folder for the whole binary: the app reads their
/// addresses from the environment, which is set once, before any test builds an app.
struct Env {
    _rt: tokio::runtime::Runtime,
    bolna: BolnaStandIn,
    exports: tempfile::TempDir,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let bolna = rt.block_on(BolnaStandIn::start(BOLNA_KEY)).unwrap();
        let exports = tempfile::tempdir().unwrap();
        // SAFETY: set inside the OnceLock initialiser, before any app (or other thread of
        // these tests) reads the environment.
        unsafe {
            std::env::set_var("SWITCHBOARD_BOLNA_URL", bolna.base_url());
            std::env::set_var("SWITCHBOARD_EXPORT_DIR", exports.path());
        }
        Env {
            _rt: rt,
            bolna,
            exports,
        }
    })
}

fn app() -> TestApp {
    env();
    test_app()
}

fn genesys_answers() -> Value {
    json!({
        "region": "mypurecloud.ie",
        "identifier": "acme-twilio",
        "termination_label": "acme-genesys",
        "genesys_sip_addresses": ["52.48.1.10", "52.48.1.11"],
        "numbers": ["+14155550100", "+14155550101"],
        "dtmf_payload": 101,
    })
}

fn bolna_answers(label: &str) -> Value {
    json!({ "numbers": ["+14155550102"], "termination_label": label })
}
