//! Where secrets live: the OS keychain, and nowhere else. Profiles on disk hold only the name,
//! the Account SID and the kind of credential; the token or key secret is stored here under the
//! profile's id.
//!
//! On Linux two backends exist and neither is always there: the Secret Service (GNOME Keyring,
//! KWallet; durable) needs a D-Bus session, and the kernel keyutils store works headless but is
//! forgotten at reboot. [`Backend::detect`] picks the Secret Service when a session bus is present
//! and keyutils otherwise; `SWITCHBOARD_KEYCHAIN=secret-service|keyutils` forces one.

use std::collections::HashMap;
use std::sync::Mutex;

use switchboard_twilio::Secret;

/// The keychain "service" every Switchboard secret is filed under.
pub const SERVICE: &str = "app.switchboard.desktop";

/// A keychain failure, with the backend's own words.
#[derive(Debug, thiserror::Error)]
#[error("the {backend} keychain failed to {action}: {message}")]
pub struct KeychainError {
    pub backend: &'static str,
    pub action: &'static str,
    pub message: String,
}

/// Somewhere secrets can be kept, keyed by profile id.
pub trait SecretStore: Send + Sync {
    /// Short name for diagnostics ("secret-service", "keyutils", …).
    fn backend(&self) -> &'static str;
    fn set(&self, key: &str, secret: &Secret) -> Result<(), KeychainError>;
    fn get(&self, key: &str) -> Result<Option<Secret>, KeychainError>;
    /// Removes the secret; `Ok(false)` when there was none.
    fn delete(&self, key: &str) -> Result<bool, KeychainError>;
}

/// Which OS keychain to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The platform's native store (macOS Keychain, Windows Credential Manager).
    Native,
    SecretService,
    Keyutils,
}

impl Backend {
    /// The backend for this machine, honouring `SWITCHBOARD_KEYCHAIN`.
    pub fn detect() -> Result<Self, KeychainError> {
        match std::env::var("SWITCHBOARD_KEYCHAIN").ok().as_deref() {
            Some("secret-service") => return Ok(Backend::SecretService),
            Some("keyutils") => return Ok(Backend::Keyutils),
            Some("native") | Some("") | None => {}
            Some(other) => {
                return Err(KeychainError {
                    backend: "configured",
                    action: "start",
                    message: format!(
                        "SWITCHBOARD_KEYCHAIN=`{other}` is not a keychain backend: use secret-service, keyutils or native"
                    ),
                });
            }
        }
        if cfg!(target_os = "linux") {
            if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
                Ok(Backend::SecretService)
            } else {
                Ok(Backend::Keyutils)
            }
        } else {
            Ok(Backend::Native)
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Native => "native",
            Backend::SecretService => "secret-service",
            Backend::Keyutils => "keyutils",
        }
    }
}

/// The OS keychain through the `keyring` crate.
pub struct OsKeychain {
    backend: Backend,
}

impl OsKeychain {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }

    fn entry(&self, key: &str, action: &'static str) -> Result<keyring::Entry, KeychainError> {
        let fail = |e: keyring::Error| self.error(action, e);
        #[cfg(target_os = "linux")]
        {
            let builder = match self.backend {
                Backend::SecretService => keyring::secret_service::default_credential_builder(),
                Backend::Keyutils => keyring::keyutils::default_credential_builder(),
                Backend::Native => return keyring::Entry::new(SERVICE, key).map_err(fail),
            };
            let credential = builder.build(None, SERVICE, key).map_err(fail)?;
            Ok(keyring::Entry::new_with_credential(credential))
        }
        #[cfg(not(target_os = "linux"))]
        {
            keyring::Entry::new(SERVICE, key).map_err(fail)
        }
    }

    fn error(&self, action: &'static str, e: keyring::Error) -> KeychainError {
        KeychainError {
            backend: self.backend.name(),
            action,
            message: e.to_string(),
        }
    }
}

impl SecretStore for OsKeychain {
    fn backend(&self) -> &'static str {
        self.backend.name()
    }

    fn set(&self, key: &str, secret: &Secret) -> Result<(), KeychainError> {
        self.entry(key, "store a secret")?
            .set_password(secret.expose())
            .map_err(|e| self.error("store a secret", e))
    }

    fn get(&self, key: &str) -> Result<Option<Secret>, KeychainError> {
        match self.entry(key, "read a secret")?.get_password() {
            Ok(s) => Ok(Some(Secret::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(self.error("read a secret", e)),
        }
    }

    fn delete(&self, key: &str) -> Result<bool, KeychainError> {
        match self.entry(key, "delete a secret")?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(self.error("delete a secret", e)),
        }
    }
}

/// An in-process store for tests of the commands, which must not touch the machine's keychain.
#[derive(Default)]
pub struct MemoryKeychain {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryKeychain {
    /// The keys currently held (for tests that check a secret was removed).
    pub fn keys(&self) -> Vec<String> {
        self.entries
            .lock()
            .expect("keychain lock")
            .keys()
            .cloned()
            .collect()
    }
}

impl SecretStore for MemoryKeychain {
    fn backend(&self) -> &'static str {
        "memory"
    }

    fn set(&self, key: &str, secret: &Secret) -> Result<(), KeychainError> {
        self.entries
            .lock()
            .expect("keychain lock")
            .insert(key.into(), secret.clone());
        Ok(())
    }

    fn get(&self, key: &str) -> Result<Option<Secret>, KeychainError> {
        Ok(self
            .entries
            .lock()
            .expect("keychain lock")
            .get(key)
            .cloned())
    }

    fn delete(&self, key: &str) -> Result<bool, KeychainError> {
        Ok(self
            .entries
            .lock()
            .expect("keychain lock")
            .remove(key)
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip() {
        let k = MemoryKeychain::default();
        assert!(k.get("p1").unwrap().is_none());
        k.set("p1", &Secret::new("s3cret")).unwrap();
        assert_eq!(k.get("p1").unwrap().unwrap().expose(), "s3cret");
        assert!(k.delete("p1").unwrap());
        assert!(!k.delete("p1").unwrap(), "second delete finds nothing");
        assert!(k.keys().is_empty());
    }

    /// Runs only where a real keychain was set up for it (scripts/ci/app.sh runs it under
    /// `keyctl session -` with `SWITCHBOARD_KEYCHAIN=keyutils`, and under a test Secret Service).
    #[test]
    fn os_keychain_round_trip_when_configured() {
        if std::env::var_os("SWITCHBOARD_KEYCHAIN").is_none() {
            eprintln!("SWITCHBOARD_KEYCHAIN not set: skipping the OS keychain round trip");
            return;
        }
        let k = OsKeychain::new(Backend::detect().unwrap());
        let key = format!("unit-test-{}", uuid::Uuid::new_v4());
        k.set(&key, &Secret::new("round-trip")).unwrap();
        assert_eq!(k.get(&key).unwrap().unwrap().expose(), "round-trip");
        assert!(k.delete(&key).unwrap());
        assert!(
            k.get(&key).unwrap().is_none(),
            "deleted secret must be gone from {}",
            k.backend()
        );
    }
}
