//! The capability the webview runs under: our commands are allowed, the plugins' are not.

use serde_json::json;

use crate::support::*;

#[test]
fn the_capability_allows_our_commands_and_nothing_else() {
    let t = test_app();
    assert!(t.invoke("list_profiles", json!({})).is_ok());
    for cmd in [
        "plugin:clipboard-manager|read_text",
        "plugin:clipboard-manager|write_text",
        "plugin:event|emit",
    ] {
        let err = t.invoke(cmd, json!({})).unwrap_err();
        assert!(
            err.to_string().contains("not allowed"),
            "{cmd} must be refused by the capability: {err}"
        );
    }
}
