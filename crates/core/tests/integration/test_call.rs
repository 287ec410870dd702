//! The outbound test call against the sandbox: statuses stream in order until `completed`, and
//! an unknown BYOC trunk is refused the way Twilio refuses it.

use crate::engine_common;

use std::time::Duration;

use engine_common::sandbox;
use switchboard_core::calls::{TestCall, TestCallError, test_call, test_call_with};
use switchboard_twilio::ByocTrunkParams;

#[tokio::test]
async fn byoc_test_call_reports_each_status_until_completed() {
    let (_sb, client) = sandbox(true).await;
    let trunk = client
        .create_byoc_trunk(&ByocTrunkParams {
            friendly_name: Some("Carrier".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut seen = Vec::new();
    let last = test_call_with(
        &client,
        TestCall {
            to: "+14155552671".into(),
            // Not a number on the account: over BYOC the carrier decides.
            from: "+12125550000".into(),
            byoc_trunk_sid: Some(trunk.sid.to_string()),
        },
        Duration::from_millis(100),
        Duration::from_secs(20),
        |p| seen.push((p.status.clone(), p.is_final)),
    )
    .await
    .unwrap();
    assert_eq!(last.status, "completed");
    assert!(last.is_final && last.duration.is_some());
    let statuses: Vec<&str> = seen.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(statuses, ["queued", "ringing", "in-progress", "completed"]);
    assert_eq!(
        seen.iter().filter(|(_, f)| *f).count(),
        1,
        "one final report"
    );
}

#[tokio::test]
async fn unknown_byoc_trunk_and_bad_numbers_are_refused() {
    let (_sb, client) = sandbox(true).await;
    let err = test_call(
        &client,
        TestCall {
            to: "+14155552671".into(),
            from: "+12125550000".into(),
            byoc_trunk_sid: Some("BY0123456789abcdef0123456789abcdef".into()),
        },
        |_| {},
    )
    .await
    .unwrap_err();
    match err {
        TestCallError::Twilio(switchboard_twilio::Error::Api {
            status, message, ..
        }) => {
            assert_eq!(status, 400);
            assert!(message.contains("Byoc"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let err = test_call(
        &client,
        TestCall {
            to: "415 555 2671".into(),
            from: "+12125550000".into(),
            byoc_trunk_sid: None,
        },
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, TestCallError::Invalid { issues } if issues[0].path == "to"),
        "{err:?}"
    );
}
