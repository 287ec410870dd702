//! Switchboard core: validation, specs, plan and apply. Never depends on Tauri.

pub mod calls;
pub mod connectivity;
pub mod engine;
pub mod export;
pub mod inventory;
pub mod preset;
pub mod router;
pub mod secret;
pub mod spec;
pub mod validate;
