//! When to try a request again, as a pure value that is easy to test.
//!
//! Only 429 and 5xx answers and network failures are retried, with jittered exponential backoff,
//! honouring `Retry-After`. Twilio has no idempotency key, so a create is repeated only when it
//! certainly did not reach Twilio (connection refused) or was turned away unprocessed (429).
//! Anything else about a create is left to the caller, which looks the resource up first.

use std::time::Duration;

/// How a request behaves if sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// GET, DELETE, and updates that set fields to given values: safe to repeat.
    Safe,
    /// A create: repeating it could make a duplicate.
    Create,
}

/// What happened on one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// An HTTP answer with this status (and `Retry-After`, if any).
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// The connection could not be made: the request never left.
    ConnectFailed,
    /// The connection failed after the request may have been sent (reset, timeout).
    FailedAfterSend,
}

/// The decision for the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(Duration),
    Stop,
}

/// Retry settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Decides after attempt number `attempt` (0 for the first). `jitter` is a number in
    /// `[0, 1)` supplied by the caller, so the decision itself stays deterministic.
    pub fn decide(&self, attempt: u32, what: Attempt, kind: Idempotency, jitter: f64) -> Decision {
        if attempt >= self.max_retries {
            return Decision::Stop;
        }
        let retryable = match what {
            Attempt::Status { status: 429, .. } => true,
            Attempt::Status { status, .. } if status >= 500 => kind == Idempotency::Safe,
            Attempt::Status { .. } => false,
            Attempt::ConnectFailed => true,
            Attempt::FailedAfterSend => kind == Idempotency::Safe,
        };
        if !retryable {
            return Decision::Stop;
        }
        let backoff = self.backoff(attempt, jitter);
        let delay = match what {
            Attempt::Status {
                retry_after: Some(ra),
                ..
            } => ra.max(backoff).min(self.max_delay),
            _ => backoff,
        };
        Decision::RetryAfter(delay)
    }

    /// Full-range jitter between half and all of `base × 2^attempt`, capped at `max_delay`.
    fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << attempt.min(16));
        let capped = exp.min(self.max_delay);
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(status: u16) -> Attempt {
        Attempt::Status {
            status,
            retry_after: None,
        }
    }

    #[test]
    fn retries_429_and_5xx_for_safe_requests() {
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(0, st(429), Idempotency::Safe, 0.0),
            Decision::RetryAfter(_)
        ));
        assert!(matches!(
            p.decide(0, st(503), Idempotency::Safe, 0.0),
            Decision::RetryAfter(_)
        ));
        assert_eq!(p.decide(0, st(400), Idempotency::Safe, 0.0), Decision::Stop);
        assert_eq!(p.decide(0, st(404), Idempotency::Safe, 0.0), Decision::Stop);
    }

    #[test]
    fn never_blindly_retries_a_create() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.decide(0, st(500), Idempotency::Create, 0.5),
            Decision::Stop
        );
        assert_eq!(
            p.decide(0, Attempt::FailedAfterSend, Idempotency::Create, 0.5),
            Decision::Stop
        );
        // Refused unprocessed, or never sent: safe even for a create.
        assert!(matches!(
            p.decide(0, st(429), Idempotency::Create, 0.5),
            Decision::RetryAfter(_)
        ));
        assert!(matches!(
            p.decide(0, Attempt::ConnectFailed, Idempotency::Create, 0.5),
            Decision::RetryAfter(_)
        ));
    }

    #[test]
    fn honours_retry_after_and_caps() {
        let p = RetryPolicy::default();
        let ra = Attempt::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            p.decide(0, ra, Idempotency::Safe, 0.0),
            Decision::RetryAfter(Duration::from_secs(3))
        );
        let huge = Attempt::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(3600)),
        };
        assert_eq!(
            p.decide(0, huge, Idempotency::Safe, 0.0),
            Decision::RetryAfter(p.max_delay)
        );
    }

    #[test]
    fn backoff_grows_with_jitter_and_stops_after_max() {
        let p = RetryPolicy::default();
        let d = |a, j| match p.decide(a, st(503), Idempotency::Safe, j) {
            Decision::RetryAfter(d) => d,
            Decision::Stop => panic!("should retry"),
        };
        assert_eq!(d(0, 0.0), Duration::from_millis(100));
        assert_eq!(d(0, 1.0), Duration::from_millis(200));
        assert_eq!(d(2, 1.0), Duration::from_millis(800));
        assert!(d(3, 0.3) > d(2, 0.3));
        assert_eq!(
            p.decide(p.max_retries, st(503), Idempotency::Safe, 0.0),
            Decision::Stop
        );
    }
}
