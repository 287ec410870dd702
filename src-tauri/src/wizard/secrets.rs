//! SIP passwords for the credentials a plan creates. The UI sends each one once
//! (`set_sip_password`); it is checked against Twilio's password rule, kept in the OS keychain
//! under the account, list and username, and read back only by the engine during an apply. No
//! response, file, draft or log ever holds it.

use std::sync::Arc;

use switchboard_core::engine::SecretSource;
use switchboard_core::secret::Sensitive;
use switchboard_core::validate::credential::{password_issues, username_issues};
use switchboard_core::validate::has_errors;
use switchboard_twilio::Secret;

use super::view::PasswordStatus;
use crate::error::{AppError, AppResult, Code};
use crate::keychain::SecretStore;

/// The keychain entry of one SIP credential's password.
pub fn key(account: &str, list: &str, username: &str) -> String {
    format!("sip-password/{account}/{list}/{username}")
}

fn keychain_error(e: crate::keychain::KeychainError) -> AppError {
    AppError::new(Code::Keychain, e.to_string())
}

/// Checks and stores a password. The error names the rule, never the password.
pub fn set(
    store: &dyn SecretStore,
    account: &str,
    list: &str,
    username: &str,
    password: &Secret,
) -> AppResult<()> {
    if list.trim().is_empty() {
        return Err(AppError::invalid(
            "list",
            "The credential list name is empty: name the list before setting a password.",
        ));
    }
    let user_issues = username_issues("username", username);
    if let Some(i) = user_issues
        .iter()
        .find(|i| has_errors(std::slice::from_ref(*i)))
    {
        return Err(AppError::invalid("username", i.message.clone()));
    }
    let issues = password_issues("password", &Sensitive::new(password.expose().to_string()));
    if has_errors(&issues) {
        let msg = issues
            .iter()
            .map(|i| i.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(AppError::invalid(
            "password",
            format!("Twilio will not accept this password: {msg}"),
        ));
    }
    store
        .set(&key(account, list, username), password)
        .map_err(keychain_error)
}

/// Which of `usernames` have a password waiting.
pub fn status(
    store: &dyn SecretStore,
    account: &str,
    list: &str,
    usernames: &[String],
) -> AppResult<Vec<PasswordStatus>> {
    usernames
        .iter()
        .map(|u| {
            Ok(PasswordStatus {
                username: u.clone(),
                set: store
                    .get(&key(account, list, u))
                    .map_err(keychain_error)?
                    .is_some(),
            })
        })
        .collect()
}

/// The engine's [`SecretSource`] for one account, backed by the keychain.
pub struct KeychainPasswords {
    pub store: Arc<dyn SecretStore>,
    pub account: String,
}

impl SecretSource for KeychainPasswords {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String> {
        match self.store.get(&key(&self.account, list, username)) {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(format!(
                "no password is set for {username} in the credential list '{list}': set one on the credentials step"
            )),
            Err(e) => Err(e.to_string()),
        }
    }

    /// A run keeps a number's voice URL with its password here (the engine's key, e.g.
    /// `voice-url/AC…/PN…`) until the run is over, so a rollback after a restart can still
    /// put it back.
    fn keep(&self, key: &str, secret: &Secret) -> Result<(), String> {
        self.store.set(key, secret).map_err(|e| e.to_string())
    }

    fn recall(&self, key: &str) -> Result<Option<Secret>, String> {
        self.store.get(key).map_err(|e| e.to_string())
    }

    fn forget(&self, key: &str) -> Result<(), String> {
        self.store
            .delete(key)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
