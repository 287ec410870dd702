//! The inventory streamed page by page with its links, and "Remove": a teardown plan reviewed, then
//! applied like any plan; numbers are detached, never released.

use std::sync::{Arc, Mutex};

use serde_json::json;
use switchboard_core::inventory::InventoryEvent;

use crate::{wizard, wizard_app};

#[test]
fn inventory_streams_pages_and_remove_is_a_reviewed_teardown() {
    let (t, _sandbox) = wizard_app();
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let inv = tauri::async_runtime::block_on(
        wizard(&t).load_inventory(&t.state(), &mut move |e| sink.lock().unwrap().push(e)),
    )
    .unwrap();
    let events = events.lock().unwrap().clone();
    let pages: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            InventoryEvent::NumbersPage { loaded, .. } => Some(*loaded),
            _ => None,
        })
        .collect();
    assert_eq!(pages.last().copied(), Some(inv.numbers.len() as u32));
    assert!(matches!(
        events.last(),
        Some(InventoryEvent::Finished { .. })
    ));
    let office = inv
        .trunks
        .iter()
        .find(|x| x.friendly_name == "Office PBX")
        .unwrap();
    assert_eq!(
        office.number_sids.len(),
        2,
        "the seeded trunk's two numbers are linked"
    );
    assert_eq!(office.ip_acl_sids.len(), 1);
    let via_ipc = t
        .invoke("load_inventory", json!({ "onEvent": "__CHANNEL__:4" }))
        .unwrap();
    assert_eq!(
        via_ipc["trunks"].as_array().unwrap().len(),
        inv.trunks.len()
    );

    // "Remove": a plan to review, then the same apply; numbers are detached, never released.
    let e = t
        .invoke("teardown_plan", json!({ "trunkSid": "TK1" }))
        .expect_err("bad sid");
    assert_eq!(e["field"], "trunk_sid");
    let plan = t
        .invoke("teardown_plan", json!({ "trunkSid": office.sid }))
        .expect("teardown plan");
    let kinds: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.iter().filter(|k| **k == "detach").count() >= 2,
        "both numbers are detached: {kinds:?}"
    );
    assert!(kinds.contains(&"delete"), "{kinds:?}");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:5" }),
        )
        .expect("teardown applies");
    assert_eq!(out["ok"], true, "{out}");
    let after =
        tauri::async_runtime::block_on(wizard(&t).load_inventory(&t.state(), &mut |_| {})).unwrap();
    assert!(
        after.trunks.iter().all(|x| x.sid != office.sid),
        "the trunk is gone"
    );
    assert_eq!(
        after.numbers.len(),
        inv.numbers.len(),
        "no number was released"
    );
    for sid in &office.number_sids {
        let n = after.numbers.iter().find(|n| &n.sid == sid).unwrap();
        assert_eq!(n.trunk_sid, None);
    }
}
