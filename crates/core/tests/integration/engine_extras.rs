//! Desired state includes what the spec leaves out: inside resources the spec owns, entries it
//! does not list are removed (an address, an origination URL, a SIP user), and lists and
//! numbers it does not list are taken off the trunk — a number is detached, never released.

use crate::engine_common;

use engine_common::{count, options, sandbox, snapshot, trunk_spec};
use futures::TryStreamExt;
use switchboard_core::engine::{Event, StepKind, apply, plan, rollback};
use switchboard_twilio::{
    Client, CredentialListSid, IpAccessControlListSid, NewIpAddress, NewOriginationUrl,
    NumberFilter, PhoneNumberSid, Secret, TrunkSid,
};

const EXTRA_NUMBER: &str = "+13125557412";

async fn acl_named(client: &Client, name: &str) -> IpAccessControlListSid {
    let all: Vec<_> = client.list_ip_acls().try_collect().await.unwrap();
    all.into_iter()
        .find(|a| a.friendly_name.as_deref() == Some(name))
        .unwrap()
        .sid
}

async fn number_sid(client: &Client, number: &str) -> PhoneNumberSid {
    let f = NumberFilter {
        phone_number: Some(number.into()),
        ..NumberFilter::default()
    };
    let all: Vec<_> = client
        .list_incoming_phone_numbers(&f)
        .try_collect()
        .await
        .unwrap();
    all.into_iter()
        .find(|n| n.phone_number == number)
        .unwrap()
        .sid
}

/// Adds, outside Switchboard, one of each extra to the applied test trunk.
async fn add_extras(client: &Client, trunk: &TrunkSid) {
    let eu = acl_named(client, "Genesys EU").await;
    let ip = NewIpAddress {
        friendly_name: "old office".into(),
        ip_address: "198.51.100.7".into(),
        cidr_prefix_length: Some(32),
    };
    client.create_ip_address(&eu, &ip).await.unwrap();
    let url = NewOriginationUrl {
        friendly_name: "old pbx".into(),
        sip_url: "sip:old-pbx.acme-corp.com:5060".into(),
        priority: 30,
        weight: 10,
        enabled: true,
    };
    client.create_origination_url(trunk, &url).await.unwrap();
    let cls: Vec<_> = client.list_credential_lists().try_collect().await.unwrap();
    let cl: CredentialListSid = cls
        .into_iter()
        .find(|c| c.friendly_name.as_deref() == Some("Acme PBX users"))
        .unwrap()
        .sid;
    client
        .create_credential(&cl, "carol", &Secret::new("Carol-Passw0rd-2024x"))
        .await
        .unwrap();
    let other = client.create_ip_acl("Old partner").await.unwrap();
    client.add_trunk_ip_acl(trunk, &other.sid).await.unwrap();
    let n = number_sid(client, EXTRA_NUMBER).await;
    client.add_trunk_phone_number(trunk, &n).await.unwrap();
}

#[tokio::test]
async fn extras_are_removed_or_detached_and_rollback_restores_what_it_can() {
    let (sb, client) = sandbox(true).await;
    let dir = tempfile::tempdir().unwrap();
    let spec = trunk_spec();
    let p = plan(&spec, &client).await.unwrap();
    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .unwrap();
    let p = plan(&spec, &client).await.unwrap();
    assert!(p.is_empty());
    let trunk = TrunkSid::parse(p.known.parent.as_deref().unwrap()).unwrap();
    add_extras(&client, &trunk).await;
    let with_extras = snapshot(&sb);
    let numbers_before = with_extras["phone_numbers"].as_array().unwrap().len();

    let p = plan(&spec, &client).await.unwrap();
    let changes: Vec<_> = p.changes().collect();
    let kinds = |k: StepKind| changes.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        kinds(StepKind::Delete),
        3,
        "address, URL, user: {changes:#?}"
    );
    assert_eq!(
        kinds(StepKind::Detach),
        2,
        "list link, number: {changes:#?}"
    );
    assert_eq!(changes.len(), 5);
    let find = |needle: &str| {
        changes
            .iter()
            .find(|s| s.description.contains(needle))
            .unwrap_or_else(|| panic!("no step mentions {needle}: {changes:#?}"))
    };
    assert!(
        find("198.51.100.7")
            .description
            .contains("rollback adds it back")
    );
    assert!(find("never released").description.contains(EXTRA_NUMBER));
    assert!(
        find("Old partner")
            .description
            .contains("list itself is kept")
    );
    let user = find("carol");
    assert!(
        user.description.contains("cannot restore"),
        "{}",
        user.description
    );
    let others: Vec<usize> = changes
        .iter()
        .filter(|s| s.id != user.id)
        .map(|s| s.id)
        .collect();
    assert!(
        others.iter().all(|id| user.depends_on.contains(id)),
        "removing a user runs last: {:?} vs {others:?}",
        user.depends_on
    );

    apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .expect("apply");
    assert!(
        plan(&spec, &client).await.unwrap().is_empty(),
        "desired state"
    );
    let after = snapshot(&sb);
    assert_eq!(
        after["phone_numbers"].as_array().unwrap().len(),
        numbers_before,
        "no number is released"
    );
    let n = client
        .fetch_incoming_phone_number(&number_sid(&client, EXTRA_NUMBER).await)
        .await
        .unwrap();
    assert!(n.trunk_sid.is_none(), "the extra number is detached");
    assert_eq!(count(&after, "credentials", "username", "carol"), 0);
    assert_eq!(
        count(
            &after,
            "ip_access_control_lists",
            "friendly_name",
            "Old partner"
        ),
        1,
        "an unlinked list is kept"
    );

    let mut skipped = vec![];
    rollback(&client, &options(&dir), &mut |e: &Event| {
        if let Event::StepSkipped { reason, .. } = e {
            skipped.push(reason.clone());
        }
    })
    .await
    .expect("rollback");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].contains("password"), "{}", skipped[0]);
    let restored = snapshot(&sb);
    assert_eq!(
        count(&restored, "ip_addresses", "ip_address", "198.51.100.7"),
        1
    );
    assert_eq!(
        count(&restored, "origination_urls", "friendly_name", "old pbx"),
        1
    );
    assert_eq!(count(&restored, "credentials", "username", "carol"), 0);
    let n = client
        .fetch_incoming_phone_number(&number_sid(&client, EXTRA_NUMBER).await)
        .await
        .unwrap();
    assert_eq!(
        n.trunk_sid.as_ref(),
        Some(&trunk),
        "number back on the trunk"
    );
    // Everything but the user is back: the next plan removes the same four extras again.
    let again = plan(&spec, &client).await.unwrap();
    assert_eq!(again.changes().count(), 4, "{:#?}", again.steps);
}
