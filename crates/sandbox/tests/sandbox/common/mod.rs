//! Shared test client: plain reqwest against a sandbox on a free port.

pub mod schemas;

use serde_json::Value;
use switchboard_sandbox::{Sandbox, SandboxConfig};

pub struct Tw {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub base: String,
    pub ac: String,
    user: String,
    pass: String,
}

pub struct Resp {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Tw {
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig::default()).await
    }

    pub async fn empty() -> Self {
        Self::start_with(SandboxConfig {
            seed: false,
            ..SandboxConfig::default()
        })
        .await
    }

    pub async fn start_with(config: SandboxConfig) -> Self {
        let sb = Sandbox::start(config).await.expect("sandbox starts");
        let base = sb.base_url();
        let ac = sb.account_sid().to_string();
        let pass = sb.auth_token().to_string();
        Tw {
            http: reqwest::Client::new(),
            base,
            user: ac.clone(),
            ac,
            pass,
            sb,
        }
    }

    /// Same sandbox, other credentials.
    pub fn as_user(&self, user: &str, pass: &str) -> Creds {
        Creds {
            user: user.to_string(),
            pass: pass.to_string(),
        }
    }

    /// `{base}/2010-04-01/Accounts/{AC}{rest}`
    pub fn api(&self, rest: &str) -> String {
        format!("{}/2010-04-01/Accounts/{}{rest}", self.base, self.ac)
    }

    /// `{base}/v1{rest}`
    pub fn v1(&self, rest: &str) -> String {
        format!("{}/v1{rest}", self.base)
    }

    pub async fn get(&self, url: &str) -> Resp {
        self.send(self.http.get(url), &self.user, &self.pass).await
    }

    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> Resp {
        self.send(self.http.post(url).form(form), &self.user, &self.pass)
            .await
    }

    pub async fn delete(&self, url: &str) -> Resp {
        self.send(self.http.delete(url), &self.user, &self.pass)
            .await
    }

    pub async fn get_as(&self, c: &Creds, url: &str) -> Resp {
        self.send(self.http.get(url), &c.user, &c.pass).await
    }

    pub async fn send(&self, rb: reqwest::RequestBuilder, user: &str, pass: &str) -> Resp {
        let r = rb
            .basic_auth(user, Some(pass))
            .send()
            .await
            .expect("request sent");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("JSON body")
        };
        Resp {
            status,
            body,
            headers,
        }
    }

    /// Creates and returns the new resource's SID, asserting 201.
    pub async fn create(&self, url: &str, form: &[(&str, &str)]) -> String {
        let r = self.post(url, form).await;
        assert_eq!(r.status, 201, "create {url} {form:?} -> {}", r.body);
        r.body["sid"].as_str().expect("sid").to_string()
    }
}

pub struct Creds {
    pub user: String,
    pub pass: String,
}

/// Asserts a Twilio-shaped error with this status (and code, when given).
pub fn assert_error(r: &Resp, status: u16, code: Option<u64>) {
    assert_eq!(r.status, status, "unexpected status, body {}", r.body);
    let c = r.body["code"]
        .as_u64()
        .expect("error body has a numeric code");
    if let Some(code) = code {
        assert_eq!(c, code, "unexpected code, body {}", r.body);
    }
    assert_eq!(r.body["status"].as_u64(), Some(status as u64));
    assert_eq!(
        r.body["more_info"].as_str(),
        Some(format!("https://www.twilio.com/docs/errors/{c}").as_str())
    );
    assert!(r.body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Asserts a 400 whose message names `field`.
pub fn assert_invalid(r: &Resp, field: &str) {
    assert!(
        r.status == 400 || r.status == 409,
        "expected a refusal for {field}, got {} {}",
        r.status,
        r.body
    );
    let m = r.body["message"].as_str().unwrap_or_default();
    assert!(m.contains(field), "message should name {field}: {m}");
}

pub const TRUNK: &str = "TK5eed0000000000000000000000000001";
pub const ACL: &str = "AL5eed0000000000000000000000000001";
pub const CL: &str = "CL5eed0000000000000000000000000001";
pub const PN_ON_TRUNK: &str = "PN5eed0000000000000000000000000001";
pub const PN_WITH_URL: &str = "PN5eed0000000000000000000000000004";
pub const PN_FREE: &str = "PN5eed0000000000000000000000000005";
