//! The commands through Tauri's mock runtime, against real sandboxes: the demo, a customer
//! account reached through a profile's base URL, wrong tokens, suspended accounts, dedicated API
//! keys and forgetting. Secrets go to an in-memory keychain here; the OS keychain is exercised by
//! the end-to-end test.
//!
//! By subject: [`demo`] (the demo account and its saved state), [`connect`] (connecting with
//! wrong or bad details, and the diagnostics that follow), [`profiles`] (a saved profile with a
//! token or a dedicated API key, switched and forgotten), [`endpoint`] (a profile's advanced
//! endpoint changed only once verified) and [`capability`] (what the webview may call).

#[path = "../support/mod.rs"]
mod support;

mod capability;
mod connect;
mod demo;
mod endpoint;
mod profiles;
