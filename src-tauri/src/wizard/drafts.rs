//! An unfinished wizard, kept in the app data dir so it reopens after a restart. A draft holds a
//! spec and the step the user was on; it must never hold a secret, so a draft with a key that
//! looks like one (`password`, `secret`, `token`, `api_key`, …) anywhere inside is refused.

use std::path::{Path, PathBuf};

use super::view::Draft;
use crate::error::{AppError, AppResult, Code};

const FILE: &str = "wizard-draft.json";

/// Parts of a key that mark it as holding a secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "privatekey",
    "private_key",
];

/// Where the draft lives.
pub struct DraftStore {
    path: PathBuf,
}

/// The first key (as a path like `data.credential_lists[0].password`) that looks like a secret.
fn secret_key(value: &serde_json::Value, at: &str) -> Option<String> {
    match value {
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            let lower = k.to_ascii_lowercase();
            let here = format!("{at}.{k}");
            if SECRET_WORDS.iter().any(|w| lower.contains(w)) {
                Some(here)
            } else {
                secret_key(v, &here)
            }
        }),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| secret_key(v, &format!("{at}[{i}]"))),
        _ => None,
    }
}

fn storage(action: &str, path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::new(
        Code::Storage,
        format!(
            "Could not {action} the wizard draft at {}: {e}",
            path.display()
        ),
    )
}

impl DraftStore {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join(FILE),
        }
    }

    /// Saves the draft (atomically: a crash leaves the old one or the new one).
    pub fn save(&self, draft: &Draft) -> AppResult<()> {
        if let Some(key) = secret_key(&draft.data, "data") {
            return Err(AppError::invalid(
                &key,
                format!(
                    "The draft was not saved: `{key}` looks like a secret, and drafts never hold secrets. Passwords go to the system keychain (set_sip_password) instead."
                ),
            ));
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| storage("save", &self.path, e))?;
        }
        let text = serde_json::to_vec_pretty(draft).map_err(|e| storage("save", &self.path, e))?;
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(|e| storage("save", &self.path, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| storage("save", &self.path, e))
    }

    /// The saved draft; an unreadable one is set aside (renamed `.bad`) rather than blocking start.
    pub fn load(&self) -> AppResult<Option<Draft>> {
        let text = match std::fs::read(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(storage("read", &self.path, e)),
        };
        match serde_json::from_slice::<Draft>(&text) {
            Ok(d) => Ok(Some(d)),
            Err(e) => {
                tracing::warn!(error = %e, "unreadable wizard draft set aside");
                let _ = std::fs::rename(&self.path, self.path.with_extension("json.bad"));
                Ok(None)
            }
        }
    }

    pub fn clear(&self) -> AppResult<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(storage("remove", &self.path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_and_refuses_secret_keys_anywhere() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::new(dir.path());
        assert_eq!(store.load().unwrap(), None);
        let ok = Draft {
            flow: "elastic".into(),
            step: 3,
            data: json!({"kind": "elastic_trunk", "credential_lists": [{"name": "a", "usernames": ["u"]}]}),
        };
        store.save(&ok).unwrap();
        assert_eq!(store.load().unwrap(), Some(ok));
        let bad = Draft {
            flow: "elastic".into(),
            step: 3,
            data: json!({"credential_lists": [{"name": "a", "sipPassword": "Xx1xxxxxxxxxxx"}]}),
        };
        let e = store.save(&bad).unwrap_err();
        assert_eq!(
            e.field.as_deref(),
            Some("data.credential_lists[0].sipPassword")
        );
        assert!(
            !serde_json::to_string(&e)
                .unwrap()
                .contains("Xx1xxxxxxxxxxx")
        );
        store.clear().unwrap();
        assert_eq!(store.load().unwrap(), None);
        store.clear().unwrap();
    }
}
