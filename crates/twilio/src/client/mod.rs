//! The client: turns a [`Request`] value into HTTP, with Basic auth, a concurrency bound
//! shared by every request of one client, timeouts, and the retry policy.
//!
//! `request` holds the value side (a [`Request`] and its multipart [`Part`]s); `transport`
//! sends one: attempts, retries, error classification and decoding. This module holds the
//! [`Client`] itself and its settings.

mod request;
mod transport;

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

use crate::retry::RetryPolicy;
use crate::{AccountSid, Credentials, Endpoints, Error};

pub use request::{Part, Request, multipart_body};
pub(crate) use transport::decode;

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
}
