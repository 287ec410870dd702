//! A Twilio API call as a value: method, host, path, query, form (or multipart parts) and how
//! safe it is to repeat; built before anything is sent, so it can be inspected and tested.

use reqwest::Method;

use crate::Host;
use crate::retry::Idempotency;

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
