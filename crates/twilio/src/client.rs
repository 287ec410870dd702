//! The transport: turns a [`Request`] value into HTTP, with Basic auth, a concurrency bound
//! shared by every request of one client, timeouts, and the retry policy.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

use crate::retry::{Attempt, Decision, Idempotency, RetryPolicy};
use crate::{AccountSid, Credentials, Endpoints, Error, Host};

/// One Twilio API call, described as a value before it is sent.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub host: Host,
    /// Path below the host, starting with `/`, e.g. `/v1/Trunks`.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Form parameters with Twilio's names. May hold secrets (SIP passwords): never logged.
    pub form: Vec<(String, String)>,
    /// When not empty, a POST is sent as `multipart/form-data` with these parts instead of the
    /// form (Twilio's Serverless code upload).
    pub parts: Vec<Part>,
    pub idempotency: Idempotency,
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// Sent as a file part with this file name when set.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub value: String,
}

impl Part {
    pub fn text(name: &str, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            file_name: None,
            content_type: None,
            value: value.into(),
        }
    }
    pub fn file(name: &str, file_name: &str, content_type: &str, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            value: value.into(),
        }
    }
}

/// Encodes parts as a `multipart/form-data` body with `boundary`.
pub fn multipart_body(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let name = p.name.replace('"', "%22");
        match &p.file_name {
            Some(f) => out.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\n",
                    f.replace('"', "%22")
                )
                .as_bytes(),
            ),
            None => out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
            ),
        }
        if let Some(ct) = &p.content_type {
            out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(p.value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

impl Request {
    pub fn get(host: Host, path: impl Into<String>) -> Self {
        Self::new(Method::GET, host, path, Idempotency::Safe)
    }
    pub fn create(host: Host, path: impl Into<String>, form: Vec<(String, String)>) -> Self {
        Self {
            form,
            ..Self::new(Method::POST, host, path, Idempotency::Create)
        }
    }
    pub fn update(host: Host, path: impl Into<String>, form: Vec<(String, String)>) -> Self {
        Self {
            form,
            ..Self::new(Method::POST, host, path, Idempotency::Safe)
        }
    }
    pub fn delete(host: Host, path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, host, path, Idempotency::Safe)
    }
    fn new(method: Method, host: Host, path: impl Into<String>, idempotency: Idempotency) -> Self {
        Self {
            method,
            host,
            path: path.into(),
            query: vec![],
            form: vec![],
            parts: vec![],
            idempotency,
        }
    }
    pub fn query(mut self, query: Vec<(String, String)>) -> Self {
        self.query = query;
        self
    }
}

/// Settings for a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Credentials,
    endpoints: Endpoints,
    retry: RetryPolicy,
    max_concurrency: usize,
    timeout: Duration,
    connect_timeout: Duration,
}

impl ClientBuilder {
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
    /// How many requests of this client may be in flight at once (default 16).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = n.max(1);
        self
    }
    /// Timeout of one attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
    pub fn build(self) -> Result<Client, Error> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("switchboard/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .pool_max_idle_per_host(self.max_concurrency)
            .build()
            .map_err(|e| Error::Network {
                url: String::new(),
                message: format!("could not set up HTTP: {e}"),
                maybe_applied: false,
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                permits: Semaphore::new(self.max_concurrency),
                credentials: self.credentials,
                endpoints: self.endpoints,
                retry: self.retry,
                timeout: self.timeout,
            }),
        })
    }
}

struct Inner {
    http: reqwest::Client,
    credentials: Credentials,
    endpoints: Endpoints,
    retry: RetryPolicy,
    permits: Semaphore,
    timeout: Duration,
}

/// A Twilio REST client. Cheap to clone; clones share the connection pool and the
/// concurrency bound.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("endpoints", &self.inner.endpoints)
            .finish()
    }
}

impl Client {
    /// A client with default settings.
    pub fn new(credentials: Credentials, endpoints: Endpoints) -> Result<Self, Error> {
        Self::builder(credentials).endpoints(endpoints).build()
    }

    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            endpoints: Endpoints::twilio(),
            retry: RetryPolicy::default(),
            max_concurrency: 16,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
        }
    }

    pub fn account_sid(&self) -> &AccountSid {
        self.inner.credentials.account_sid()
    }

    pub fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.inner.endpoints
    }

    /// `/2010-04-01/Accounts/{AccountSid}` + `rest`.
    pub(crate) fn account_path(&self, rest: &str) -> String {
        format!("/2010-04-01/Accounts/{}{rest}", self.account_sid())
    }

    /// Sends a request and decodes a JSON success body into `T`.
    pub async fn send<T: DeserializeOwned>(&self, req: &Request) -> Result<T, Error> {
        let body = self.send_raw(req).await?;
        decode(&body)
    }

    /// Sends a request whose success has no body (DELETE → 204).
    pub async fn send_empty(&self, req: &Request) -> Result<(), Error> {
        self.send_raw(req).await.map(|_| ())
    }

    /// Sends with retries; returns the success body.
    pub async fn send_raw(&self, req: &Request) -> Result<Vec<u8>, Error> {
        let url = self.url(req)?;
        let mut attempt = 0u32;
        let mut resent_after_unknown = false;
        loop {
            let result = self.attempt(req, &url).await;
            let what = match &result {
                Ok((status, _, _)) if (200..300).contains(status) => {
                    let Ok((_, _, body)) = result else {
                        unreachable!("matched Ok above")
                    };
                    return Ok(body);
                }
                Ok((404, _, _)) if req.method == Method::DELETE && resent_after_unknown => {
                    // The first DELETE reached Twilio before the connection failed.
                    return Ok(Vec::new());
                }
                Ok((status, retry_after, _)) => Attempt::Status {
                    status: *status,
                    retry_after: *retry_after,
                },
                Err(AttemptError::Connect(_)) => Attempt::ConnectFailed,
                Err(AttemptError::AfterSend(_)) => Attempt::FailedAfterSend,
            };
            let decision = self
                .inner
                .retry
                .decide(attempt, what, req.idempotency, rand::random());
            match (decision, result) {
                (Decision::RetryAfter(delay), _) => {
                    tracing::debug!(method = %req.method, path = %req.path, ?what, ?delay, attempt, "retrying");
                    if what == Attempt::FailedAfterSend {
                        resent_after_unknown = true;
                    }
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                (Decision::Stop, Ok((status, _, body))) => {
                    return Err(Error::from_response(status, &body));
                }
                (Decision::Stop, Err(AttemptError::Connect(e))) => {
                    return Err(network_error(&url, e, false, self.inner.timeout));
                }
                (Decision::Stop, Err(AttemptError::AfterSend(e))) => {
                    let maybe = req.idempotency == Idempotency::Create || req.method != Method::GET;
                    return Err(network_error(&url, e, maybe, self.inner.timeout));
                }
            }
        }
    }

    async fn attempt(
        &self,
        req: &Request,
        url: &url::Url,
    ) -> Result<(u16, Option<Duration>, Vec<u8>), AttemptError> {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .expect("semaphore never closed");
        let (user, pass) = self.inner.credentials.basic();
        let mut builder = self
            .inner
            .http
            .request(req.method.clone(), url.clone())
            .basic_auth(user, Some(pass.expose()))
            .header(reqwest::header::ACCEPT, "application/json");
        if req.method == Method::POST && !req.parts.is_empty() {
            let boundary = format!("switchboard-{:032x}", rand::random::<u128>());
            builder = builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(multipart_body(&req.parts, &boundary));
        } else if req.method == Method::POST {
            let body = serde_urlencoded::to_string(&req.form).expect("string pairs always encode");
            builder = builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body);
        }
        let resp = builder.send().await.map_err(classify)?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = resp.bytes().await.map_err(AttemptError::AfterSend)?;
        tracing::debug!(method = %req.method, path = %req.path, status, "twilio response");
        Ok((status, retry_after, body.to_vec()))
    }

    /// The absolute URL of a request.
    pub fn url(&self, req: &Request) -> Result<url::Url, Error> {
        let base = self.inner.endpoints.base(req.host);
        let mut url =
            url::Url::parse(&format!("{base}{}", req.path)).map_err(|e| Error::InvalidInput {
                field: "base_url".into(),
                value: base.into(),
                rule: e.to_string(),
            })?;
        if !req.query.is_empty() {
            url.query_pairs_mut().extend_pairs(req.query.iter());
        }
        Ok(url)
    }
}

enum AttemptError {
    Connect(reqwest::Error),
    AfterSend(reqwest::Error),
}

fn classify(e: reqwest::Error) -> AttemptError {
    if e.is_connect() {
        AttemptError::Connect(e)
    } else {
        AttemptError::AfterSend(e)
    }
}

fn network_error(
    url: &url::Url,
    e: reqwest::Error,
    maybe_applied: bool,
    timeout: Duration,
) -> Error {
    if e.is_timeout() {
        return Error::Timeout(timeout);
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message = format!("{message}: {s}");
        source = s.source();
    }
    let mut shown = url.clone();
    shown.set_query(None);
    Error::Network {
        url: shown.to_string(),
        message,
        maybe_applied,
    }
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v.trim()).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

/// Decodes JSON, naming the path of the first field that does not fit.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| Error::Decode {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn decode_errors_name_the_field() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            inner: Vec<U>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct U {
            priority: u16,
        }
        let err = decode::<T>(br#"{"inner":[{"priority":1},{"priority":"high"}]}"#).unwrap_err();
        match err {
            Error::Decode { path, .. } => assert_eq!(path, "inner[1].priority"),
            other => panic!("{other:?}"),
        }
    }
}
