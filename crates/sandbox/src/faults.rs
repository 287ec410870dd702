//! Fault injection: latency, random 5xx and 429 answers, a concurrency cap, dropped
//! connections and targeted "fail the Nth matching request" rules.
//!
//! Faults exist so the client's retry policy and the apply engine's rollback can be tested
//! against misbehaviour on demand. They apply to the Twilio API routes only, never to the
//! `/__sandbox/` admin routes, so a test can always change or clear them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// What misbehaviour to inject. All zero / empty (the default) means none.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Added before every API request is handled, in milliseconds.
    pub latency_ms: u64,
    /// Share of API requests (0..=1) answered `500` with code 20500.
    pub error_rate: f64,
    /// Share of API requests (0..=1) answered `429` with code 20429 and `Retry-After`.
    pub rate_limit_rate: f64,
    /// `Retry-After` seconds on injected 429 answers (0 means "retry at once").
    pub retry_after_secs: u64,
    /// API requests in flight above this number are answered `429` with `Retry-After`.
    pub max_concurrency: Option<usize>,
    /// Share of API requests (0..=1) whose TCP connection is closed without any response.
    pub drop_rate: f64,
    /// Targeted failures.
    pub rules: Vec<FaultRule>,
}

/// "Fail the `nth` request whose method is `method` and whose path contains `path_contains`
/// with HTTP status `status`." `nth` counts from 1; `nth = 0` fails every matching request.
/// An empty `method` matches any method. Counting restarts whenever faults are set.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    pub method: String,
    pub path_contains: String,
    pub nth: u64,
    pub status: u16,
}

impl Faults {
    /// Checks ranges; the message names the field and the value.
    pub fn validate(&self) -> Result<(), String> {
        for (name, v) in [
            ("error_rate", self.error_rate),
            ("rate_limit_rate", self.rate_limit_rate),
            ("drop_rate", self.drop_rate),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name} = {v} is outside 0..=1"));
            }
        }
        if self.max_concurrency == Some(0) {
            return Err("max_concurrency = 0 would refuse every request; use at least 1".into());
        }
        for (i, r) in self.rules.iter().enumerate() {
            if !(400..=599).contains(&r.status) {
                return Err(format!(
                    "rules[{i}].status = {} is not a 4xx or 5xx status",
                    r.status
                ));
            }
        }
        Ok(())
    }

    fn clamped(mut self) -> Self {
        self.error_rate = self.error_rate.clamp(0.0, 1.0);
        self.rate_limit_rate = self.rate_limit_rate.clamp(0.0, 1.0);
        self.drop_rate = self.drop_rate.clamp(0.0, 1.0);
        self
    }
}

/// What to do with one request.
pub enum Decision {
    /// Handle it normally.
    Pass,
    /// Answer with this error instead.
    Fail(ApiError),
    /// Close the connection without answering.
    Drop,
}

/// The active faults, their rule counters and the in-flight count.
#[derive(Default)]
pub struct FaultState {
    inner: Mutex<(Faults, Vec<u64>)>,
    in_flight: Arc<AtomicUsize>,
}

/// Counts a request as in flight until dropped.
pub struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl FaultState {
    pub fn new(faults: Faults) -> Self {
        let s = Self::default();
        s.set(faults);
        s
    }

    /// Replaces the faults (rates clamped to 0..=1) and restarts the rule counters.
    pub fn set(&self, faults: Faults) {
        let faults = faults.clamped();
        let counters = vec![0; faults.rules.len()];
        *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = (faults, counters);
    }

    pub fn get(&self) -> Faults {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .clone()
    }

    /// Registers one API request and decides its fate; the latency to add comes back too.
    pub fn admit(&self, method: &str, path: &str) -> (InFlight, Duration, Decision) {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        let guard = InFlight(self.in_flight.clone());
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (faults, counters) = &mut *inner;
        let latency = Duration::from_millis(faults.latency_ms);
        let retry = faults.retry_after_secs;
        if faults.max_concurrency.is_some_and(|cap| now > cap) {
            return (
                guard,
                Duration::ZERO,
                Decision::Fail(ApiError::too_many_requests(retry)),
            );
        }
        if roll(faults.drop_rate) {
            return (guard, latency, Decision::Drop);
        }
        for (rule, count) in faults.rules.iter().zip(counters.iter_mut()) {
            let method_ok = rule.method.is_empty() || rule.method.eq_ignore_ascii_case(method);
            if method_ok && path.contains(&rule.path_contains) {
                *count += 1;
                if rule.nth == 0 || *count == rule.nth {
                    return (
                        guard,
                        latency,
                        Decision::Fail(ApiError::injected(rule.status, retry)),
                    );
                }
            }
        }
        if roll(faults.rate_limit_rate) {
            return (
                guard,
                latency,
                Decision::Fail(ApiError::too_many_requests(retry)),
            );
        }
        if roll(faults.error_rate) {
            return (
                guard,
                latency,
                Decision::Fail(ApiError::injected(500, retry)),
            );
        }
        (guard, latency, Decision::Pass)
    }
}

fn roll(rate: f64) -> bool {
    rate >= 1.0 || (rate > 0.0 && rand::random::<f64>() < rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_rule_fails_only_the_nth_match() {
        let state = FaultState::new(Faults {
            rules: vec![FaultRule {
                method: "POST".into(),
                path_contains: "/OriginationUrls".into(),
                nth: 2,
                status: 503,
            }],
            ..Faults::default()
        });
        let outcome = |m: &str, p: &str| matches!(state.admit(m, p).2, Decision::Fail(_));
        assert!(!outcome("POST", "/v1/Trunks/TK1/OriginationUrls"));
        assert!(
            !outcome("GET", "/v1/Trunks/TK1/OriginationUrls"),
            "GET must not count"
        );
        assert!(
            outcome("POST", "/v1/Trunks/TK1/OriginationUrls"),
            "second POST fails"
        );
        assert!(!outcome("POST", "/v1/Trunks/TK1/OriginationUrls"));
    }

    #[test]
    fn validate_names_the_field() {
        let f = Faults {
            error_rate: 1.5,
            ..Faults::default()
        };
        assert!(f.validate().unwrap_err().contains("error_rate"));
    }
}
