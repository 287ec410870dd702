//! `POST /__sandbox/numbers` (and `Sandbox::add_numbers`): more numbers for demos and benchmarks.

use crate::common;

use common::Tw;

#[tokio::test]
async fn added_numbers_are_listed_like_bought_ones() {
    let tw = Tw::empty().await;
    let r = tw
        .send(
            tw.http
                .post(format!("{}/__sandbox/numbers", tw.base))
                .body(r#"{"numbers": ["+13125551000", "+13125551001"]}"#),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["added"].as_array().unwrap().len(), 2);
    let sids = tw.sb.add_numbers(&["+13125551002".to_string()]).unwrap();
    assert!(sids[0].starts_with("PN") && sids[0].len() == 34);

    let list = tw
        .get(&tw.api("/IncomingPhoneNumbers.json?PageSize=10"))
        .await;
    let numbers: Vec<&str> = list.body["incoming_phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["phone_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["+13125551000", "+13125551001", "+13125551002"]);
}

#[tokio::test]
async fn malformed_or_duplicate_numbers_refuse_the_whole_batch() {
    let tw = Tw::empty().await;
    let bad = tw
        .sb
        .add_numbers(&["+13125551000".into(), "13125551001".into()])
        .unwrap_err();
    assert_eq!(bad.status, 400);
    let dup = tw
        .sb
        .add_numbers(&["+13125551000".into(), "+13125551000".into()])
        .unwrap_err();
    assert_eq!(dup.status, 409);
    let list = tw.get(&tw.api("/IncomingPhoneNumbers.json")).await;
    assert!(
        list.body["incoming_phone_numbers"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing half-added"
    );
}
