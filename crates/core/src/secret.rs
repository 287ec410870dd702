//! A redacting wrapper for secrets (SIP passwords, tokens) so they never reach logs or exports.
//!
//! `Sensitive<T>` prints `••••` through both `Debug` and `Display` and deliberately does not
//! implement `Serialize`: writing a secret somewhere needs an explicit call to [`Sensitive::expose`].

use std::fmt;

/// A value that must not be printed, logged or serialised by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// Reads the secret. Call this only where the secret is actually sent or stored securely.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Sensitive::new(String::from("Hunter2Hunter2"));
        assert_eq!(format!("{s:?}"), "••••");
        assert_eq!(format!("{s}"), "••••");
        assert_eq!(format!("{:?}", Some(&s)), "Some(••••)");
        assert_eq!(
            s.expose(),
            "Hunter2Hunter2",
            "expose must return the real secret"
        );
    }
}
