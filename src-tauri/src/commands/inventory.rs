//! Inventory: everything on the account with page-by-page progress, "open in wizard" (a live
//! trunk as a spec) and "remove" (a teardown plan, reviewed and applied like any other).

use switchboard_core::inventory::{Inventory, InventoryEvent};
use switchboard_core::spec::Spec;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppResult;
use crate::state::AppState;
use crate::wizard::WizardState;
use crate::wizard::view::PlanView;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn load_inventory(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    on_event: Channel<InventoryEvent>,
) -> AppResult<Inventory> {
    let mut emit = |e: InventoryEvent| {
        if let Err(err) = on_event.send(e) {
            tracing::warn!(error = %err, "inventory progress could not reach the window");
        }
    };
    wizard
        .load_inventory(&state, &mut emit)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(trunk = %trunk_sid))]
pub async fn spec_from_trunk(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    trunk_sid: String,
) -> AppResult<Spec> {
    wizard
        .spec_from_trunk(&state, &trunk_sid)
        .await
        .map_err(|e| state.journal.note(e))
}

#[tauri::command]
#[tracing::instrument(skip_all, fields(trunk = %trunk_sid))]
pub async fn teardown_plan(
    state: State<'_, AppState>,
    wizard: State<'_, WizardState>,
    trunk_sid: String,
) -> AppResult<PlanView> {
    wizard
        .teardown_plan(&state, &trunk_sid)
        .await
        .map_err(|e| state.journal.note(e))
}
