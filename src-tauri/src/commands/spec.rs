//! Wizard: checking a spec and its fields, and turning it into a plan to review.

use serde_json::Value;
use switchboard_core::validate::Issue;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::{CheckKind, DomainAvailability, DomainKind, ItemCheck, PlanView};

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn validate_spec(wizard: State<'_, WizardState>, spec: Value) -> Vec<Issue> {
    wizard.validate_spec(spec)
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(kind = ?kind, n = values.len()))]
pub fn check_items(
    wizard: State<'_, WizardState>,
    kind: CheckKind,
    values: Vec<String>,
) -> Vec<ItemCheck> {
    wizard.check_items(kind, &values)
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(kind = ?kind))]
pub async fn domain_available(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    kind: DomainKind,
    label: String,
) -> AppResult<DomainAvailability> {
    wizard
        .domain_available(&state, kind, &label)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn plan_spec(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    spec: Value,
) -> AppResult<PlanView> {
    wizard
        .plan_spec(&state, spec)
        .await
        .map_err(|e| state.journal.note(e))
}
