//! Switchboard core: validation, specs, plan and apply. Never depends on Tauri.

pub mod secret;
pub mod validate;
