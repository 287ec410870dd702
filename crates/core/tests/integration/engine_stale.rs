//! The stale-plan check reads the SIDs a plan already knows in one wave; it must still see
//! every change a full re-read sees, including a known resource that was deleted or replaced.

use crate::engine_common;

use engine_common::{options, sandbox, snapshot, trunk_spec};
use switchboard_core::engine::{ApplyError, Event, apply, fingerprint_now, plan, read_live};
use switchboard_core::spec::Spec;
use switchboard_twilio::{Client, IpAccessControlListSid, NewIpAddress, TrunkSid};

/// The test trunk with one more address in 'Genesys EU', so its plan adopts the applied trunk,
/// lists and URLs and still has a step to run.
fn grown_spec() -> Spec {
    let mut v = serde_json::to_value(trunk_spec()).unwrap();
    v["ip_acls"][0]["addresses"]
        .as_array_mut()
        .unwrap()
        .push("52.215.127.12".into());
    v["version"] = 1.into();
    Spec::from_value(v).unwrap()
}

async fn known_trunk(client: &Client, p: &switchboard_core::engine::Plan) -> TrunkSid {
    let _ = client;
    TrunkSid::parse(p.known.parent.as_deref().expect("the plan knows the trunk")).unwrap()
}

#[tokio::test]
async fn the_one_wave_check_sees_what_a_full_read_sees() {
    let (sb, client) = sandbox(true).await;
    let changes: [&str; 5] = [
        "none",
        "address added to a known list",
        "known trunk deleted",
        "known list deleted",
        "known list replaced by a new one of the same name",
    ];
    for change in changes {
        sb.reset();
        let dir = tempfile::tempdir().unwrap();
        let p0 = plan(&trunk_spec(), &client).await.unwrap();
        apply(p0, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap();
        let spec = grown_spec();
        let p = plan(&spec, &client).await.unwrap();
        assert!(!p.is_empty());
        assert_eq!(p.known.acls.len(), 2, "both lists are known");
        let eu = IpAccessControlListSid::parse(
            &p.steps
                .iter()
                .find(|s| s.description.starts_with("Add 52.215.127.12"))
                .and_then(|s| s.op.as_ref())
                .map(|op| serde_json::to_value(op).unwrap()["acl"]["sid"].clone())
                .and_then(|v| v.as_str().map(str::to_string))
                .expect("the new address goes into the known list"),
        )
        .unwrap();
        match change {
            "none" => {}
            "address added to a known list" => {
                let a = NewIpAddress {
                    friendly_name: "extra".into(),
                    ip_address: "10.1.2.3".into(),
                    cidr_prefix_length: Some(32),
                };
                client.create_ip_address(&eu, &a).await.unwrap();
            }
            "known trunk deleted" => {
                let tk = known_trunk(&client, &p).await;
                client.delete_trunk(&tk).await.unwrap();
            }
            "known list deleted" => {
                let tk = known_trunk(&client, &p).await;
                client.remove_trunk_ip_acl(&tk, &eu).await.unwrap();
                client.delete_ip_acl(&eu).await.unwrap();
            }
            _ => {
                let tk = known_trunk(&client, &p).await;
                client.remove_trunk_ip_acl(&tk, &eu).await.unwrap();
                client.delete_ip_acl(&eu).await.unwrap();
                client.create_ip_acl("Genesys EU").await.unwrap();
            }
        }
        let full = read_live(&spec, &client).await.unwrap().fingerprint();
        let quick = fingerprint_now(&p, &client).await.expect(change);
        assert_eq!(quick, full, "{change}: same snapshot as a full read");
        assert_eq!(
            quick == p.fingerprint,
            change == "none",
            "{change}: the check notices exactly the changes"
        );
        let before = snapshot(&sb);
        let result = apply(p, &client, &options(&dir), &mut |_: &Event| {}).await;
        if change == "none" {
            result.expect("a fresh plan applies");
        } else {
            let err = result.unwrap_err();
            assert!(matches!(err, ApplyError::Stale { .. }), "{change}: {err}");
            assert_eq!(snapshot(&sb), before, "{change}: nothing sent");
        }
    }
}

#[tokio::test]
async fn the_check_of_a_sip_domain_and_a_byoc_plan_matches_a_full_read() {
    let (_sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
    for file in ["sip-domain.toml", "byoc.toml"] {
        let spec = Spec::from_path(std::path::Path::new(&format!("{root}{file}"))).unwrap();
        let p = plan(&spec, &client).await.unwrap();
        apply(p, &client, &options(&dir), &mut |_: &Event| {})
            .await
            .unwrap();
        let p = plan(&spec, &client).await.unwrap();
        assert!(
            p.known.parent.is_some(),
            "{file}: the plan knows its parent"
        );
        let quick = fingerprint_now(&p, &client).await.unwrap();
        assert_eq!(quick, p.fingerprint, "{file}");
        assert_eq!(
            quick,
            read_live(&spec, &client).await.unwrap().fingerprint(),
            "{file}"
        );
    }
}
