//! Serverless: shapes and rules of services, environments, functions, versions (multipart
//! upload), builds and deployments; running the deployed Function with Node.js; the inbound
//! call simulation.
//!
//! This module holds the helpers (a multipart upload, a whole deployment) and the run of a
//! deployed Function; `rules` walks every resource's shape and refusals.

mod rules;

use crate::common;

use std::time::Duration;

use common::{Resp, Tw, assert_error};
use serde_json::json;

pub(super) const CODE: &str = r#"
exports.handler = function (context, event, callback) {
  const r = new Twilio.Response();
  r.appendHeader('Content-Type', 'text/xml');
  r.setBody('<Response><Say>' + event.To + ' from ' + event.From + ' via ' + context.DOMAIN_NAME + '</Say></Response>');
  callback(null, r);
};
"#;

fn node_available() -> bool {
    std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok()
}

pub(super) async fn upload(tw: &Tw, svc: &str, fun: &str, parts: Vec<(&str, &str)>) -> Resp {
    let mut body = String::new();
    for (k, v) in parts {
        body.push_str("--b0undary\r\n");
        if k == "Content" {
            body.push_str("Content-Disposition: form-data; name=\"Content\"; filename=\"router.js\"\r\nContent-Type: application/javascript\r\n\r\n");
        } else {
            body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{k}\"\r\n\r\n"
            ));
        }
        body.push_str(v);
        body.push_str("\r\n");
    }
    body.push_str("--b0undary--\r\n");
    let url = tw.v1(&format!("/Services/{svc}/Functions/{fun}/Versions"));
    let rb = tw
        .http
        .post(url)
        .header("Content-Type", "multipart/form-data; boundary=b0undary")
        .body(body);
    tw.send(rb, &tw.ac, tw.sb.auth_token()).await
}

/// Service → environment → function → version → build → deployment; returns
/// (service, environment, domain_name).
async fn deploy(tw: &Tw, unique: &str, code: &str, visibility: &str) -> (String, String, String) {
    let svc = tw
        .create(
            &tw.v1("/Services"),
            &[("UniqueName", unique), ("FriendlyName", "Router")],
        )
        .await;
    let env = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Environments")),
            &[("UniqueName", "production")],
        )
        .await;
    assert_eq!(env.status, 201, "{}", env.body);
    let env_sid = env.body["sid"].as_str().unwrap().to_string();
    let domain = env.body["domain_name"].as_str().unwrap().to_string();
    let fun = tw
        .create(
            &tw.v1(&format!("/Services/{svc}/Functions")),
            &[("FriendlyName", "router")],
        )
        .await;
    let v = upload(
        tw,
        &svc,
        &fun,
        vec![
            ("Content", code),
            ("Path", "router"),
            ("Visibility", visibility),
        ],
    )
    .await;
    assert_eq!(v.status, 201, "{}", v.body);
    let zn = v.body["sid"].as_str().unwrap().to_string();
    let b = tw
        .post(
            &tw.v1(&format!("/Services/{svc}/Builds")),
            &[("FunctionVersions", zn.as_str())],
        )
        .await;
    assert_eq!(b.status, 201, "{}", b.body);
    let zb = b.body["sid"].as_str().unwrap().to_string();
    loop {
        let st = tw
            .get(&tw.v1(&format!("/Services/{svc}/Builds/{zb}/Status")))
            .await;
        if st.body["status"] == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let d = tw
        .post(
            &tw.v1(&format!(
                "/Services/{svc}/Environments/{env_sid}/Deployments"
            )),
            &[("BuildSid", zb.as_str())],
        )
        .await;
    assert_eq!(d.status, 201, "{}", d.body);
    (svc, env_sid, domain)
}

#[tokio::test]
async fn deployed_functions_run_and_inbound_calls_reach_them() {
    if !node_available() {
        eprintln!("node is not installed: skipped");
        return;
    }
    let tw = Tw::start().await;
    let (_svc, _env, domain) = deploy(&tw, "router", CODE, "protected").await;
    let url = format!("{}/__sandbox/functions/{domain}/router", tw.base);
    // protected: unsigned requests are refused
    let r = tw.post(&url, &[("To", "+14155550100")]).await;
    assert_error(&r, 401, None);
    let form = [("To", "+14155550100"), ("From", "+12125550000")];
    let pairs: Vec<(String, String)> = form
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let signature = switchboard_sandbox::twilio_signature(
        tw.sb.auth_token(),
        &format!("https://{domain}/router"),
        &pairs,
    );
    let bad = tw
        .http
        .post(&url)
        .basic_auth(&tw.ac, Some(tw.sb.auth_token()))
        .header("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401, "a signature over other data is refused");
    let r = tw
        .http
        .post(&url)
        .basic_auth(&tw.ac, Some(tw.sb.auth_token()))
        .header("X-Twilio-Signature", signature)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/xml");
    assert_eq!(
        r.text().await.unwrap(),
        format!("<Response><Say>+14155550100 from +12125550000 via {domain}</Say></Response>")
    );
    // an inbound call to a BYOC trunk whose voice URL is the Function
    let by = tw
        .create(
            &tw.v1("/ByocTrunks"),
            &[
                ("FriendlyName", "Carrier"),
                ("VoiceUrl", &format!("https://{domain}/router")),
            ],
        )
        .await;
    let r = tw
        .send(
            tw.http
                .post(format!("{}/__sandbox/inbound", tw.base))
                .json(&json!({"to": "+14155550100", "from": "+12125550000", "via": by})),
            &tw.ac,
            tw.sb.auth_token(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["params"]["Direction"], "inbound");
    assert_eq!(r.body["params"]["AccountSid"], tw.ac.as_str());
    assert!(
        r.body["params"]["CallSid"]
            .as_str()
            .unwrap()
            .starts_with("CA")
    );
    assert_eq!(r.body["content_type"], "text/xml");
    assert_eq!(
        r.body["body"],
        format!("<Response><Say>+14155550100 from +12125550000 via {domain}</Say></Response>")
            .as_str()
    );
    // a path nothing is deployed at
    let r = tw
        .post(
            &format!("{}/__sandbox/functions/{domain}/other", tw.base),
            &[],
        )
        .await;
    assert_error(&r, 404, None);
}
