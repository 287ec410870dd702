// Wizard commands (contract §2): specs, plans, apply, passwords, the Done sheet, exports,
// drafts and the inventory. Types are generated from Rust (ui/src/bindings); the plan itself
// stays in Rust and the UI holds its id. Errors are AppError; a spec that breaks a rule comes
// back as code 'invalid' with every field's `issues`.
import { Channel, invoke } from '@tauri-apps/api/core'
import type { ApplyEvent } from '../bindings/ApplyEvent'
import type { ApplyOutcome } from '../bindings/ApplyOutcome'
import type { CheckKind } from '../bindings/CheckKind'
import type { DomainAvailability } from '../bindings/DomainAvailability'
import type { DomainKind } from '../bindings/DomainKind'
import type { DoneSheet } from '../bindings/DoneSheet'
import type { Draft } from '../bindings/Draft'
import type { ExportFormat } from '../bindings/ExportFormat'
import type { Inventory } from '../bindings/Inventory'
import type { InventoryEvent } from '../bindings/InventoryEvent'
import type { Issue } from '../bindings/Issue'
import type { ItemCheck } from '../bindings/ItemCheck'
import type { PasswordStatus } from '../bindings/PasswordStatus'
import type { PendingRun } from '../bindings/PendingRun'
import type { PlanView } from '../bindings/PlanView'
import type { SaveFormat } from '../bindings/SaveFormat'
import type { SavedSheet } from '../bindings/SavedSheet'
import type { Spec } from '../bindings/Spec'

export type {
  ApplyEvent,
  ApplyOutcome,
  CheckKind,
  DomainAvailability,
  DomainKind,
  DoneSheet,
  Draft,
  ExportFormat,
  Inventory,
  InventoryEvent,
  Issue,
  ItemCheck,
  PasswordStatus,
  PendingRun,
  PlanView,
  SaveFormat,
  SavedSheet,
  Spec,
}
/** The contract's name for the Done sheet. */
export type Sheet = DoneSheet

function channel<T>(onEvent: (e: T) => void): Channel<T> {
  const c = new Channel<T>()
  c.onmessage = onEvent
  return c
}

/** Every issue of a spec, all severities (a spec that cannot be read gives its decoding issues). */
export const validateSpec = (spec: Spec) => invoke<Issue[]>('validate_spec', { spec })

/** Checks pasted items one by one (chips): each with its normalised form or its issues. */
export const checkItems = (kind: CheckKind, values: string[]) =>
  invoke<ItemCheck[]>('check_items', { kind, values })

/** Whether a termination / SIP domain label is well formed and free on the connected account. */
export const domainAvailable = (kind: DomainKind, label: string) =>
  invoke<DomainAvailability>('domain_available', { kind, label })

/** Validates the spec, reads the account and returns the plan to review (kept in Rust by id). */
export const planSpec = (spec: Spec) => invoke<PlanView>('plan_spec', { spec })

/** Applies a reviewed plan; `onEvent` receives each step as it starts, succeeds, fails, reverts. */
export const applyPlan = (planId: string, onEvent: (e: ApplyEvent) => void) =>
  invoke<ApplyOutcome>('apply_plan', { planId, onEvent: channel(onEvent) })

/** Stops the running apply between steps; it then rolls back what it did. */
export const cancelApply = () => invoke<null>('cancel_apply')

/** An interrupted run of the connected account, found at start. */
export const pendingRun = () => invoke<PendingRun | null>('pending_run')

export const resumeRun = (onEvent: (e: ApplyEvent) => void) =>
  invoke<ApplyOutcome>('resume_run', { onEvent: channel(onEvent) })

export const rollbackRun = (onEvent: (e: ApplyEvent) => void) =>
  invoke<ApplyOutcome>('rollback_run', { onEvent: channel(onEvent) })

/** Sends a SIP password to the keychain for the apply (checked against Twilio's rule). Never returned. */
export const setSipPassword = (list: string, username: string, password: string) =>
  invoke<null>('set_sip_password', { list, username, password })

/** Which usernames of a list have a password set (never the password). */
export const passwordStatus = (list: string, usernames: string[]) =>
  invoke<PasswordStatus[]>('password_status', { list, usernames })

/** Everything on the account; `onEvent` hears each kind being read and each page of numbers. */
export const loadInventory = (onEvent: (e: InventoryEvent) => void) =>
  invoke<Inventory>('load_inventory', { onEvent: channel(onEvent) })

/** "Open in wizard": a live trunk as an Elastic SIP trunk spec. */
export const specFromTrunk = (trunkSid: string) => invoke<Spec>('spec_from_trunk', { trunkSid })

/** "Remove": the teardown plan of a trunk, to review and then apply with applyPlan. */
export const teardownPlan = (trunkSid: string) => invoke<PlanView>('teardown_plan', { trunkSid })

/** The Done sheet: what to enter on the SBC / PBX, with a checklist. */
export const doneSheet = (spec: Spec) => invoke<DoneSheet>('done_sheet', { spec })

/** The spec as text for another tool. */
export const exportSpec = (spec: Spec, format: ExportFormat) =>
  invoke<string>('export_spec', { spec, format })

/** Saves the Done sheet (html / pdf) or the spec (toml / json) under Downloads/switchboard/. */
export const saveSheet = (spec: Spec, format: SaveFormat) =>
  invoke<SavedSheet>('save_sheet', { spec, format })

/** Saves the unfinished wizard (refused when it holds anything that looks like a secret). */
export const saveDraft = (draft: Draft) => invoke<null>('save_draft', { draft })

export const loadDraft = () => invoke<Draft | null>('load_draft')

export const clearDraft = () => invoke<null>('clear_draft')
