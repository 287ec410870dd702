//! "Register on Bolna": sends the Bolna preset's far-side requests to Bolna's API so the user
//! need not copy JSON by hand. The request bodies are exactly the ones on the sheet (sections
//! `bolna-trunk-body` and `bolna-number-bodies`), with the generated password filled in, so what
//! the user reads is what is sent.
//!
//! The action is idempotent: a trunk with the same name is reused and numbers already on it are
//! skipped, so a re-run after a failure finishes the job instead of failing on duplicates.
//! API: Bolna's SIP trunk API (`POST /sip-trunks/trunks`, `GET /sip-trunks/trunks`,
//! `POST|GET /sip-trunks/trunks/{id}/numbers`) with `Authorization: Bearer <API key>`.

use serde_json::Value;
use switchboard_twilio::Secret;

use super::Built;

/// What registration did on Bolna.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Registered {
    pub trunk_id: String,
    /// True when a trunk with this name already existed and was reused.
    pub reused_trunk: bool,
    pub added_numbers: Vec<String>,
    pub existing_numbers: Vec<String>,
}

/// Why registration failed. Never carries the API key or a password.
#[derive(Debug, thiserror::Error)]
pub enum BolnaError {
    #[error("this build has no `{0}` section: register works with the Bolna preset only")]
    NotBolna(String),
    #[error("the `{section}` section is not valid JSON: {message}")]
    Body { section: String, message: String },
    #[error("Bolna refused {action} (HTTP {status}): {message}")]
    Refused {
        action: String,
        status: u16,
        message: String,
    },
    #[error("could not reach Bolna at {url}: {message}")]
    Network { url: String, message: String },
    #[error("Bolna's answer to {action} was not understood: {message}")]
    Decode { action: String, message: String },
}

fn section_json(built: &Built, id: &str) -> Result<Value, BolnaError> {
    let code = built
        .sheet
        .section(id)
        .and_then(|s| s.code.as_deref())
        .ok_or_else(|| BolnaError::NotBolna(id.to_string()))?;
    serde_json::from_str(code).map_err(|e| BolnaError::Body {
        section: id.into(),
        message: e.to_string(),
    })
}

/// Registers the built Twilio trunk and its numbers on Bolna at `base_url`
/// (`https://api.bolna.ai` in production).
pub async fn register(
    base_url: &str,
    api_key: &Secret,
    built: &Built,
) -> Result<Registered, BolnaError> {
    let mut trunk = section_json(built, "bolna-trunk-body")?;
    let numbers = section_json(built, "bolna-number-bodies")?;
    if trunk.get("auth_password").is_some() {
        let user = trunk["auth_username"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let secret = built
            .secrets
            .iter()
            .find(|s| s.username.as_deref() == Some(user.as_str()))
            .ok_or_else(|| BolnaError::NotBolna(format!("password for {user}")))?;
        trunk["auth_password"] = Value::String(secret.password.expose().clone());
    }
    let name = trunk["name"].as_str().unwrap_or_default().to_string();
    let api = Api {
        http: reqwest::Client::new(),
        base: base_url.trim_end_matches('/').to_string(),
        key: api_key,
    };
    let list = api.get("/sip-trunks/trunks", "listing trunks").await?;
    let existing = items(&list)
        .into_iter()
        .find(|t| t["name"].as_str() == Some(name.as_str()));
    let (trunk_id, reused_trunk) = match existing {
        Some(t) => (id_of(&t, "listing trunks")?, true),
        None => {
            let created = api
                .post("/sip-trunks/trunks", &trunk, "creating the trunk")
                .await?;
            (id_of(&created, "creating the trunk")?, false)
        }
    };
    let path = format!("/sip-trunks/trunks/{trunk_id}/numbers");
    let have: Vec<String> = items(&api.get(&path, "listing numbers").await?)
        .iter()
        .filter_map(|n| n["phone_number"].as_str().map(str::to_string))
        .collect();
    let mut out = Registered {
        trunk_id,
        reused_trunk,
        added_numbers: vec![],
        existing_numbers: vec![],
    };
    for body in numbers.as_array().cloned().unwrap_or_default() {
        let n = body["phone_number"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if have.contains(&n) {
            out.existing_numbers.push(n);
            continue;
        }
        api.post(&path, &body, &format!("adding {n}")).await?;
        out.added_numbers.push(n);
    }
    Ok(out)
}

fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::Object(o) => ["data", "trunks", "numbers", "items"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array).cloned())
            .unwrap_or_default(),
        _ => vec![],
    }
}

fn id_of(v: &Value, action: &str) -> Result<String, BolnaError> {
    ["id", "trunk_id"]
        .iter()
        .find_map(|k| match &v[*k] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .ok_or_else(|| BolnaError::Decode {
            action: action.into(),
            message: "no `id` in the answer".into(),
        })
}

struct Api<'a> {
    http: reqwest::Client,
    base: String,
    key: &'a Secret,
}

impl Api<'_> {
    async fn get(&self, path: &str, action: &str) -> Result<Value, BolnaError> {
        self.send(self.http.get(format!("{}{path}", self.base)), action)
            .await
    }

    async fn post(&self, path: &str, body: &Value, action: &str) -> Result<Value, BolnaError> {
        self.send(
            self.http.post(format!("{}{path}", self.base)).json(body),
            action,
        )
        .await
    }

    async fn send(&self, req: reqwest::RequestBuilder, action: &str) -> Result<Value, BolnaError> {
        let url = self.base.clone();
        let resp = req
            .bearer_auth(self.key.expose())
            .timeout(std::time::Duration::from_secs(30))
            .send()
            .await
            .map_err(|e| BolnaError::Network {
                url: url.clone(),
                message: e.without_url().to_string(),
            })?;
        let status = resp.status();
        let text = resp.text().await.map_err(|e| BolnaError::Network {
            url,
            message: e.to_string(),
        })?;
        if !status.is_success() {
            let message = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| {
                    ["message", "detail", "error"]
                        .iter()
                        .find_map(|k| v[*k].as_str().map(str::to_string))
                })
                .unwrap_or_else(|| text.chars().take(200).collect());
            return Err(BolnaError::Refused {
                action: action.into(),
                status: status.as_u16(),
                message,
            });
        }
        serde_json::from_str(&text).map_err(|e| BolnaError::Decode {
            action: action.into(),
            message: e.to_string(),
        })
    }
}
