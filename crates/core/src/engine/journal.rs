//! The journal (receipt) of a run, written atomically after every step so a run interrupted by
//! a crash, a kill or a power loss can be found, resumed or rolled back; and the per-account
//! lock that keeps two applies from running at once.
//!
//! Files live in a state directory: `$SWITCHBOARD_STATE_DIR`, else `$XDG_STATE_HOME/switchboard`,
//! else `~/.local/state/switchboard`. `journal-<AccountSid>.json` is the latest run of an
//! account; `<AccountSid>.lock` is held (an OS file lock, released when the process dies) while a
//! run is in progress.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::plan::Plan;
use super::step::StepId;

pub const JOURNAL_VERSION: u32 = 1;

/// Where journals and locks are kept.
#[derive(Debug, Clone)]
pub struct StateDir(pub PathBuf);

impl StateDir {
    /// The default location (see the module docs).
    pub fn default_location() -> StateDir {
        if let Some(d) = std::env::var_os("SWITCHBOARD_STATE_DIR").filter(|d| !d.is_empty()) {
            return StateDir(PathBuf::from(d));
        }
        if let Some(d) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
            return StateDir(PathBuf::from(d).join("switchboard"));
        }
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        StateDir(home.join(".local/state/switchboard"))
    }

    pub fn journal_path(&self, account: &str) -> PathBuf {
        self.0.join(format!("journal-{account}.json"))
    }

    fn lock_path(&self, account: &str) -> PathBuf {
        self.0.join(format!("{account}.lock"))
    }

    /// The latest journal of `account`, if any.
    pub fn load(&self, account: &str) -> std::io::Result<Option<Journal>> {
        match std::fs::read(self.journal_path(account)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(std::io::Error::other),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Takes the account's lock, or says which process holds it.
    pub fn lock(&self, account: &str) -> Result<AccountLock, LockError> {
        std::fs::create_dir_all(&self.0).map_err(LockError::Io)?;
        let path = self.lock_path(account);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(LockError::Held {
                    holder: holder.trim().to_string(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        file.set_len(0).map_err(LockError::Io)?;
        let _ = write!(file, "pid {}", std::process::id());
        Ok(AccountLock { _file: file })
    }
}

/// Held while a run changes an account; released on drop (or when the process dies).
#[derive(Debug)]
pub struct AccountLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another apply is already running for this account ({holder})")]
    Held { holder: String },
    #[error("could not take the account lock: {0}")]
    Io(std::io::Error),
}

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Steps are being carried out (or the process died while they were).
    Applying,
    /// Every step succeeded.
    Succeeded,
    /// Reverting (or the process died while reverting).
    RollingBack,
    /// Everything this run did was reverted.
    RolledBack,
    /// A revert failed; the journal lists what is left.
    RollbackFailed,
}

/// One step's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    Pending,
    /// The request may have been sent; its outcome is not recorded.
    Started,
    Done {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sid: Option<String>,
        /// Order of completion, for reverting in reverse.
        seq: u64,
    },
    Failed {
        error: String,
    },
    Reverted,
    /// Done, and a rollback cannot undo it (a deleted trunk or SIP user); the reason says why.
    NotRestored {
        reason: String,
    },
    RevertFailed {
        error: String,
        sid: Option<String>,
        seq: u64,
    },
}

/// The receipt of one run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    pub run_id: String,
    pub account_sid: String,
    pub started_at: u64,
    pub phase: Phase,
    pub plan: Plan,
    pub steps: Vec<StepState>,
    pub next_seq: u64,
    /// Whether the stale-plan check passed. A run sends its first steps while the check is
    /// still reading (only steps a rollback undoes exactly), so a run interrupted before the
    /// check finished is not resumed as it is: `resume` undoes it and starts it again.
    #[serde(default = "checked_by_default")]
    pub checked: bool,
}

/// Journals written before the check ran alongside the first steps were always checked.
fn checked_by_default() -> bool {
    true
}

impl Journal {
    pub fn new(plan: Plan) -> Journal {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let steps = vec![StepState::Pending; plan.steps.len()];
        Journal {
            version: JOURNAL_VERSION,
            run_id: format!("{}-{}", now.as_secs(), std::process::id()),
            account_sid: plan.account_sid.clone(),
            started_at: now.as_secs(),
            phase: Phase::Applying,
            plan,
            steps,
            next_seq: 0,
            checked: false,
        }
    }

    /// True when the run did not reach an end state (succeeded or rolled back).
    pub fn is_unfinished(&self) -> bool {
        matches!(
            self.phase,
            Phase::Applying | Phase::RollingBack | Phase::RollbackFailed
        )
    }

    pub fn done_count(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, StepState::Done { .. }))
            .count()
    }

    pub fn mark_done(&mut self, id: StepId, sid: Option<String>) {
        self.next_seq += 1;
        self.steps[id] = StepState::Done {
            sid: sid.filter(|s| !s.is_empty()),
            seq: self.next_seq,
        };
    }

    /// Writes the journal atomically: temp file, fsync, rename, fsync of the directory.
    pub fn save(&self, dir: &StateDir) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        write_atomic(dir, &self.account_sid, &bytes)
    }
}

/// Temp file, fsync, rename over the journal, fsync of the directory.
pub(crate) fn write_atomic(dir: &StateDir, account: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(&dir.0)?;
    let path = dir.journal_path(account);
    let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
    {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &path)?;
    sync_dir(&dir.0);
    Ok(())
}

/// The fields of a journal around its plan and step records.
#[derive(Serialize)]
struct Head<'a> {
    version: u32,
    run_id: &'a str,
    account_sid: &'a str,
    started_at: u64,
    phase: Phase,
}

/// The part of a journal that changes while a run goes on.
pub(crate) struct Snapshot {
    pub phase: Phase,
    pub steps: Vec<StepState>,
    pub next_seq: u64,
    pub checked: bool,
}

impl Journal {
    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot {
            phase: self.phase,
            steps: self.steps.clone(),
            next_seq: self.next_seq,
            checked: self.checked,
        }
    }

    /// The journal's JSON with `s` as its changing part, around `plan` (the plan's JSON, which
    /// a run serialises once: it is most of the file and never changes).
    fn bytes_with(&self, plan: &[u8], s: &Snapshot) -> serde_json::Result<Vec<u8>> {
        let mut out = serde_json::to_vec(&Head {
            version: self.version,
            run_id: &self.run_id,
            account_sid: &self.account_sid,
            started_at: self.started_at,
            phase: s.phase,
        })?;
        out.pop(); // the head object's closing brace
        out.extend_from_slice(b",\"plan\":");
        out.extend_from_slice(plan);
        out.extend_from_slice(b",\"steps\":");
        serde_json::to_writer(&mut out, &s.steps)?;
        out.extend_from_slice(
            format!(",\"next_seq\":{},\"checked\":{}}}", s.next_seq, s.checked).as_bytes(),
        );
        Ok(out)
    }
}

/// Group commit of the journal while steps run. Every snapshot handed to [`submit`] gets a
/// version; a background task writes the newest one atomically (temp file, fsync, rename, fsync
/// of the directory) and then publishes its version as durable. The run reports a step as
/// succeeded only once a version that records it is durable, so every success the user sees is
/// on disk. Steps that finish while a write is in progress are recorded together by the next
/// write (an fsync costs ~5–15 ms here, far more than a step's bookkeeping), and the requests
/// in flight are never held up by the disk.
///
/// Each snapshot is the run's in-memory state at one moment, so the journal on disk always
/// records a set of finished steps closed under dependencies; a step it does not record as done
/// (pending or started) may still have reached Twilio, and `resume` / `rollback` look every such
/// step up on the account before acting.
///
/// [`submit`]: JournalWriter::submit
pub(crate) struct JournalWriter {
    tx: tokio::sync::watch::Sender<Option<(u64, std::sync::Arc<Snapshot>)>>,
    durable: tokio::sync::watch::Receiver<u64>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    next: u64,
}

impl JournalWriter {
    /// Starts the writer for `j` (whose plan and identity never change during a run).
    pub fn start(j: &Journal, dir: StateDir) -> JournalWriter {
        type Newest = Option<(u64, std::sync::Arc<Snapshot>)>;
        let (tx, mut rx) = tokio::sync::watch::channel::<Newest>(None);
        let (durable_tx, durable) = tokio::sync::watch::channel(0u64);
        let plan = std::sync::Arc::new(serde_json::to_vec(&j.plan).unwrap_or_default());
        let base = std::sync::Arc::new(Journal {
            steps: vec![],
            plan: Plan {
                steps: vec![],
                ..j.plan.clone()
            },
            ..j.clone()
        });
        let task = tokio::spawn(async move {
            while rx.changed().await.is_ok() {
                let Some((version, snap)) = rx.borrow_and_update().clone() else {
                    continue;
                };
                let (d, b, p) = (dir.clone(), base.clone(), plan.clone());
                tokio::task::spawn_blocking(move || {
                    let bytes = b.bytes_with(&p, &snap).map_err(std::io::Error::other)?;
                    write_atomic(&d, &b.account_sid, &bytes)
                })
                .await
                .map_err(std::io::Error::other)??;
                let _ = durable_tx.send(version);
            }
            Ok(())
        });
        JournalWriter {
            tx,
            durable,
            task,
            next: 0,
        }
    }

    /// Queues `j`'s current records for writing; returns the version that will hold them.
    pub fn submit(&mut self, j: &Journal) -> u64 {
        self.next += 1;
        let _ = self
            .tx
            .send(Some((self.next, std::sync::Arc::new(j.snapshot()))));
        self.next
    }

    /// Waits until a newer version is on disk; an error when the writer failed.
    pub async fn changed(&mut self) -> std::io::Result<u64> {
        if self.durable.changed().await.is_ok() {
            return Ok(*self.durable.borrow_and_update());
        }
        Err(std::io::Error::other(
            "the journal writer stopped before recording every step",
        ))
    }

    /// Writes what was submitted last (if not yet on disk) and stops; returns the writer's
    /// error, if any.
    pub async fn finish(self) -> std::io::Result<()> {
        drop(self.tx);
        self.task.await.map_err(std::io::Error::other)?
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
