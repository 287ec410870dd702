//! "Copy diagnostics": what support needs to help (app version, OS, keychain backend, where the
//! app is connected, the last errors) and nothing they must not see. Errors are recorded here as
//! they are returned to the UI; they are built from [`AppError`] messages, which never contain
//! a secret because secrets only travel as [`switchboard_twilio::Secret`].

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::error::AppError;
use crate::ipc::SessionView;

const KEEP: usize = 20;

/// The most recent errors, oldest first.
pub struct ErrorJournal {
    started: Instant,
    entries: Mutex<VecDeque<(f64, AppError)>>,
}

impl Default for ErrorJournal {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            entries: Mutex::new(VecDeque::new()),
        }
    }
}

impl ErrorJournal {
    /// Records an error (and logs it), handing it back for the `?`/`map_err` chain.
    pub fn note(&self, e: AppError) -> AppError {
        tracing::warn!(code = ?e.code, field = ?e.field, twilio_code = ?e.twilio_code, message = %e.message, "command failed");
        let mut q = self.entries.lock().expect("journal lock");
        if q.len() == KEEP {
            q.pop_front();
        }
        q.push_back((self.started.elapsed().as_secs_f64(), e.clone()));
        e
    }

    pub fn recent(&self) -> Vec<(f64, AppError)> {
        self.entries
            .lock()
            .expect("journal lock")
            .iter()
            .cloned()
            .collect()
    }
}

/// Facts about the running app for the report.
pub struct Facts<'a> {
    pub version: &'a str,
    pub keychain_backend: &'a str,
    pub log_dir: String,
    pub session: Option<&'a SessionView>,
    pub profiles: usize,
}

/// The diagnostics text.
pub fn report(facts: &Facts<'_>, journal: &ErrorJournal) -> String {
    let mut s = String::new();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let _ = writeln!(
        s,
        "Switchboard {} diagnostics (unix time {now})",
        facts.version
    );
    let _ = writeln!(
        s,
        "OS: {} {} ({})",
        std::env::consts::OS,
        os_release(),
        std::env::consts::ARCH
    );
    let _ = writeln!(s, "Keychain backend: {}", facts.keychain_backend);
    let _ = writeln!(s, "Saved profiles: {}", facts.profiles);
    let _ = writeln!(s, "Log folder: {}", facts.log_dir);
    match facts.session {
        Some(v) => {
            let _ = writeln!(
                s,
                "Connected: {} ({}, {}, {}){} via {}",
                v.account.friendly_name,
                v.account.sid,
                v.account.status,
                v.account.account_type,
                if v.demo { " [demo]" } else { "" },
                v.api_base_url
            );
        }
        None => {
            let _ = writeln!(s, "Connected: no");
        }
    }
    let recent = journal.recent();
    let _ = writeln!(s, "Recent errors: {}", recent.len());
    for (at, e) in recent {
        let _ = write!(s, "  +{at:.1}s {:?}: {}", e.code, e.message);
        if let Some(c) = e.twilio_code {
            let _ = write!(s, " (Twilio {c})");
        }
        if let Some(f) = &e.field {
            let _ = write!(s, " [field {f}]");
        }
        let _ = writeln!(s);
    }
    s
}

fn os_release() -> String {
    std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn keeps_the_last_errors_and_reports_them() {
        let j = ErrorJournal::default();
        for i in 0..25 {
            j.note(AppError::new(Code::Unreachable, format!("failure {i}")));
        }
        let recent = j.recent();
        assert_eq!(recent.len(), KEEP);
        assert_eq!(
            recent[0].1.message, "failure 5",
            "oldest entries are dropped first"
        );
        let text = report(
            &Facts {
                version: "9.9.9",
                keychain_backend: "memory",
                log_dir: "/tmp/x".into(),
                session: None,
                profiles: 2,
            },
            &j,
        );
        assert!(text.contains("Switchboard 9.9.9"), "{text}");
        assert!(text.contains("Unreachable: failure 24"), "{text}");
        assert!(text.contains("Connected: no"));
    }
}
