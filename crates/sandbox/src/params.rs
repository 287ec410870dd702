//! Request input: form bodies, query strings and path SIDs, with Twilio's parsing rules.
//!
//! Twilio only reads `application/x-www-form-urlencoded` bodies; any other body is treated as
//! if no parameters were sent (so a JSON body ends in "missing required parameter"). Every
//! refusal names the parameter, the value and the rule.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;

use crate::error::{ApiError, ApiResult};

/// Decoded `name=value` pairs, in the order sent (a name may repeat).
#[derive(Clone, Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: &str) -> Self {
        Self(
            form_urlencoded::parse(raw.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// Pairs given in order.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    /// Every pair, in the order sent.
    pub fn pairs(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Appends `other`'s pairs.
    pub fn extend(&mut self, other: Params) {
        self.0.extend(other.0);
    }

    /// The first value sent for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value sent for `name` (array parameters repeat the name).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Pairs other than the paging ones, to carry filters into page links.
    pub fn filters(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "PageSize" | "Page" | "PageToken"))
            .cloned()
            .collect()
    }

    /// A required, non-empty parameter.
    pub fn require(&self, name: &str) -> ApiResult<&str> {
        match self.get(name) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(ApiError::missing(name)),
        }
    }

    /// `true` / `false` (any letter case).
    pub fn opt_bool(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be true or false"
            ))),
        }
    }

    /// One of `allowed` (exact match).
    pub fn opt_enum(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be one of {}",
                allowed.join(", ")
            ))),
        }
    }

    /// An HTTP method parameter (`GET` or `POST`).
    pub fn opt_method(&self, name: &str) -> ApiResult<Option<String>> {
        self.opt_enum(name, &["GET", "POST"])
    }

    /// An integer within `lo..=hi`.
    pub fn opt_int(&self, name: &str, lo: i64, hi: i64) -> ApiResult<Option<i64>> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.trim().parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
            Ok(n) => Err(ApiError::invalid(format!(
                "Invalid value '{n}' for {name}: must be between {lo} and {hi}"
            ))),
            Err(_) => Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be an integer"
            ))),
        }
    }

    /// A friendly name of at most `max` characters.
    pub fn opt_name(&self, name: &str, max: usize) -> ApiResult<Option<String>> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        check_len(name, v, max)?;
        Ok(Some(v.to_string()))
    }

    /// A required friendly name of at most `max` characters.
    pub fn require_name(&self, name: &str, max: usize) -> ApiResult<String> {
        let v = self.require(name)?;
        check_len(name, v, max)?;
        Ok(v.to_string())
    }

    /// An absolute http(s) URL; an empty value clears the field (`Some(None)`).
    pub fn opt_url(&self, name: &str) -> ApiResult<Option<Option<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some("") => Ok(Some(None)),
            Some(v) if crate::rules::is_http_url(v) => Ok(Some(Some(v.to_string()))),
            Some(v) => Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be an absolute http or https URL"
            ))),
        }
    }

    /// A SID with `prefix`; an empty value clears the field (`Some(None)`).
    pub fn opt_sid(&self, name: &str, prefix: &str) -> ApiResult<Option<Option<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some("") => Ok(Some(None)),
            Some(v) if is_sid(v, prefix) => Ok(Some(Some(v.to_string()))),
            Some(v) => Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be a {prefix} SID ({prefix} followed by 32 hex digits)"
            ))),
        }
    }

    /// A required SID with `prefix`.
    pub fn require_sid(&self, name: &str, prefix: &str) -> ApiResult<String> {
        let v = self.require(name)?;
        if is_sid(v, prefix) {
            Ok(v.to_string())
        } else {
            Err(ApiError::invalid(format!(
                "Invalid value '{v}' for {name}: must be a {prefix} SID ({prefix} followed by 32 hex digits)"
            )))
        }
    }
}

fn check_len(name: &str, v: &str, max: usize) -> ApiResult<()> {
    let n = v.chars().count();
    if n > max {
        return Err(ApiError::invalid(format!(
            "Invalid value for {name}: {n} characters, at most {max} allowed"
        )));
    }
    Ok(())
}

/// `prefix` + 32 hex digits.
pub fn is_sid(s: &str, prefix: &str) -> bool {
    s.len() == 34 && s.starts_with(prefix) && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A SID taken from a path segment. v2010 segments carry a `.json` suffix that is stripped.
/// A segment that does not match the SID pattern is a 404, as on Twilio.
pub fn path_sid(segment: &str, prefix: &str, v2010: bool, path: &str) -> ApiResult<String> {
    let raw = if v2010 {
        segment
            .strip_suffix(".json")
            .ok_or_else(|| ApiError::not_found(path))?
    } else {
        segment
    };
    if is_sid(raw, prefix) {
        Ok(raw.to_string())
    } else {
        Err(ApiError::not_found(path))
    }
}

/// Query string and form body of one request, plus the path that was asked for.
#[derive(Clone, Debug)]
pub struct Input {
    pub query: Params,
    pub form: Params,
    pub path: String,
}

impl<S: Send + Sync> FromRequest<S> for Input {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let path = req.uri().path().to_string();
        let query = Params::parse(req.uri().query().unwrap_or(""));
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::invalid(format!("Unreadable request body: {e}")))?;
        let form = if is_form {
            Params::parse(&String::from_utf8_lossy(&body))
        } else {
            Params::default()
        };
        Ok(Self { query, form, path })
    }
}
