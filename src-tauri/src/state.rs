//! The app's managed state and the operations the commands adapt: one place that owns the
//! profile file, the keychain, the demo sandbox and the current session. No Tauri types here,
//! so the command tests and the app run exactly this code.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::StreamExt;
use switchboard_twilio::NumberFilter;
use tokio::sync::RwLock;

use crate::account::{self, Session};
use crate::demo::DemoAccount;
use crate::diagnostics::{self, ErrorJournal, Facts};
use crate::error::{AppError, AppResult, Code};
use crate::ipc::{
    ConnectAccountRequest, ForgetOutcome, ForgetProfileRequest, NumberView, NumbersEvent,
    NumbersSummary, ProfileList, SessionView, SwitchProfileRequest,
};
use crate::keychain::SecretStore;
use crate::profiles::{ProfileEndpointUpdated, ProfileStore, UpdateProfileEndpointRequest};
use crate::storage_error;

/// Numbers per page when listing (small, so progress is visible on real accounts too).
pub const NUMBERS_PAGE_SIZE: u32 = 20;

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct AppPaths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

pub struct AppState {
    pub paths: AppPaths,
    pub profiles: ProfileStore,
    pub keychain: Arc<dyn SecretStore>,
    pub demo: DemoAccount,
    pub journal: ErrorJournal,
    session: RwLock<Option<Session>>,
    /// Set by `--demo`: the first `current_session` connects the demo.
    autostart_demo: AtomicBool,
}

impl AppState {
    pub fn new(paths: AppPaths, keychain: Arc<dyn SecretStore>) -> Self {
        Self {
            profiles: ProfileStore::new(&paths.config_dir),
            demo: DemoAccount::new(&paths.data_dir),
            paths,
            keychain,
            journal: ErrorJournal::default(),
            session: RwLock::new(None),
            autostart_demo: AtomicBool::new(false),
        }
    }

    pub fn autostart_demo(self, yes: bool) -> Self {
        self.autostart_demo.store(yes, Ordering::SeqCst);
        self
    }

    async fn replace(&self, s: Session) -> SessionView {
        let view = s.view.clone();
        tracing::info!(account_sid = %view.account.sid, demo = view.demo, "connected");
        *self.session.write().await = Some(s);
        view
    }

    pub async fn connect_demo(&self) -> AppResult<SessionView> {
        let (credentials, endpoints) = self.demo.connection().await?;
        let (client, account) = account::verify(credentials, endpoints).await?;
        Ok(self
            .replace(account::session(client, account, true, None))
            .await)
    }

    pub async fn connect_account(&self, req: ConnectAccountRequest) -> AppResult<SessionView> {
        let s = account::connect(req, &self.profiles, self.keychain.as_ref()).await?;
        Ok(self.replace(s).await)
    }

    pub async fn switch_profile(&self, req: SwitchProfileRequest) -> AppResult<SessionView> {
        let s = account::open(&req.id, &self.profiles, self.keychain.as_ref()).await?;
        Ok(self.replace(s).await)
    }

    /// Changes a saved profile's region / edge / base URL after verifying it there; when that
    /// profile is the one connected, the session moves to the new endpoint too.
    pub async fn update_profile_endpoint(
        &self,
        req: UpdateProfileEndpointRequest,
    ) -> AppResult<ProfileEndpointUpdated> {
        let s = account::change_endpoint(req, &self.profiles, self.keychain.as_ref()).await?;
        let profile = s.view.profile.clone().ok_or_else(|| {
            AppError::new(Code::Internal, "a changed profile came back without itself")
        })?;
        let mut current = self.session.write().await;
        let active = current
            .as_ref()
            .and_then(|c| c.view.profile.as_ref())
            .is_some_and(|p| p.id == profile.id);
        let out = ProfileEndpointUpdated {
            profile,
            account: s.view.account.clone(),
            api_base_url: s.view.api_base_url.clone(),
            session: active.then(|| s.view.clone()),
        };
        if active {
            *current = Some(s);
        }
        Ok(out)
    }

    pub fn list_profiles(&self) -> AppResult<ProfileList> {
        self.profiles.list().map_err(storage_error)
    }

    /// Forgets a profile; if it is the one connected, the session ends too.
    pub async fn forget_profile(&self, req: ForgetProfileRequest) -> AppResult<ForgetOutcome> {
        let out = account::forget(req, &self.profiles, self.keychain.as_ref()).await?;
        let mut session = self.session.write().await;
        if session
            .as_ref()
            .and_then(|s| s.view.profile.as_ref())
            .is_some_and(|p| p.id == out.profile_id)
        {
            *session = None;
        }
        Ok(out)
    }

    /// Puts the demo account back to its seeded state and connects to it.
    pub async fn reset_demo(&self) -> AppResult<SessionView> {
        self.demo.reset().await?;
        self.connect_demo().await
    }

    pub async fn disconnect(&self) {
        *self.session.write().await = None;
    }

    pub async fn current_session(&self) -> AppResult<Option<SessionView>> {
        if self.autostart_demo.swap(false, Ordering::SeqCst) && self.session.read().await.is_none()
        {
            return self.connect_demo().await.map(Some);
        }
        Ok(self.session.read().await.as_ref().map(|s| s.view.clone()))
    }

    /// The connected account's client, for the commands that talk to Twilio.
    pub async fn client(&self) -> AppResult<switchboard_twilio::Client> {
        self.session
            .read()
            .await
            .as_ref()
            .map(|s| s.client.clone())
            .ok_or_else(AppError::not_connected)
    }

    /// Lists the account's phone numbers page by page, reporting each page to `emit`.
    pub async fn load_numbers(&self, emit: impl Fn(NumbersEvent)) -> AppResult<NumbersSummary> {
        let client = self
            .session
            .read()
            .await
            .as_ref()
            .map(|s| s.client.clone())
            .ok_or_else(AppError::not_connected)?;
        emit(NumbersEvent::Started);
        let filter = NumberFilter {
            page_size: Some(NUMBERS_PAGE_SIZE),
            ..NumberFilter::default()
        };
        let pages = client.incoming_phone_number_pages(&filter);
        futures::pin_mut!(pages);
        let (mut loaded, mut count) = (0u32, 0u32);
        while let Some(page) = pages.next().await {
            let page = page?;
            count += 1;
            let numbers: Vec<NumberView> = page
                .items
                .into_iter()
                .map(|n| NumberView {
                    sid: n.sid.to_string(),
                    friendly_name: n.friendly_name.unwrap_or_else(|| n.phone_number.clone()),
                    phone_number: n.phone_number,
                })
                .collect();
            loaded += numbers.len() as u32;
            emit(NumbersEvent::Page {
                page: count,
                numbers,
                loaded,
            });
        }
        emit(NumbersEvent::Finished { total: loaded });
        Ok(NumbersSummary {
            total: loaded,
            pages: count,
        })
    }

    pub async fn diagnostics(&self) -> String {
        let session = self.session.read().await;
        let profiles = self.profiles.list().map(|l| l.profiles.len()).unwrap_or(0);
        let facts = Facts {
            version: env!("CARGO_PKG_VERSION"),
            keychain_backend: self.keychain.backend(),
            log_dir: self.paths.log_dir.display().to_string(),
            session: session.as_ref().map(|s| &s.view),
            profiles,
        };
        diagnostics::report(&facts, &self.journal)
    }
}
