//! Twilio paging on both families: following next links verbatim sees every item once.

use crate::common;
use common::*;
use std::collections::BTreeSet;

#[tokio::test]
async fn v1_pages_follow_next_page_url() {
    let tw = Tw::start().await;
    for i in 0..7 {
        tw.create(&tw.v1("/Trunks"), &[("FriendlyName", &format!("t{i}"))])
            .await;
    }
    let mut url = tw.v1("/Trunks?PageSize=3");
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let r = tw.get(&url).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let meta = &r.body["meta"];
        assert_eq!(meta["page_size"], 3);
        assert_eq!(meta["page"], pages);
        assert_eq!(meta["key"], "trunks");
        assert!(
            meta["first_page_url"]
                .as_str()
                .unwrap()
                .starts_with(&tw.base)
        );
        if pages == 0 {
            assert!(meta["previous_page_url"].is_null());
        } else {
            // previous goes back to exactly the previous page
            let prev = tw.get(meta["previous_page_url"].as_str().unwrap()).await;
            let first_prev = prev.body["trunks"][0]["sid"].as_str().unwrap().to_string();
            assert_eq!(first_prev, seen[(pages as usize - 1) * 3]);
        }
        for t in r.body["trunks"].as_array().unwrap() {
            seen.push(t["sid"].as_str().unwrap().to_string());
        }
        pages += 1;
        if pages == 1 {
            // changes between pages: delete an unseen item and create a new one
            let later = tw.get(&tw.v1("/Trunks?PageSize=50")).await.body["trunks"][5]["sid"]
                .as_str()
                .unwrap()
                .to_string();
            assert_eq!(
                tw.delete(&tw.v1(&format!("/Trunks/{later}"))).await.status,
                204
            );
            tw.create(&tw.v1("/Trunks"), &[("FriendlyName", "late")])
                .await;
        }
        match meta["next_page_url"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    let unique: BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no item twice");
    assert_eq!(seen.len(), 8, "1 seeded + 7 created - 1 deleted + 1 late");
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn v2010_pages_follow_next_page_uri() {
    let tw = Tw::start().await;
    let mut uri = format!(
        "/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json?PageSize=10",
        tw.ac
    );
    let mut seen = BTreeSet::new();
    let mut bounds = Vec::new();
    loop {
        let r = tw.get(&format!("{}{uri}", tw.base)).await;
        assert_eq!(r.status, 200, "{}", r.body);
        for n in r.body["incoming_phone_numbers"].as_array().unwrap() {
            assert!(
                seen.insert(n["sid"].as_str().unwrap().to_string()),
                "no item twice"
            );
        }
        bounds.push((
            r.body["page"].as_u64().unwrap(),
            r.body["start"].as_u64().unwrap(),
            r.body["end"].as_u64().unwrap(),
        ));
        assert!(r.body["uri"].as_str().unwrap().starts_with("/2010-04-01/"));
        match r.body["next_page_uri"].as_str() {
            Some(next) => {
                assert!(next.starts_with("/2010-04-01/") && next.contains("PageToken="));
                uri = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(bounds, vec![(0, 0, 9), (1, 10, 19), (2, 20, 24)]);

    // filters travel with the page links
    let r = tw
        .get(&tw.api("/IncomingPhoneNumbers.json?PhoneNumber=%2B1&PageSize=4"))
        .await;
    let next = r.body["next_page_uri"].as_str().unwrap();
    assert!(next.contains("PhoneNumber=%2B1"), "{next}");
    let r2 = tw.get(&format!("{}{next}", tw.base)).await;
    for n in r2.body["incoming_phone_numbers"].as_array().unwrap() {
        assert!(n["phone_number"].as_str().unwrap().starts_with("+1"));
    }
    // Page without a token is an offset
    let p1 = tw
        .get(&tw.api("/IncomingPhoneNumbers.json?PageSize=10&Page=1"))
        .await;
    assert_eq!(
        p1.body["incoming_phone_numbers"][0]["phone_number"],
        "+441614960123"
    );
    assert_eq!(p1.body["start"], 10);
}

#[tokio::test]
async fn paging_parameters_are_checked() {
    let tw = Tw::start().await;
    for q in [
        "PageSize=0",
        "PageSize=1001",
        "PageSize=ten",
        "Page=-1",
        "PageToken=garbage",
    ] {
        let r = tw.get(&tw.v1(&format!("/Trunks?{q}"))).await;
        assert_error(&r, 400, Some(20001));
        let r = tw
            .get(&tw.api(&format!("/SIP/IpAccessControlLists.json?{q}")))
            .await;
        assert_error(&r, 400, Some(20001));
    }
    let r = tw.get(&tw.v1("/Trunks?PageSize=1000")).await;
    assert_eq!(r.body["meta"]["page_size"], 1000);
    let r = tw.get(&tw.v1("/Trunks")).await;
    assert_eq!(r.body["meta"]["page_size"], 50, "default PageSize");
    let empty = tw.get(&tw.api("/Keys.json")).await;
    assert_eq!(
        (empty.body["start"].as_u64(), empty.body["end"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(empty.body["next_page_uri"].is_null());
}
