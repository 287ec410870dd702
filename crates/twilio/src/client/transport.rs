//! Sending a [`Request`]: one attempt under the client's concurrency bound and timeouts, the
//! retry policy's decision after each, and the failure turned into an [`Error`] that says
//! whether the call may have been applied. Success bodies are decoded naming the failing path.

use std::time::Duration;

use reqwest::Method;

use super::{Client, Request, multipart_body};
use crate::Error;
use crate::retry::{Attempt, Decision, Idempotency};

impl Client {
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
pub(crate) fn decode<'de, T: serde::Deserialize<'de>>(body: &'de [u8]) -> Result<T, Error> {
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
