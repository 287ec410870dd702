//! The unfinished wizard saved as a draft (never with a secret in it), and the wizard commands
//! refused before an account is connected.

use serde_json::{Value, json};
use switchboard_desktop::wizard::WizardState;
use tauri::Manager;

use crate::support::*;
use crate::{PASSWORD, spec, wizard_app};

#[test]
fn drafts_survive_and_refuse_secrets() {
    let (t, _sandbox) = wizard_app();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), Value::Null);
    let draft =
        json!({ "flow": "elastic", "step": 2, "data": spec("Acme Draft", "acme-draft", &[]) });
    t.invoke("save_draft", json!({ "draft": draft })).unwrap();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), draft);
    let secret =
        json!({ "flow": "elastic", "step": 2, "data": { "passwords": { "pbx-main": PASSWORD } } });
    let e = t
        .invoke("save_draft", json!({ "draft": secret }))
        .expect_err("secret refused");
    assert_eq!(e["field"], "data.passwords");
    assert!(files_containing(t.dirs.path(), PASSWORD).is_empty());
    assert_eq!(
        t.invoke("load_draft", json!({})).unwrap(),
        draft,
        "the old draft is kept"
    );
    t.invoke("clear_draft", json!({})).unwrap();
    assert_eq!(t.invoke("load_draft", json!({})).unwrap(), Value::Null);
}

#[test]
fn wizard_commands_need_a_connected_account() {
    let t = test_app();
    let root = t.dirs.path().to_path_buf();
    t.app
        .manage(WizardState::new(&root.join("data"), &root.join("exports")));
    let e = t
        .invoke("plan_spec", json!({ "spec": spec("x", "acme-x", &[]) }))
        .expect_err("not connected");
    assert_eq!(e["code"], "not_connected");
    let e = t
        .invoke(
            "set_sip_password",
            json!({ "list": "l", "username": "u", "password": PASSWORD }),
        )
        .expect_err("not connected");
    assert_eq!(e["code"], "not_connected");
}
