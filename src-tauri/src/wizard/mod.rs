//! The logic behind the wizard commands: specs from the UI decoded and validated by the core,
//! plans kept here under an id (the UI never holds or edits what runs), one apply at a time
//! with a cancel switch, SIP passwords in the keychain, drafts, the Done sheet and exports, the
//! account inventory. The run journal lives in the app data dir, so an interrupted run is found
//! at the next start.

pub mod bolna;
pub mod checks;
pub mod drafts;
pub mod files;
pub mod preset_view;
pub mod presets;
pub mod run;
pub mod secrets;
pub mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;
use switchboard_core::engine::{self, Plan, PlanError, StateDir};
use switchboard_core::export::done::{DoneSheet, done_sheet};
use switchboard_core::inventory::{self, Inventory, InventoryEvent};
use switchboard_core::spec::{SPEC_VERSION, Spec, SpecError};
use switchboard_core::validate::{Issue, Severity};
use switchboard_twilio::{Secret, TrunkSid};
use tokio_util::sync::CancellationToken;

use crate::error::{AppError, AppResult, Code};
use crate::state::AppState;
use view::{
    ApplyOutcome, CheckKind, DomainAvailability, DomainKind, Draft, ExportFormat, ItemCheck,
    PasswordStatus, PendingRun, PlanStepView, PlanView, SaveFormat, SavedSheet,
};

fn plan_error(e: PlanError) -> AppError {
    match e {
        PlanError::Invalid { issues } => AppError::invalid_spec(issues),
        PlanError::Twilio(t) => t.into(),
    }
}

fn trunk(sid: &str) -> AppResult<TrunkSid> {
    TrunkSid::parse(sid.trim()).map_err(|e| AppError::invalid("trunk_sid", e.to_string()))
}

/// The wizard's managed state.
pub struct WizardState {
    journal_dir: StateDir,
    export_dir: PathBuf,
    drafts: drafts::DraftStore,
    plans: Mutex<HashMap<String, Plan>>,
    /// The cancel switch of the run in progress, if any.
    running: Mutex<Option<CancellationToken>>,
}

/// A spec as the UI sends it (the serde shape; `version` may be left out) into a checked
/// [`Spec`], or the issues that stop it from being one.
pub fn decode_spec(mut value: Value) -> Result<Spec, Vec<Issue>> {
    if let Some(o) = value.as_object_mut() {
        o.entry("version").or_insert(SPEC_VERSION.into());
    }
    Spec::from_value(value).map_err(|e| match e {
        SpecError::Invalid { issues } => issues,
        other => vec![Issue::error("", other.to_string())],
    })
}

fn spec_or_invalid(value: Value) -> AppResult<Spec> {
    decode_spec(value).map_err(AppError::invalid_spec)
}

fn view(id: String, plan: &Plan, issues: Vec<Issue>) -> PlanView {
    PlanView {
        plan_id: id,
        title: plan.title.clone(),
        empty: plan.is_empty(),
        steps: plan
            .steps
            .iter()
            .map(|s| PlanStepView {
                id: s.id,
                kind: s.kind,
                description: s.description.clone(),
                params: s.params.clone(),
                depends_on: s.depends_on.clone(),
            })
            .collect(),
        issues,
    }
}

/// Clears the cancel switch when a run ends, however it ends.
struct RunGuard<'a>(&'a Mutex<Option<CancellationToken>>);

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        if let Ok(mut r) = self.0.lock() {
            *r = None;
        }
    }
}

impl WizardState {
    /// `data_dir` holds the run journal and the draft; saved sheets go under `export_dir`.
    pub fn new(data_dir: &Path, export_dir: &Path) -> Self {
        Self {
            journal_dir: StateDir(data_dir.join("runs")),
            export_dir: export_dir.to_path_buf(),
            drafts: drafts::DraftStore::new(data_dir),
            plans: Mutex::new(HashMap::new()),
            running: Mutex::new(None),
        }
    }

    /// Every issue of a spec, all severities (decoding problems included).
    pub fn validate_spec(&self, spec: Value) -> Vec<Issue> {
        match decode_spec(spec) {
            Ok(s) => switchboard_core::spec::validate(&s),
            Err(issues) => issues,
        }
    }

    pub fn check_items(&self, kind: CheckKind, values: &[String]) -> Vec<ItemCheck> {
        checks::check_items(kind, values)
    }

    pub async fn domain_available(
        &self,
        app: &AppState,
        kind: DomainKind,
        label: &str,
    ) -> AppResult<DomainAvailability> {
        checks::domain_available(&app.client().await?, kind, label).await
    }

    fn keep(&self, plan: Plan, issues: Vec<Issue>) -> PlanView {
        let id = uuid::Uuid::new_v4().to_string();
        let v = view(id.clone(), &plan, issues);
        self.plans.lock().expect("plan store lock").insert(id, plan);
        v
    }

    /// Validates the spec, reads the account and keeps the plan under a new id.
    pub async fn plan_spec(&self, app: &AppState, spec: Value) -> AppResult<PlanView> {
        let spec = spec_or_invalid(spec)?;
        let client = app.client().await?;
        let plan = engine::plan(&spec, &client).await.map_err(plan_error)?;
        let notes = switchboard_core::spec::validate(&spec)
            .into_iter()
            .filter(|i| i.severity != Severity::Error)
            .collect();
        Ok(self.keep(plan, notes))
    }

    /// "Remove" on a trunk: the teardown plan (numbers detached, never released; lists only
    /// this trunk uses deleted), reviewed and applied like any other.
    pub async fn teardown_plan(&self, app: &AppState, trunk_sid: &str) -> AppResult<PlanView> {
        let sid = trunk(trunk_sid)?;
        let client = app.client().await?;
        let plan = engine::teardown(&client, sid.as_str())
            .await
            .map_err(plan_error)?;
        Ok(self.keep(plan, vec![]))
    }

    fn start_run(&self) -> AppResult<(CancellationToken, RunGuard<'_>)> {
        let mut running = self.running.lock().expect("run lock");
        if running.is_some() {
            return Err(AppError::new(
                Code::Conflict,
                "Another apply is running. Wait for it to finish or cancel it first.",
            ));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok((token, RunGuard(&self.running)))
    }

    async fn drive(
        &self,
        app: &AppState,
        kind: run::Kind,
        emit: run::Emit<'_>,
    ) -> AppResult<ApplyOutcome> {
        let client = app.client().await?;
        let account = client.account_sid().to_string();
        let (token, _guard) = self.start_run()?;
        let mut opts = run::options(&self.journal_dir, app.keychain.clone(), &account);
        opts.cancel = token;
        run::run(kind, &client, &opts, emit).await
    }

    /// Applies a kept plan, streaming the engine's events.
    pub async fn apply_plan(
        &self,
        app: &AppState,
        plan_id: &str,
        emit: run::Emit<'_>,
    ) -> AppResult<ApplyOutcome> {
        let plan = self
            .plans
            .lock()
            .expect("plan store lock")
            .get(plan_id)
            .cloned()
            .ok_or_else(|| {
                AppError::new(
                    Code::NotFound,
                    "This plan is no longer known (the app restarted or it was applied). Go back to Review to make a new one.",
                )
            })?;
        let missing = run::missing_passwords(&plan, app.keychain.as_ref())?;
        if !missing.is_empty() {
            return Err(AppError::invalid_spec(missing));
        }
        let out = self
            .drive(app, run::Kind::Apply(Box::new(plan)), emit)
            .await?;
        if out.ok {
            self.plans.lock().expect("plan store lock").remove(plan_id);
        }
        Ok(out)
    }

    /// Stops the run in progress between steps; it then rolls back what it did.
    pub fn cancel_apply(&self) {
        if let Some(t) = self.running.lock().expect("run lock").as_ref() {
            t.cancel();
        }
    }

    /// The connected account's interrupted run, if there is one.
    pub async fn pending_run(&self, app: &AppState) -> AppResult<Option<PendingRun>> {
        let client = app.client().await?;
        run::pending(&self.journal_dir, client.account_sid().as_str())
    }

    pub async fn resume_run(&self, app: &AppState, emit: run::Emit<'_>) -> AppResult<ApplyOutcome> {
        self.drive(app, run::Kind::Resume, emit).await
    }

    pub async fn rollback_run(
        &self,
        app: &AppState,
        emit: run::Emit<'_>,
    ) -> AppResult<ApplyOutcome> {
        self.drive(app, run::Kind::Rollback, emit).await
    }

    pub async fn set_sip_password(
        &self,
        app: &AppState,
        list: &str,
        username: &str,
        password: &Secret,
    ) -> AppResult<()> {
        let client = app.client().await?;
        secrets::set(
            app.keychain.as_ref(),
            client.account_sid().as_str(),
            list,
            username,
            password,
        )
    }

    pub async fn password_status(
        &self,
        app: &AppState,
        list: &str,
        usernames: &[String],
    ) -> AppResult<Vec<PasswordStatus>> {
        let client = app.client().await?;
        secrets::status(
            app.keychain.as_ref(),
            client.account_sid().as_str(),
            list,
            usernames,
        )
    }

    pub fn done_sheet(&self, spec: Value) -> AppResult<DoneSheet> {
        Ok(done_sheet(&spec_or_invalid(spec)?))
    }

    pub fn export_spec(&self, spec: Value, format: ExportFormat) -> AppResult<String> {
        Ok(files::export_text(&spec_or_invalid(spec)?, format))
    }

    pub fn save_sheet(&self, spec: Value, format: SaveFormat) -> AppResult<SavedSheet> {
        files::save(&self.export_dir, &spec_or_invalid(spec)?, format)
    }

    pub fn save_draft(&self, draft: &Draft) -> AppResult<()> {
        self.drafts.save(draft)
    }

    pub fn load_draft(&self) -> AppResult<Option<Draft>> {
        self.drafts.load()
    }

    pub fn clear_draft(&self) -> AppResult<()> {
        self.drafts.clear()
    }

    /// Everything on the account, with each page of numbers reported as it arrives.
    pub async fn load_inventory(
        &self,
        app: &AppState,
        on_event: &mut (dyn FnMut(InventoryEvent) + Send),
    ) -> AppResult<Inventory> {
        let client = app.client().await?;
        Ok(inventory::load(&client, on_event).await?)
    }

    /// A live trunk as an Elastic trunk spec ("open in wizard").
    pub async fn spec_from_trunk(&self, app: &AppState, trunk_sid: &str) -> AppResult<Spec> {
        let sid = trunk(trunk_sid)?;
        let client = app.client().await?;
        Ok(Spec::ElasticTrunk(
            inventory::spec_from_trunk(&client, &sid).await?,
        ))
    }
}
