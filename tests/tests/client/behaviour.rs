//! How the client behaves, not what it calls: pagination across pages, errors kept whole,
//! retries under injected faults, a create never blindly repeated, the concurrency bound.

use futures::{StreamExt, TryStreamExt};
use switchboard_sandbox::{FaultRule, Faults};
use switchboard_tests::{demo, empty, with_faults};
use switchboard_twilio::*;

#[tokio::test]
async fn v2010_pages_are_followed_to_the_end() {
    let (_sb, c) = demo().await;
    let all: Vec<IncomingPhoneNumber> = c
        .list_incoming_phone_numbers(&NumberFilter::default())
        .try_collect()
        .await
        .unwrap();
    assert!(
        all.len() >= 20,
        "the demo has about 25 numbers, got {}",
        all.len()
    );
    let pages: Vec<Page<IncomingPhoneNumber>> = c
        .incoming_phone_number_pages(&NumberFilter {
            page_size: Some(4),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), all.len().div_ceil(4));
    let mut paged: Vec<String> = pages
        .iter()
        .flat_map(|p| p.items.iter().map(|n| n.sid.to_string()))
        .collect();
    let mut whole: Vec<String> = all.iter().map(|n| n.sid.to_string()).collect();
    paged.sort();
    whole.sort();
    assert_eq!(paged, whole, "every number exactly once");
    assert!(pages.last().unwrap().next.is_none());
}

#[tokio::test]
async fn v1_pages_are_followed_to_the_end() {
    let (_sb, c) = empty().await;
    let t = c
        .create_trunk(&TrunkParams {
            domain_name: Some("pages.pstn.twilio.com".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    for i in 0..7 {
        let o = NewOriginationUrl {
            friendly_name: format!("o{i}"),
            sip_url: format!("sip:sbc{i}.example.com"),
            priority: 10,
            weight: 10,
            enabled: true,
        };
        c.create_origination_url(&t.sid, &o).await.unwrap();
    }
    let req = Request::get(
        Host::Trunking,
        format!("/v1/Trunks/{}/OriginationUrls", t.sid),
    )
    .query(vec![("PageSize".into(), "3".into())]);
    let pages: Vec<Page<OriginationUrl>> = c
        .pages(req, "origination_urls")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        vec![3, 3, 1]
    );
}

#[tokio::test]
async fn number_filter_matches_partially() {
    let (_sb, c) = demo().await;
    let all: Vec<IncomingPhoneNumber> = c
        .list_incoming_phone_numbers(&NumberFilter::default())
        .try_collect()
        .await
        .unwrap();
    let target = &all[0].phone_number;
    let prefix: String = target.chars().take(6).collect();
    let found: Vec<IncomingPhoneNumber> = c
        .list_incoming_phone_numbers(&NumberFilter {
            phone_number: Some(prefix.clone()),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert!(found.iter().any(|n| &n.phone_number == target));
    assert!(
        found.iter().all(|n| n.phone_number.contains(&prefix)),
        "filter {prefix}"
    );
}

#[tokio::test]
async fn reads_survive_5xx_429_and_dropped_connections() {
    let faults = Faults {
        error_rate: 0.1,
        rate_limit_rate: 0.05,
        drop_rate: 0.05,
        retry_after_secs: 0,
        ..Default::default()
    };
    let (_sb, c) = with_faults(faults).await;
    for _ in 0..10 {
        let numbers: Vec<IncomingPhoneNumber> = c
            .list_incoming_phone_numbers(&NumberFilter {
                page_size: Some(5),
                ..Default::default()
            })
            .try_collect()
            .await
            .expect("retries absorb transient faults");
        assert!(numbers.len() >= 20);
    }
}

#[tokio::test]
async fn a_create_is_not_repeated_after_a_server_error() {
    let (sb, c) = empty().await;
    sb.set_faults(Faults {
        rules: vec![FaultRule {
            method: "POST".into(),
            path_contains: "/v1/Trunks".into(),
            nth: 1,
            status: 500,
        }],
        ..Default::default()
    });
    let err = c.create_trunk(&TrunkParams::default()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    sb.set_faults(Faults::default());
    let trunks: Vec<Trunk> = c.list_trunks().try_collect().await.unwrap();
    assert!(
        trunks.is_empty(),
        "the failed create was not retried behind the caller's back"
    );

    // A 429 means "not processed": retrying the create is safe and it succeeds.
    sb.set_faults(Faults {
        rules: vec![FaultRule {
            method: "POST".into(),
            path_contains: "/v1/Trunks".into(),
            nth: 1,
            status: 429,
        }],
        ..Default::default()
    });
    c.create_trunk(&TrunkParams::default())
        .await
        .expect("429 is retried");
    let trunks: Vec<Trunk> = c.list_trunks().try_collect().await.unwrap();
    assert_eq!(trunks.len(), 1, "exactly one trunk");
}

#[tokio::test]
async fn errors_keep_status_code_message_and_more_info() {
    let (_sb, c) = empty().await;
    let missing = TrunkSid::parse("TK00000000000000000000000000000000").unwrap();
    match c.fetch_trunk(&missing).await.unwrap_err() {
        Error::Api {
            status,
            code,
            message,
            more_info,
        } => {
            assert_eq!(status, 404);
            assert_eq!(code, Some(20404));
            assert!(!message.is_empty());
            assert_eq!(
                more_info.as_deref(),
                Some("https://www.twilio.com/docs/errors/20404")
            );
        }
        e => panic!("{e:?}"),
    }
}

#[tokio::test]
async fn network_errors_are_their_own_kind() {
    let creds =
        Credentials::auth_token("AC0123456789abcdef0123456789abcdef", Secret::new("x")).unwrap();
    let c = Client::builder(creds)
        .endpoints(Endpoints::single("http://127.0.0.1:9"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    match c.fetch_account().await.unwrap_err() {
        Error::Network {
            url, maybe_applied, ..
        } => {
            assert!(
                url.starts_with("http://127.0.0.1:9/2010-04-01/Accounts/"),
                "{url}"
            );
            assert!(!maybe_applied, "a refused connection never reached Twilio");
        }
        e => panic!("{e:?}"),
    }
}

#[tokio::test]
async fn concurrency_bound_is_shared_by_all_requests() {
    // The sandbox refuses (429) anything above 4 in flight and is slow; a client bounded at 4
    // never triggers it, so no request needs a retry.
    let faults = Faults {
        latency_ms: 40,
        max_concurrency: Some(4),
        retry_after_secs: 0,
        ..Default::default()
    };
    let (sb, _) = with_faults(faults).await;
    let creds = Credentials::auth_token(sb.account_sid(), Secret::new(sb.auth_token())).unwrap();
    let c = Client::builder(creds)
        .endpoints(Endpoints::single(&sb.base_url()))
        .retry(RetryPolicy::none())
        .max_concurrency(4)
        .build()
        .unwrap();
    let results: Vec<_> = futures::stream::iter(0..16)
        .map(|_| {
            let c = c.clone();
            async move { c.fetch_account().await }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    assert!(
        results.iter().all(Result::is_ok),
        "none refused: {:?}",
        results.iter().find(|r| r.is_err())
    );
}
