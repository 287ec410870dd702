//! The running account: configuration, the in-memory database, persistence and reset.
//!
//! Every mutation goes through [`Shared::write`], which saves the state file (when one is
//! configured) atomically — write a temporary file, then rename — so a demo can be stopped and
//! resumed without ever leaving a half-written file. The auth token is never written.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ApiResult;
use crate::faults::FaultState;
use crate::model::Db;

const STATE_VERSION: u32 = 1;

/// The state file's shape.
#[derive(Serialize, Deserialize)]
struct StateFile {
    version: u32,
    account_sid: String,
    db: Db,
}

/// Everything the handlers share.
pub struct Shared {
    pub account_sid: String,
    auth_token: String,
    pub friendly_name: String,
    pub base_url: String,
    seed: bool,
    state_file: Option<PathBuf>,
    db: Mutex<Db>,
    pub faults: FaultState,
}

impl Shared {
    /// Builds the account, loading `state_file` when it exists.
    pub fn new(config: &crate::SandboxConfig, base_url: String) -> io::Result<Self> {
        config
            .validate()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let shared = Self {
            account_sid: config.account_sid.clone(),
            auth_token: config.auth_token.clone(),
            friendly_name: config.friendly_name.clone(),
            base_url,
            seed: config.seed,
            state_file: config.state_file.clone(),
            db: Mutex::new(Db::default()),
            faults: FaultState::new(config.faults.clone()),
        };
        let db = match &shared.state_file {
            Some(path) if path.exists() => load(path, &shared.account_sid)?,
            _ => shared.initial_db(),
        };
        *shared.lock() = db;
        shared.save(&shared.lock())?;
        Ok(shared)
    }

    fn lock(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The seeded demo data, or an empty account.
    pub fn initial_db(&self) -> Db {
        if self.seed {
            crate::seed::seeded(&self.account_sid)
        } else {
            Db {
                account_status: "active".into(),
                ..Db::default()
            }
        }
    }

    /// The auth token the account accepts.
    pub fn auth_token(&self) -> &str {
        &self.auth_token
    }

    /// Whether `token` is the account's auth token (constant-time comparison).
    pub fn token_matches(&self, token: &str) -> bool {
        ct_eq(token.as_bytes(), self.auth_token.as_bytes())
    }

    /// Reads the database.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> T) -> T {
        f(&self.lock())
    }

    /// Changes the database; on success the state file is saved.
    pub fn write<T>(&self, f: impl FnOnce(&mut Db) -> ApiResult<T>) -> ApiResult<T> {
        let mut db = self.lock();
        let out = f(&mut db)?;
        if let Err(e) = self.save(&db) {
            tracing::warn!(error = %e, "sandbox: could not save the state file");
        }
        Ok(out)
    }

    /// Back to the seeded (or empty) state.
    pub fn reset(&self) {
        let mut db = self.lock();
        *db = self.initial_db();
        if let Err(e) = self.save(&db) {
            tracing::warn!(error = %e, "sandbox: could not save the state file");
        }
    }

    /// The database as JSON (no secrets are in it).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::to_value(&*self.lock()).unwrap_or(serde_json::Value::Null)
    }

    fn save(&self, db: &Db) -> io::Result<()> {
        let Some(path) = &self.state_file else {
            return Ok(());
        };
        let file = StateFile {
            version: STATE_VERSION,
            account_sid: self.account_sid.clone(),
            db: db.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        let tmp = tmp_path(path);
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, path)
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

fn load(path: &Path, account_sid: &str) -> io::Result<Db> {
    let bytes = std::fs::read(path)?;
    let file: StateFile = serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "state file {} is not a sandbox state file: {e}",
                path.display()
            ),
        )
    })?;
    if file.version != STATE_VERSION {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "state file {} has version {}, expected {STATE_VERSION}",
                path.display(),
                file.version
            ),
        ));
    }
    if file.account_sid != account_sid {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "state file {} belongs to account {}, not {account_sid}",
                path.display(),
                file.account_sid
            ),
        ));
    }
    Ok(file.db)
}

/// Hex SHA-256, used to keep API key secrets out of memory dumps and the state file.
pub fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Constant-time byte comparison.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A new random SID: `prefix` + 32 hex digits.
pub fn new_sid(prefix: &str) -> String {
    format!("{prefix}{:032x}", rand::random::<u128>())
}
