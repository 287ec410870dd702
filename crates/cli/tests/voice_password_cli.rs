//! `switchboard apply` attaches a number whose voice URL has a password in it: the CLI keeps
//! the full URL in its own memory for the run (the password is in no journal and no output),
//! so a `switchboard rollback` run later, by another process, cannot recall it: the URL comes
//! back without the password, and the rollback says so in plain words.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use futures::TryStreamExt;
use switchboard_sandbox::{Sandbox, SandboxConfig};
use switchboard_twilio::{Client, Credentials, Endpoints, NumberFilter, NumberUpdate, Secret};

const NUMBER: &str = "+12125552368";
const URL: &str = "https://bob:s3cret@hooks.example/voice";
const URL_PASSWORD: &str = "s3cret";

const SPEC: &str = r#"
version = 1
kind = "elastic_trunk"
name = "Acme Hooks"
termination_domain = "acme-hooks.pstn.twilio.com"
numbers = ["+12125552368"]

[[origination_urls]]
name = "primary"
sip_url = "sip:pbx1.acme-corp.com:5060"
"#;

fn cli(sb: &Sandbox, state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .env("SWITCHBOARD_STATE_DIR", state)
        .env("TWILIO_ACCOUNT_SID", sb.account_sid())
        .env("TWILIO_AUTH_TOKEN", sb.auth_token())
        .env("SWITCHBOARD_BASE_URL", sb.base_url())
        .stdin(Stdio::null())
        .output()
        .expect("the CLI runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn number(client: &Client) -> switchboard_twilio::IncomingPhoneNumber {
    let mut found: Vec<_> = client
        .list_incoming_phone_numbers(&NumberFilter {
            phone_number: Some(NUMBER.into()),
            ..NumberFilter::default()
        })
        .try_collect()
        .await
        .expect("numbers");
    found.remove(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rollback_in_a_later_process_restores_the_url_without_its_password() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let creds = Credentials::auth_token(sb.account_sid(), Secret::new(sb.auth_token())).unwrap();
    let client = Client::builder(creds)
        .endpoints(Endpoints::single(&sb.base_url()))
        .build()
        .unwrap();
    let n = number(&client).await;
    client
        .update_incoming_phone_number(
            &n.sid,
            &NumberUpdate {
                voice_url: Some(URL.into()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("sb-voice-password-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("hooks.toml");
    std::fs::write(&spec, SPEC).unwrap();
    let state = dir.join("state");

    let applied = cli(&sb, &state, &["apply", spec.to_str().unwrap(), "--yes"]);
    let out = text(&applied);
    assert!(applied.status.success(), "apply: {out}");
    assert!(
        out.contains("https://bob:•••@hooks.example/voice"),
        "the plan shows the URL masked: {out}"
    );
    assert!(!out.contains(URL_PASSWORD), "apply printed the password");
    assert!(number(&client).await.voice_url.is_none(), "attached");
    for entry in std::fs::read_dir(&state).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(URL_PASSWORD),
            "{} holds the password",
            path.display()
        );
    }

    let rolled = cli(&sb, &state, &["rollback", "--yes"]);
    let out = text(&rolled);
    assert!(rolled.status.success(), "rollback: {out}");
    assert_eq!(
        number(&client).await.voice_url.as_deref(),
        Some("https://bob@hooks.example/voice"),
        "back without the password, which this process never had"
    );
    assert!(
        out.contains("without its password") && out.contains("Type the password into"),
        "the rollback says the password is missing and what to do: {out}"
    );
    assert!(!out.contains(URL_PASSWORD));
    let _ = std::fs::remove_dir_all(&dir);
}
