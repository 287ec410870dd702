//! Secrets (auth tokens, API key secrets, SIP passwords) in a type that cannot leak by accident.
//!
//! `Debug` and `Display` print a redaction, and there is deliberately no `Serialize`
//! implementation: a secret reaches the wire only through [`Secret::expose`], which makes
//! every place that reads one easy to find.

use std::fmt;

/// A secret string. Printing it shows `••••••`; reading it needs [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that must send or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••••)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••••")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    /// Secrets can be read (an API key's `secret` arrives once, in the create response) but
    /// never written back out.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_never_shows_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert!(!format!("{s:?}").contains("hunter2"), "Debug must redact");
        assert!(!format!("{s}").contains("hunter2"), "Display must redact");
        assert!(
            !format!("{:?}", Some(&s)).contains("hunter2"),
            "nested Debug must redact"
        );
        assert_eq!(s.expose(), "hunter2-very-secret");
    }
}
