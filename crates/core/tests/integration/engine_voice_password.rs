//! A number whose voice URL carries a password (`https://bob:s3cret@…`) is attached to a trunk,
//! which clears the URL. The password is in no plan and no journal: the run keeps the full URL
//! in its secret store just before attaching, a rollback recalls it and puts it back, and the
//! store is emptied once the run is over. When the store cannot recall it (a rollback run by
//! another process than the CLI run that kept it in memory), the URL comes back without the
//! password and the rollback says so.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::engine_common;

use engine_common::{number_state, options, sandbox, set_voice};
use switchboard_core::engine::{
    ApplyError, ApplyOptions, Event, KeptInMemory, Op, Plan, SecretSource, StateDir, apply,
    generate_password, plan, rollback,
};
use switchboard_core::spec::Spec;
use switchboard_sandbox::{FaultRule, Faults, Sandbox};
use switchboard_twilio::{Client, HttpMethod, Secret};

const NUMBER: &str = "+12125552368";
const URL: &str = "https://bob:s3cret@hooks.example/voice";
const PASSWORD: &str = "s3cret";

/// A run's secret store in memory; `forgetful` recalls nothing, as a store in another process.
#[derive(Default)]
struct Store {
    kept: KeptInMemory,
    forgetful: bool,
    keeps: AtomicUsize,
}

impl SecretSource for Store {
    fn password(&self, _: &str, _: &str) -> Result<Secret, String> {
        generate_password()
    }
    fn keep(&self, key: &str, secret: &Secret) -> Result<(), String> {
        self.keeps.fetch_add(1, Ordering::SeqCst);
        self.kept.keep(key, secret)
    }
    fn recall(&self, key: &str) -> Result<Option<Secret>, String> {
        if self.forgetful {
            return Ok(None);
        }
        self.kept.recall(key)
    }
    fn forget(&self, key: &str) -> Result<(), String> {
        self.kept.forget(key)
    }
}

fn spec() -> Spec {
    Spec::from_toml_str(&format!(
        r#"
version = 1
kind = "elastic_trunk"
name = "Acme Hooks"
termination_domain = "acme-hooks.pstn.twilio.com"
numbers = ["{NUMBER}"]

[[origination_urls]]
name = "primary"
sip_url = "sip:pbx1.acme-corp.com:5060"
"#
    ))
    .expect("test spec parses")
}

/// A sandbox whose number has [`URL`] as its voice URL, and the plan that attaches it.
async fn setup() -> (Sandbox, Client, Plan) {
    let (sb, client) = sandbox(true).await;
    set_voice(&client, NUMBER, URL, HttpMethod::Post).await;
    assert_eq!(number_state(&sb, NUMBER)["voice_url"], URL, "set up");
    let p = plan(&spec(), &client).await.expect("plan");
    (sb, client, p)
}

fn attach_step(p: &Plan) -> usize {
    p.steps
        .iter()
        .find(|s| matches!(s.op, Some(Op::AttachNumber { .. })))
        .expect("the plan attaches the number")
        .id
}

/// Applies `p` with the origination URL's creation (made to wait for the attachment) refused,
/// so the run fails after the number was attached and rolls back. Returns the events.
async fn fail_after_attach(
    sb: &Sandbox,
    client: &Client,
    opts: &ApplyOptions,
    mut p: Plan,
) -> Vec<Event> {
    let attach = attach_step(&p);
    let origination = p
        .steps
        .iter()
        .find(|s| matches!(s.op, Some(Op::CreateOriginationUrl { .. })))
        .expect("the plan creates the origination URL")
        .id;
    p.steps[origination].depends_on.push(attach);
    sb.set_faults(Faults {
        rules: vec![FaultRule {
            method: "POST".into(),
            path_contains: "OriginationUrls".into(),
            nth: 1,
            status: 400,
        }],
        ..Faults::default()
    });
    let mut events = vec![];
    let result = apply(p, client, opts, &mut |e: &Event| events.push(e.clone())).await;
    sb.set_faults(Faults::default());
    let err = result.expect_err("the origination URL is refused");
    assert!(
        matches!(
            err,
            ApplyError::Failed {
                rolled_back: true,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::StepSucceeded { id, .. } if *id == attach)),
        "the number was attached before the failure: {events:?}"
    );
    events
}

/// Every file under `dir` (the journal and anything else the run wrote), as text.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).expect("state dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            let bytes = std::fs::read(&path).expect("readable");
            out.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    out
}

fn reverted_note(events: &[Event], id: usize) -> String {
    events
        .iter()
        .find_map(|e| match e {
            Event::StepReverted { id: i, description } if *i == id => Some(description.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("step {id} is reverted: {events:?}"))
}

#[tokio::test]
async fn the_password_is_in_no_plan_and_no_journal() {
    let (sb, client, p) = setup().await;
    let id = attach_step(&p);
    let saved = serde_json::to_string(&p).expect("plan serialises");
    assert!(!saved.contains(PASSWORD), "the plan holds the password");
    assert!(
        p.steps[id]
            .description
            .contains("https://bob:•••@hooks.example/voice"),
        "the step shows the URL with its password masked: {}",
        p.steps[id].description
    );
    let Some(Op::AttachNumber {
        old_voice_url,
        voice_url_password,
        ..
    }) = &p.steps[id].op
    else {
        unreachable!("found by attach_step")
    };
    assert_eq!(
        old_voice_url.as_deref(),
        Some("https://bob@hooks.example/voice")
    );
    assert!(voice_url_password, "the step knows to keep the password");

    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::default());
    let opts = ApplyOptions::new(StateDir(dir.path().to_path_buf()), store.clone());
    fail_after_attach(&sb, &client, &opts, p).await;
    assert_eq!(store.keeps.load(Ordering::SeqCst), 1, "kept once, at apply");
    let written = files(dir.path());
    assert!(
        written.iter().any(|(p, _)| p.contains("journal")),
        "the run wrote its journal: {:?}",
        written.iter().map(|w| &w.0).collect::<Vec<_>>()
    );
    for (path, text) in &written {
        assert!(!text.contains(PASSWORD), "{path} holds the password");
    }
}

#[tokio::test]
async fn the_rollback_puts_the_voice_url_back_with_its_password() {
    let (sb, client, p) = setup().await;
    let id = attach_step(&p);
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::default());
    let opts = ApplyOptions::new(StateDir(dir.path().to_path_buf()), store.clone());
    let events = fail_after_attach(&sb, &client, &opts, p).await;
    let n = number_state(&sb, NUMBER);
    assert_eq!(n["voice_url"], URL, "the URL is back, password included");
    assert!(n["trunk_sid"].is_null(), "the number left the trunk: {n}");
    assert!(
        !reverted_note(&events, id).contains("without its password"),
        "{events:?}"
    );
    assert!(
        store.kept.is_empty(),
        "the kept URL is removed after the run"
    );
    for (path, text) in files(dir.path()) {
        assert!(!text.contains(PASSWORD), "{path} holds the password");
    }
}

#[tokio::test]
async fn without_the_kept_password_the_url_comes_back_without_it_and_the_rollback_says_so() {
    let (sb, client, p) = setup().await;
    let id = attach_step(&p);
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store {
        forgetful: true,
        ..Store::default()
    });
    let opts = ApplyOptions::new(StateDir(dir.path().to_path_buf()), store.clone());
    let events = fail_after_attach(&sb, &client, &opts, p).await;
    assert_eq!(
        number_state(&sb, NUMBER)["voice_url"],
        "https://bob@hooks.example/voice",
        "the URL is back, user kept, password not"
    );
    let note = reverted_note(&events, id);
    assert!(
        note.contains("https://bob@hooks.example/voice")
            && note.contains("without its password")
            && note.contains("Type the password into the number's voice URL again"),
        "the step says the password is missing and what to do: {note}"
    );
    assert!(!note.contains(PASSWORD));
}

#[tokio::test]
async fn a_run_that_succeeds_forgets_the_password_and_a_later_rollback_says_so() {
    let (sb, client, p) = setup().await;
    let id = attach_step(&p);
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::default());
    let opts = ApplyOptions::new(StateDir(dir.path().to_path_buf()), store.clone());
    apply(p, &client, &opts, &mut |_: &Event| {})
        .await
        .expect("applies");
    assert!(number_state(&sb, NUMBER)["voice_url"].is_null());
    assert_eq!(store.keeps.load(Ordering::SeqCst), 1);
    assert!(
        store.kept.is_empty(),
        "the kept URL is removed after the run"
    );

    let mut events = vec![];
    rollback(&client, &opts, &mut |e: &Event| events.push(e.clone()))
        .await
        .expect("rolls back");
    assert_eq!(
        number_state(&sb, NUMBER)["voice_url"],
        "https://bob@hooks.example/voice"
    );
    assert!(
        reverted_note(&events, id).contains("without its password"),
        "{events:?}"
    );
}

#[tokio::test]
async fn a_number_whose_password_cannot_be_kept_is_not_attached() {
    let (sb, client, p) = setup().await;
    let dir = tempfile::tempdir().unwrap();
    // The tests' usual source generates SIP passwords and has nowhere to keep a secret.
    let err = apply(p, &client, &options(&dir), &mut |_: &Event| {})
        .await
        .expect_err("the attachment is refused");
    let text = err.to_string();
    assert!(
        text.contains("could not be kept aside for a rollback")
            && text.contains("https://bob:•••@hooks.example/voice")
            && !text.contains(PASSWORD),
        "{text}"
    );
    let n = number_state(&sb, NUMBER);
    assert_eq!(n["voice_url"], URL, "the number keeps its URL");
    assert!(n["trunk_sid"].is_null(), "and is not attached: {n}");
}

#[tokio::test]
async fn a_voice_url_changed_since_the_plan_is_not_lost() {
    let (sb, client, p) = setup().await;
    set_voice(
        &client,
        NUMBER,
        "https://carol:other@hooks.example/voice",
        HttpMethod::Post,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::default());
    let opts = ApplyOptions::new(StateDir(dir.path().to_path_buf()), store.clone());
    let err = apply(p, &client, &opts, &mut |_: &Event| {})
        .await
        .expect_err("refused");
    // The stale-plan check or the attachment itself refuses the run; either way the number
    // keeps the URL it has now and nothing was kept.
    assert!(
        matches!(err, ApplyError::Stale { .. } | ApplyError::Failed { .. }),
        "{err}"
    );
    let n = number_state(&sb, NUMBER);
    assert_eq!(n["voice_url"], "https://carol:other@hooks.example/voice");
    assert!(n["trunk_sid"].is_null(), "{n}");
    assert!(store.kept.is_empty());
}
