//! The presets and connectivity commands on Tauri's mock runtime, through the real capability
//! (so each command must be allowed): the preset list and forms, answers checked with defaults
//! that follow earlier answers, builds for Genesys and Bolna (and refusals naming the value),
//! the far-side sheet saved as HTML and PDF, "Register on Bolna" against the Bolna stand-in with
//! the key kept in the keychain and never returned, importing spec files, and the connectivity
//! check against SIP responders on loopback (UDP and TCP), a silent port and a closed one.

#[path = "../support/mod.rs"]
mod support;

use std::sync::OnceLock;
use std::time::Duration;

use serde_json::{Value, json};
use support::*;
use switchboard_desktop::commands::connectivity::{self, ConnectivityEvent, ConnectivityRequest};
use switchboard_desktop::keychain::SecretStore;
use switchboard_desktop::wizard::WizardState;
use switchboard_sandbox::bolna::BolnaStandIn;
use tauri::Manager;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BOLNA_KEY: &str = "bolna-test-key-5e2c1a";

/// One Bolna stand-in and one export folder for the whole binary: the app reads their
/// addresses from the environment, which is set once, before any test builds an app.
struct Env {
    _rt: tokio::runtime::Runtime,
    bolna: BolnaStandIn,
    exports: tempfile::TempDir,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let bolna = rt.block_on(BolnaStandIn::start(BOLNA_KEY)).unwrap();
        let exports = tempfile::tempdir().unwrap();
        // SAFETY: set inside the OnceLock initialiser, before any app (or other thread of
        // these tests) reads the environment.
        unsafe {
            std::env::set_var("SWITCHBOARD_BOLNA_URL", bolna.base_url());
            std::env::set_var("SWITCHBOARD_EXPORT_DIR", exports.path());
        }
        Env {
            _rt: rt,
            bolna,
            exports,
        }
    })
}

fn app() -> TestApp {
    env();
    test_app()
}

fn genesys_answers() -> Value {
    json!({
        "region": "mypurecloud.ie",
        "identifier": "acme-twilio",
        "termination_label": "acme-genesys",
        "genesys_sip_addresses": ["52.48.1.10", "52.48.1.11"],
        "numbers": ["+14155550100", "+14155550101"],
        "dtmf_payload": 101,
    })
}

fn bolna_answers(label: &str) -> Value {
    json!({ "numbers": ["+14155550102"], "termination_label": label })
}

#[test]
fn the_presets_are_listed_with_their_questions() {
    let t = app();
    let list = t.invoke("list_presets", json!({})).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for want in [
        "genesys-byoc",
        "bolna",
        "sbc-failover",
        "ip-pbx",
        "cloud-pbx-credentials",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }

    let form = t
        .invoke("preset_form", json!({ "presetId": "genesys-byoc" }))
        .unwrap();
    let q = |id: &str| {
        form["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("question {id}"))
    };
    let region = q("region");
    assert_eq!(region["kind"], "choice");
    assert_eq!(region["choices"].as_array().unwrap().len(), 17);
    let ie = region["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == "mypurecloud.ie")
        .unwrap();
    assert_eq!(ie["details"]["legacy_domain"], "byoc.mypurecloud.ie");
    let addrs = q("genesys_sip_addresses");
    assert_eq!(
        addrs["unverified"], true,
        "the Genesys IPs are not verified"
    );
    assert!(
        addrs["confirmWith"]
            .as_str()
            .unwrap()
            .contains("help.mypurecloud.com")
    );
    assert_eq!(q("dtmf_payload")["unverified"], true);
    assert_eq!(q("sip_password")["kind"], "secret-generated");

    let e = t
        .invoke("preset_form", json!({ "presetId": "no-such" }))
        .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "presetId");
    assert!(
        e["message"].as_str().unwrap().contains("`no-such`")
            && e["message"].as_str().unwrap().contains("genesys-byoc"),
        "{e}"
    );
}

#[test]
fn answers_are_checked_with_defaults_from_earlier_answers() {
    let t = app();
    let empty = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "genesys-byoc", "answers": {} } }),
        )
        .unwrap();
    let paths: Vec<&str> = empty["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    for p in [
        "answers.region",
        "answers.identifier",
        "answers.genesys_sip_addresses",
        "answers.numbers",
        "answers.dtmf_payload",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    let dtmf = empty["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "answers.dtmf_payload")
        .unwrap();
    assert!(
        dtmf["message"]
            .as_str()
            .unwrap()
            .contains("could not verify"),
        "an unverified default must be confirmed: {dtmf}"
    );

    let mut a = genesys_answers();
    a["genesys_sip_addresses"] = json!(["10.0.0.5"]);
    let c = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "genesys-byoc", "answers": a } }),
        )
        .unwrap();
    let issue = c["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["path"]
                .as_str()
                .unwrap()
                .starts_with("answers.genesys_sip_addresses[0]")
        })
        .unwrap_or_else(|| panic!("private address refused: {c}"));
    assert!(issue["message"].as_str().unwrap().contains("10.0.0.5"));
    let state = |id: &str| {
        c["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(state("twilio_edge")["default"], "dublin");
    assert_eq!(state("calling_number")["default"], "+14155550100");
    assert_eq!(state("trunk_name")["default"], "Genesys acme-twilio");

    // Bolna: the connection-details questions apply only to that edge.
    let b = t
        .invoke(
            "check_preset_answers",
            json!({ "request": { "presetId": "bolna", "answers": { "bolna_edge": "pop" } } }),
        )
        .unwrap();
    let asked = |c: &Value, id: &str| {
        c["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["asked"]
            .as_bool()
            .unwrap()
    };
    assert!(asked(&b, "bolna_ips"));
    assert!(!asked(&b, "sip_username"), "ip-based by default");
}

#[test]
fn genesys_builds_the_twilio_spec_and_the_far_side_sheet() {
    let t = app();
    let mut a = genesys_answers();
    a["transport"] = json!("tls");
    let r = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": a } }),
        )
        .unwrap();
    let b = &r["build"];
    assert_eq!(b["presetId"], "genesys-byoc");
    let spec = &b["spec"];
    assert_eq!(spec["kind"], "elastic_trunk");
    assert_eq!(spec["secure"], true, "TLS means secure trunking");
    assert_eq!(
        spec["origination_urls"][0]["sip_url"],
        "sip:acme-twilio.byoc.mypurecloud.ie:5061;transport=tls"
    );
    assert_eq!(
        spec["ip_acls"][0]["addresses"],
        json!(["52.48.1.10", "52.48.1.11"])
    );
    assert_eq!(
        b["passwords"],
        json!([{ "list": "Genesys acme-twilio - Genesys digest", "username": "genesys-acme-twilio" }])
    );
    let sheet = &b["sheet"];
    assert!(
        sheet["warnings"][0]
            .as_str()
            .unwrap()
            .contains("Secure Trunking")
    );
    let trunk = sheet["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "external-trunk")
        .unwrap();
    let row = |f: &str| {
        trunk["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["field"] == f)
            .unwrap()["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(row("Type"), "BYOC Carrier > Generic BYOC Carrier");
    assert_eq!(
        row("SIP Servers or Proxies: Hostname"),
        "acme-genesys.pstn.dublin.twilio.com"
    );
    assert_eq!(row("SIP Servers or Proxies: Port"), "5061");
    assert!(
        row("Digest Password").contains("generated password"),
        "the sheet names the password, never holds it"
    );

    // Incomplete answers: no build, the issues say why.
    let r = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": { "region": "mars" } } }),
        )
        .unwrap();
    assert!(r["build"].is_null());
    let region = r["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "answers.region")
        .unwrap();
    assert!(region["message"].as_str().unwrap().contains("`mars`"));
}

#[test]
fn the_far_side_sheet_is_saved_as_html_and_pdf() {
    let t = app();
    let req = json!({ "presetId": "genesys-byoc", "answers": genesys_answers() });
    let html = t
        .invoke("far_side_sheet_html", json!({ "request": req }))
        .unwrap();
    assert!(html.as_str().unwrap().contains("Generic BYOC Carrier"));
    for (format, magic) in [("html", "<!DOCTYPE html".as_bytes()), ("pdf", b"%PDF")] {
        let saved = t
            .invoke(
                "save_far_side_sheet",
                json!({ "request": req, "format": format }),
            )
            .unwrap();
        let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
        assert!(
            path.starts_with(env().exports.path()),
            "{path:?} in the export folder"
        );
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with(&format!("genesys-acme-twilio.{format}")),
            "{path:?}"
        );
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(magic) || bytes.windows(magic.len()).take(64).any(|w| w == magic),
            "{format} file starts right"
        );
    }
    let e = t
        .invoke(
            "save_far_side_sheet",
            json!({ "request": { "presetId": "genesys-byoc", "answers": {} }, "format": "pdf" }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert!(e["field"].as_str().unwrap().starts_with("answers."), "{e}");
}

#[test]
fn register_on_bolna_keeps_the_key_in_the_keychain_and_never_returns_it() {
    let t = app();
    let label = "acme-bolna-register";
    let status = t.invoke("bolna_key", json!({})).unwrap();
    assert_eq!(status, json!({ "stored": false }));

    // No key yet: the field is named.
    let e = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label) } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "apiKey");

    // A wrong key: Bolna's 401 said against the key field; nothing created.
    let e = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label), "apiKey": "wrong-key" } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "apiKey", "{e}");
    assert!(e["message"].as_str().unwrap().contains("401"), "{e}");

    // The right key: trunk and number created on the stand-in, key kept, never echoed.
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label), "apiKey": BOLNA_KEY } }),
        )
        .unwrap();
    assert!(
        !r.to_string().contains(BOLNA_KEY),
        "the key is never returned"
    );
    assert_eq!(r["reusedTrunk"], false);
    assert_eq!(r["addedNumbers"], json!(["+14155550102"]));
    assert_eq!(
        t.keychain
            .get("bolna-api-key")
            .unwrap()
            .unwrap()
            .expose()
            .to_string(),
        BOLNA_KEY
    );
    let state = env().bolna.state();
    let trunk = state["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == format!("Bolna {label}"))
        .unwrap_or_else(|| panic!("trunk on Bolna: {state}"))
        .clone();
    assert_eq!(trunk["auth_type"], "ip-based");
    assert_eq!(
        trunk["gateways"][0]["gateway_address"],
        format!("{label}.pstn.twilio.com")
    );
    assert_eq!(trunk["numbers"][0]["phone_number"], "+14155550102");

    // Again, with the kept key: the trunk is reused and the number skipped.
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label) } }),
        )
        .unwrap();
    assert_eq!(r["reusedTrunk"], true);
    assert_eq!(r["existingNumbers"], json!(["+14155550102"]));
    assert_eq!(
        t.invoke("bolna_key", json!({})).unwrap(),
        json!({ "stored": true })
    );

    // Username/password: the password set on the Review step reaches Bolna.
    let label2 = "acme-bolna-userpass";
    let mut a = bolna_answers(label2);
    a["auth_type"] = json!("userpass");
    let e = t
        .invoke("register_on_bolna", json!({ "request": { "answers": a } }))
        .unwrap_err();
    assert_eq!(e["field"], "sipPassword", "{e}");
    let pw = "Xk7pQ2mN9vR4tW8yZ3bC";
    t.invoke(
        "register_on_bolna",
        json!({ "request": { "answers": a, "sipPassword": pw } }),
    )
    .unwrap();
    assert!(env().bolna.password_matches(&format!("Bolna {label2}"), pw));

    assert_eq!(
        t.invoke("forget_bolna", json!({})).unwrap(),
        json!({ "stored": false })
    );
    assert!(t.keychain.get("bolna-api-key").unwrap().is_none());
}

#[test]
fn an_imported_spec_file_comes_back_as_a_spec_or_as_issues() {
    let t = app();
    let toml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/elastic-trunk.toml"),
    )
    .unwrap();
    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "elastic-trunk.toml", "text": toml } }),
        )
        .unwrap();
    assert_eq!(r["spec"]["kind"], "elastic_trunk");
    assert!(
        !r["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["severity"] == "error"),
        "{r}"
    );

    let json_text = r#"{"version": 1, "kind": "elastic_trunk", "name": "X", "termination_domain": "x.pstn.twilio.com", "colour": "red"}"#;
    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "x.json", "text": json_text } }),
        )
        .unwrap();
    assert!(r["spec"].is_null());
    assert!(
        r["issues"][0]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "an unknown field is named: {r}"
    );

    let r = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "x.toml", "text": "version = 2\nkind = \"byoc\"" } }),
        )
        .unwrap();
    assert_eq!(r["issues"][0]["path"], "version");

    let e = t
        .invoke(
            "import_spec_file",
            json!({ "request": { "fileName": "huge.toml", "text": "#".repeat(2 * 1024 * 1024) } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "file");
}

/// Genesys end to end through the app's commands: answers → build → the generated password
/// kept for the apply → plan → apply on a customer sandbox; then a username/password Bolna trunk
/// registered with the password the apply used, read from the keychain (never sent back).
#[test]
fn a_built_preset_is_planned_and_applied_like_any_spec() {
    let t = app();
    let root = t.dirs.path().to_path_buf();
    t.app
        .manage(WizardState::new(&root.join("data"), &root.join("exports")));
    let sandbox = acme_sandbox();
    t.invoke(
        "connect_account",
        connect_request(&sandbox, ACME_TOKEN, false),
    )
    .expect("the customer account connects");

    let mut answers = genesys_answers();
    answers["numbers"] = json!(["+12125552368"]);
    let b = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "genesys-byoc", "answers": answers } }),
        )
        .unwrap();
    let build = &b["build"];
    let slot = &build["passwords"][0];
    let pw = "GenesysE2e7Qx4Lm9Rt2";
    t.invoke(
        "set_sip_password",
        json!({ "list": slot["list"], "username": slot["username"], "password": pw }),
    )
    .expect("password kept for the apply");
    let plan = t
        .invoke("plan_spec", json!({ "spec": build["spec"] }))
        .expect("plan");
    let out = t
        .invoke(
            "apply_plan",
            json!({ "planId": plan["plan_id"], "onEvent": "__CHANNEL__:3" }),
        )
        .expect("apply");
    assert_eq!(out["ok"], true, "{out}");
    let state = sandbox.state_json();
    let trunk = state["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["friendly_name"] == "Genesys acme-twilio")
        .unwrap_or_else(|| panic!("the trunk: {state}"));
    assert_eq!(trunk["domain_name"], "acme-genesys.pstn.twilio.com");
    let text = state.to_string();
    assert!(
        text.contains("sip:acme-twilio.byoc.mypurecloud.ie"),
        "origination"
    );
    assert!(text.contains("52.48.1.11"), "Genesys addresses in the ACL");
    assert!(text.contains("genesys-acme-twilio"), "digest username");
    let number = state["phone_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == "+12125552368")
        .unwrap();
    assert_eq!(number["trunk_sid"], trunk["sid"]);
    assert!(!text.contains(pw), "the sandbox state shows no password");

    // Bolna with username/password: the password kept for its apply reaches Bolna.
    let label = "acme-bolna-kept";
    let mut a = bolna_answers(label);
    a["auth_type"] = json!("userpass");
    let b = t
        .invoke(
            "build_preset",
            json!({ "request": { "presetId": "bolna", "answers": a } }),
        )
        .unwrap();
    let slot = &b["build"]["passwords"][0];
    let pw2 = "BolnaKept4Zr8Wq2Xn6";
    t.invoke(
        "set_sip_password",
        json!({ "list": slot["list"], "username": slot["username"], "password": pw2 }),
    )
    .unwrap();
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": a, "apiKey": BOLNA_KEY } }),
        )
        .unwrap();
    assert!(!r.to_string().contains(pw2));
    assert!(env().bolna.password_matches(&format!("Bolna {label}"), pw2));
}

// ---------------------------------------------------------------------------------------------
// Connectivity against SIP peers on loopback

/// A SIP answer to an OPTIONS request (Via, From, To, Call-ID and CSeq copied back).
fn answer(request: &str) -> String {
    let mut out = String::from("SIP/2.0 200 OK\r\n");
    for line in request.split("\r\n") {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if ["via", "from", "call-id", "cseq"].contains(&name.as_str()) {
            out.push_str(line);
            out.push_str("\r\n");
        } else if name == "to" {
            out.push_str(line);
            out.push_str(";tag=loop1\r\n");
        }
    }
    out.push_str("Allow: INVITE, ACK, OPTIONS, BYE\r\nUser-Agent: LoopbackSBC 1.0\r\nContent-Length: 0\r\n\r\n");
    out
}

async fn udp_peer() -> u16 {
    let s = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let port = s.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        while let Ok((n, from)) = s.recv_from(&mut buf).await {
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let _ = s.send_to(answer(&req).as_bytes(), from).await;
        }
    });
    port
}

async fn tcp_peer() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut c, _)) = l.accept().await {
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match c.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let req = String::from_utf8_lossy(&buf).to_string();
                let _ = c.write_all(answer(&req).as_bytes()).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
            });
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread")]
async fn connectivity_results_stream_per_uri_in_plain_words() {
    let udp = udp_peer().await;
    let tcp = tcp_peer().await;
    // A UDP port that never answers, and a TCP port nothing listens on.
    let silent = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let spec = json!({ "kind": "elastic_trunk", "origination_urls": [
        { "name": "a", "sip_url": format!("sip:127.0.0.1:{udp}") },
        { "name": "b", "sip_url": format!("sip:127.0.0.1:{tcp};transport=tcp") },
    ]});
    let req = ConnectivityRequest {
        uris: vec![
            format!("sip:127.0.0.1:{silent_port}"),
            format!("sip:127.0.0.1:{closed};transport=tcp"),
        ],
        spec: Some(spec),
        timeout_ms: Some(1500),
    };
    let events = std::sync::Mutex::new(Vec::new());
    let summary = connectivity::run(req, |e| events.lock().unwrap().push(e))
        .await
        .unwrap();
    let events = events.into_inner().unwrap();
    assert!(
        matches!(&events[0], ConnectivityEvent::Started { uris } if uris.len() == 4),
        "first the list"
    );
    assert_eq!(events.len(), 5, "then one event per URI");
    assert_eq!((summary.total, summary.reachable), (4, 2));
    let by = |needle: &str| {
        summary
            .results
            .iter()
            .find(|r| r.uri.contains(needle))
            .unwrap()
    };
    let u = by(&format!(":{udp}"));
    assert!(u.reachable && u.status == Some(200), "{u:?}");
    assert!(
        u.verdict.starts_with("reachable, answers 200 OK in"),
        "{}",
        u.verdict
    );
    assert_eq!(u.user_agent.as_deref(), Some("LoopbackSBC 1.0"));
    assert!(u.rtt_ms.is_some());
    let t = by(&format!(":{tcp}"));
    assert!(
        t.reachable && t.transport.as_deref() == Some("TCP"),
        "{t:?}"
    );
    let s = by(&format!(":{silent_port}"));
    assert!(!s.reachable);
    assert!(
        s.verdict.starts_with("no answer on UDP") && s.verdict.contains("firewall"),
        "{}",
        s.verdict
    );
    let c = by(&format!(":{closed}"));
    assert!(c.verdict.contains("connection refused"), "{}", c.verdict);
    drop(silent);
}

#[test]
fn connectivity_over_ipc_returns_every_result_and_names_empty_requests() {
    let t = app();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let udp = rt.block_on(udp_peer());
    let r = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": [format!("sip:127.0.0.1:{udp}")] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap();
    assert_eq!(r["total"], 1);
    assert_eq!(r["reachable"], 1);
    assert_eq!(r["results"][0]["status"], 200);
    assert!(r["results"][0]["rttMs"].is_number());

    let e = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": [] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "uris");
    let e = t
        .invoke(
            "check_connectivity",
            json!({ "request": { "uris": ["http://example.com"] }, "onEvent": "__CHANNEL__:9" }),
        )
        .unwrap();
    assert_eq!(e["results"][0]["reachable"], false);
    assert!(
        e["results"][0]["verdict"]
            .as_str()
            .unwrap()
            .contains("is not a SIP URI"),
        "{e}"
    );
}
