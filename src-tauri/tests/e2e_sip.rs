//! The SIP phones wizard in the real app, over WebDriver, against a sandbox playing a customer's
//! account: two phones (E.164 usernames, generated passwords) → a SIP domain checked for
//! availability → an account number ringing a phone through the router table → the dial plan
//! with its simulator → review → apply → one setup sheet per phone. The sandbox's state is
//! checked afterwards: the domain with registration and TLS, the credential list with both
//! usernames mapped for calls and registrations, and the router deployed as a Serverless
//! Function. The generated passwords are in no file the app wrote.
//!
//! Needs a display, a D-Bus session with a keychain, tauri-driver and the app built with the
//! embedded UI; `scripts/ci/app.sh` sets all that up and runs this with `--ignored`.

mod flows7_e2e;
mod webdriver;

use std::time::Duration;

use fantoccini::Locator;
use flows7_e2e::*;
use switchboard_sandbox::{Sandbox, SandboxConfig};
use webdriver::*;

const ACME_SID: &str = "AC00000000000000000000000000519e2e";
const TOKEN: &str = "e2e-sip-token-0d93b1c7a2f64e85";
const ACCOUNT_NUMBER: &str = "+14155550150";
const PHONES: [&str; 2] = ["+14155550160", "+14155550161"];
const LABEL: &str = "acme-phones-e2e";
const DOMAIN: &str = "acme-phones-e2e.sip.twilio.com";

fn pw_id(username: &str) -> String {
    format!(
        "#pw-{}-value",
        username.replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-',
            "_"
        )
    )
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn sip_phones_flow_end_to_end_with_router_and_sheets() {
    let dirs = Dirs::new();
    let sandbox = Sandbox::start(SandboxConfig {
        account_sid: ACME_SID.into(),
        auth_token: TOKEN.into(),
        friendly_name: "Acme Office".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    sandbox
        .add_numbers(&[ACCOUNT_NUMBER.to_string()])
        .expect("a number on the account");
    let (_driver, port) = start_driver(&dirs, &sandbox.base_url());
    let c = session(port).await;
    connect_and_start(&c, ACME_SID, TOKEN, "Acme Office").await;

    // 1. Phones: a bad number is refused with its message, two good ones get passwords.
    wait_for(&c, "#flow-sip_phones", "the start page", |t| {
        t.contains("SIP phones")
    })
    .await;
    click(&c, "#flow-sip_phones").await;
    on_step(&c, "phones").await;
    fill(&c, "#phone-usernames-input", "415-555-01").await;
    click(&c, "#phone-usernames-add").await;
    wait_for(&c, "#phone-usernames", "the refused number", |t| {
        t.contains("415-555-01")
    })
    .await;
    fill(&c, "#phone-usernames-input", &PHONES.join(", ")).await;
    click(&c, "#phone-usernames-add").await;
    let mut passwords = vec![];
    for u in PHONES {
        c.wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&pw_id(u)))
            .await
            .unwrap_or_else(|e| panic!("a password for {u}: {e}"));
        let pw = value(&c, &pw_id(u)).await;
        assert!(pw.len() >= 12, "a generated password for {u}: {pw:?}");
        passwords.push(pw);
    }
    shot(&c, "sip-01-phones").await;
    next_to(&c, "phones", "domain").await;

    // 2. The SIP domain: checked for availability; registration and TLS are on by default.
    fill(&c, "#domain-label", LABEL).await;
    wait_for(&c, "#domain-availability", "the domain is free", |t| {
        t.contains(&format!("{DOMAIN} is free"))
    })
    .await;
    fill(&c, "#domain-voice-url", "https://example.com/outbound").await;
    shot(&c, "sip-02-domain").await;
    next_to(&c, "domain", "incoming").await;

    // 3. Incoming calls: the account number rings the first phone; everything else goes to the
    //    voice URL typed on the domain step (the default row starts there).
    click(&c, "#router-on").await;
    click(&c, "#route-add").await;
    fill(&c, "#route-number-0", ACCOUNT_NUMBER).await;
    choose(&c, "#route-kind-0", "sip").await;
    let first = format!("sip:{}@{DOMAIN}", PHONES[0]);
    fill(&c, "#route-value-0", &first).await;
    assert_eq!(
        value(&c, "#route-value-default").await,
        "https://example.com/outbound"
    );
    shot(&c, "sip-03-incoming").await;
    next_to(&c, "incoming", "dialplan").await;

    // 4. The dial plan: the suggested one, simulated.
    let sim = wait_for(&c, "#dialplan-sim", "the simulation", |t| {
        t.contains("rule 5")
    })
    .await;
    assert_eq!(sim, "dial 4155550100 → rule 5 → sends +14155550100");
    wait_for(&c, "#dialplan-lints-none", "no findings", |t| {
        t.contains("No problems found")
    })
    .await;
    let plan = value(&c, "#dialplan-text").await;
    assert!(
        c.find(Locator::Css("#draft-error")).await.is_err(),
        "the draft (no secrets in it) was saved at every step"
    );
    shot(&c, "sip-04-dialplan").await;
    next_to(&c, "dialplan", "review").await;

    // 5. Review → apply → done.
    shot(&c, "sip-05-review").await;
    next_to(&c, "review", "apply").await;
    next_to(&c, "apply", "done").await;
    shot(&c, "sip-07-done").await;

    // The sheets: one per phone, each with its password this once, TLS and the dial plan.
    for (u, pw) in PHONES.iter().zip(&passwords) {
        let css = format!(".sheet[data-username=\"{u}\"]");
        let sheet = c
            .find(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("the sheet for {u}: {e}"));
        let field = |f: &'static str| {
            let sheet = sheet.clone();
            async move {
                sheet
                    .find(Locator::Css(&format!("[data-field={f}]")))
                    .await
                    .unwrap_or_else(|e| panic!("{f} on the sheet: {e}"))
                    .text()
                    .await
                    .unwrap()
            }
        };
        assert_eq!(field("server").await, DOMAIN);
        assert!(field("transport").await.starts_with("TLS, port 5061"));
        assert_eq!(field("username").await, *u);
        assert_eq!(&field("password").await, pw, "the password shown once");
        assert_eq!(field("dialplan").await, plan);
    }

    // The account: the domain, its credential list mapped both ways, the router deployed.
    let state = sandbox.state_json();
    let domain = find(&state["domains"], "domain_name", DOMAIN);
    assert_eq!(domain["sip_registration"], true);
    assert_eq!(domain["secure"], true);
    let list = find(&state["credential_lists"], "friendly_name", "Office phones");
    let users: Vec<&str> = state["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["list_sid"] == list["sid"])
        .map(|x| x["username"].as_str().unwrap())
        .collect();
    assert_eq!(users.len(), 2, "{users:?}");
    for u in PHONES {
        assert!(users.contains(&u), "{u} in {users:?}");
    }
    let kinds: Vec<&str> = state["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["sid"] == list["sid"] && l["parent_sid"] == domain["sid"])
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"DomainCallsCredentials")
            && kinds.contains(&"DomainRegistrationsCredentials"),
        "the list authenticates calls and registrations: {kinds:?}"
    );
    let service = find(
        &state["services"],
        "unique_name",
        &format!("phones-router-{LABEL}"),
    );
    let functions: Vec<_> = state["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["service_sid"] == service["sid"])
        .collect();
    assert_eq!(functions.len(), 1, "one router Function: {functions:?}");
    assert!(
        !state["deployments"].as_array().unwrap().is_empty(),
        "the router is deployed"
    );
    let voice = domain["voice_url"].as_str().unwrap_or_default();
    assert!(
        voice.starts_with("https://") && voice.ends_with("/switchboard-router"),
        "the domain's calls go to the router: {voice}"
    );

    let shown = wait_for(&c, "#done-router-url", "the router's address", |t| {
        !t.is_empty()
    })
    .await;
    assert_eq!(
        shown, voice,
        "the Done page gives the numbers the router's address"
    );

    // The router answers as the table says, for a request Twilio would send it.
    let rings = sandbox_inbound(&sandbox, ACCOUNT_NUMBER, DOMAIN);
    let twiml = rings["body"].as_str().unwrap();
    assert!(
        twiml.contains(&format!("<Sip>{first}</Sip>")),
        "{ACCOUNT_NUMBER} rings the first phone: {twiml}"
    );
    let other = sandbox_inbound(&sandbox, "+14155550999", DOMAIN);
    let twiml = other["body"].as_str().unwrap();
    assert!(
        twiml.contains("<Redirect") && twiml.contains("https://example.com/outbound"),
        "anything else goes to the default row: {twiml}"
    );

    // The passwords are in no file the app wrote (they went to the keychain and to the sheet).
    for dir in [&dirs.config, &dirs.data, &dirs.cache, &dirs.state] {
        for pw in &passwords {
            let hits = files_containing(dir, pw);
            assert!(hits.is_empty(), "a SIP password leaked into {hits:?}");
        }
    }
    c.close().await.unwrap();
}
