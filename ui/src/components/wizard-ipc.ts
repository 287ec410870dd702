// TEMPORARY bridge to BACKEND's wizard commands (ipc/wizard.ts) until that file is committed:
// the functions are looked up on the ipc module when called, so the committed app builds before
// they exist. Once ipc/wizard.ts is on main, the importers go back to '../ipc' and this goes.
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
import * as ipc from '../ipc'

const api = ipc as unknown as Record<string, (...args: any[]) => Promise<any>>

function call<T>(name: string, ...args: unknown[]): Promise<T> {
  const f = api[name]
  if (typeof f !== 'function') return Promise.reject({ code: 'internal', message: `${name} is not available in this build yet.` })
  return f(...args)
}

export const validateSpec = (spec: Spec) => call<Issue[]>('validateSpec', spec)
export const checkItems = (kind: CheckKind, values: string[]) => call<ItemCheck[]>('checkItems', kind, values)
export const domainAvailable = (kind: DomainKind, label: string) => call<DomainAvailability>('domainAvailable', kind, label)
export const planSpec = (spec: Spec) => call<PlanView>('planSpec', spec)
export const applyPlan = (planId: string, onEvent: (e: ApplyEvent) => void) => call<ApplyOutcome>('applyPlan', planId, onEvent)
export const cancelApply = () => call<null>('cancelApply')
export const pendingRun = () => call<PendingRun | null>('pendingRun')
export const resumeRun = (onEvent: (e: ApplyEvent) => void) => call<ApplyOutcome>('resumeRun', onEvent)
export const rollbackRun = (onEvent: (e: ApplyEvent) => void) => call<ApplyOutcome>('rollbackRun', onEvent)
export const setSipPassword = (list: string, username: string, password: string) => call<null>('setSipPassword', list, username, password)
export const passwordStatus = (list: string, usernames: string[]) => call<PasswordStatus[]>('passwordStatus', list, usernames)
export const loadInventory = (onEvent: (e: InventoryEvent) => void) => call<Inventory>('loadInventory', onEvent)
export const specFromTrunk = (trunkSid: string) => call<Spec>('specFromTrunk', trunkSid)
export const teardownPlan = (trunkSid: string) => call<PlanView>('teardownPlan', trunkSid)
export const doneSheet = (spec: Spec) => call<DoneSheet>('doneSheet', spec)
export const exportSpec = (spec: Spec, format: ExportFormat) => call<string>('exportSpec', spec, format)
export const saveSheet = (spec: Spec, format: SaveFormat) => call<SavedSheet>('saveSheet', spec, format)
export const saveDraft = (draft: Draft) => call<null>('saveDraft', draft)
export const loadDraft = () => call<Draft | null>('loadDraft')
export const clearDraft = () => call<null>('clearDraft')
