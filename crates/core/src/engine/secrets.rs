//! Where secrets come from, and where a run keeps the ones it must not write down. SIP passwords
//! are never in a spec, a plan or a journal: the desktop app backs [`SecretSource`] with the OS
//! keychain; the CLI reads the environment or generates one and shows it once.
//!
//! A number's voice URL may carry a password (`https://user:pass@host/…`). Attaching the number
//! to a trunk clears that URL, and a rollback must put it back, but the plan holds the URL
//! without its password ([`without_password`]). So the apply reads the full URL just before it
//! attaches the number and [`SecretSource::keep`]s it under [`voice_url_key`]; the rollback
//! recalls it, and once the run is over it is forgotten ([`forget_kept`]).

use std::collections::HashMap;
use std::sync::Mutex;

use switchboard_twilio::Secret;

use super::plan::Plan;
use super::step::Op;

/// Supplies the password of a new SIP credential, and keeps what a run needs for its rollback.
pub trait SecretSource: Send + Sync {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String>;

    /// Keeps `secret` under `key` (from [`voice_url_key`]) until [`SecretSource::forget`].
    /// The default has nowhere to keep it, so a number whose voice URL has a password is not
    /// attached (rather than losing the password if the run rolls back).
    fn keep(&self, key: &str, secret: &Secret) -> Result<(), String> {
        let _ = (key, secret);
        Err("this program has nowhere to keep it".into())
    }

    /// A kept secret; `None` when it is not kept here (another process kept it, or it was
    /// forgotten).
    fn recall(&self, key: &str) -> Result<Option<Secret>, String> {
        let _ = key;
        Ok(None)
    }

    /// Removes a kept secret; nothing happens when there is none.
    fn forget(&self, key: &str) -> Result<(), String> {
        let _ = key;
        Ok(())
    }
}

/// The key under which a run keeps a number's voice URL (password included) for its rollback.
pub fn voice_url_key(account: &str, number_sid: &str) -> String {
    format!("voice-url/{account}/{number_sid}")
}

/// Forgets every voice URL `plan`'s steps may have kept: for the end of a run that succeeded
/// or was rolled back completely (a rollback that must be run again still needs them).
pub fn forget_kept(secrets: &dyn SecretSource, plan: &Plan) -> Result<(), String> {
    for step in &plan.steps {
        if let Some(Op::AttachNumber {
            number_sid,
            voice_url_password: true,
            ..
        }) = &step.op
        {
            secrets.forget(&voice_url_key(&plan.account_sid, number_sid))?;
        }
    }
    Ok(())
}

/// Secrets a run keeps in this process's memory, for a front without a keychain (the CLI).
/// They are gone when the process ends: a rollback run by a later process cannot recall them.
#[derive(Default)]
pub struct KeptInMemory(Mutex<HashMap<String, Secret>>);

impl KeptInMemory {
    pub fn keep(&self, key: &str, secret: &Secret) -> Result<(), String> {
        self.map()?.insert(key.to_string(), secret.clone());
        Ok(())
    }

    pub fn recall(&self, key: &str) -> Result<Option<Secret>, String> {
        Ok(self.map()?.get(key).cloned())
    }

    pub fn forget(&self, key: &str) -> Result<(), String> {
        self.map()?.remove(key);
        Ok(())
    }

    /// How many secrets are kept.
    pub fn len(&self) -> usize {
        self.map().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn map(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Secret>>, String> {
        self.0
            .lock()
            .map_err(|_| "the memory that keeps the run's secrets is unusable".to_string())
    }
}

/// The parts of a URL with a password in it: `https://bob:s3cret@host/v` gives
/// `https://bob@host/v` (the URL without its password, user kept). `None` when the URL has no
/// password (none at all, or a user alone).
pub fn without_password(url: &str) -> Option<String> {
    let (before, after) = split_password(url)?;
    Some(format!("{before}@{after}"))
}

/// `url` as a person may see it: its password, if any, shown as `•••`
/// (`https://bob:•••@host/v`).
pub fn masked(url: &str) -> String {
    match split_password(url) {
        Some((before, after)) => format!("{before}:•••@{after}"),
        None => url.to_string(),
    }
}

/// `(scheme://user, host/…)` around a non-empty `:password@` in the URL's authority.
fn split_password(url: &str) -> Option<(&str, &str)> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[start..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let at = authority.rfind('@')?;
    let colon = authority[..at].find(':')?;
    if colon + 1 == at {
        return None;
    }
    Some((&url[..start + colon], &url[start + at + 1..]))
}

/// Generates a fresh password for every credential and hands it to `on_new` (to show or store).
pub struct GeneratedPasswords<F: Fn(&str, &str, &Secret) + Send + Sync>(pub F);

impl<F: Fn(&str, &str, &Secret) + Send + Sync> SecretSource for GeneratedPasswords<F> {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String> {
        let s = generate_password()?;
        (self.0)(list, username, &s);
        Ok(s)
    }
}

/// A password from the shared generator (`validate::credential`), in the client's `Secret`.
pub fn generate_password() -> Result<Secret, String> {
    crate::validate::credential::generate_password(crate::validate::credential::GENERATED_LEN)
        .map(|p| Secret::new(p.into_inner()))
        .map_err(|e| format!("no randomness available: {e}"))
}

#[cfg(test)]
mod tests {
    use super::{masked, without_password};

    #[test]
    fn generated_passwords_meet_twilio_rules() {
        for _ in 0..50 {
            let p = super::generate_password().unwrap();
            let s = p.expose();
            assert!(s.len() >= 12 && s.chars().any(|c| c.is_ascii_digit()));
            assert!(
                s.chars().any(|c| c.is_ascii_uppercase())
                    && s.chars().any(|c| c.is_ascii_lowercase())
            );
        }
    }

    #[test]
    fn a_password_is_taken_out_of_a_url_and_masked_for_people() {
        let url = "https://bob:s3cret@hooks.acme.example/voice?x=1";
        assert_eq!(
            without_password(url).as_deref(),
            Some("https://bob@hooks.acme.example/voice?x=1")
        );
        assert_eq!(masked(url), "https://bob:•••@hooks.acme.example/voice?x=1");
        // A password with an `@` in it (not percent-encoded) is still all taken out.
        assert_eq!(
            without_password("https://bob:p@ss@h.example/v").as_deref(),
            Some("https://bob@h.example/v")
        );
    }

    #[test]
    fn a_url_without_a_password_is_left_as_it_is() {
        for url in [
            "https://hooks.acme.example/voice",
            "https://bob@hooks.acme.example/voice",
            "https://bob:@hooks.acme.example/voice",
            "https://hooks.acme.example:8443/voice",
            "https://hooks.acme.example/voice?to=a:b@c",
            "https://hooks.acme.example/a:b@c/voice",
        ] {
            assert_eq!(without_password(url), None, "{url}");
            assert_eq!(masked(url), url);
        }
    }
}
