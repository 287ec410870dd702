//! The `switchboard-desktop` binary: hands over to the library so tests can build the same app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    switchboard_desktop::run();
}
