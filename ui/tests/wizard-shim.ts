// Until ui/src/ipc/wizard.ts (BACKEND) is in the tree, the UI tests call the wizard commands
// through this stand-in with the contract's names; once the real module exports them, the
// tests use the real one (see the vi.mock in elastic.test.ts).
import { Channel, invoke } from '@tauri-apps/api/core'

function channel(onEvent: (e: any) => void) {
  const c = new Channel<any>()
  c.onmessage = onEvent
  return c
}

export const shim = {
  validateSpec: (spec: unknown) => invoke('validate_spec', { spec }),
  checkItems: (kind: string, values: string[]) => invoke('check_items', { kind, values }),
  domainAvailable: (kind: string, label: string) => invoke('domain_available', { kind, label }),
  planSpec: (spec: unknown) => invoke('plan_spec', { spec }),
  applyPlan: (planId: string, onEvent: (e: any) => void) => invoke('apply_plan', { planId, onEvent: channel(onEvent) }),
  cancelApply: () => invoke('cancel_apply'),
  pendingRun: () => invoke('pending_run'),
  resumeRun: (onEvent: (e: any) => void) => invoke('resume_run', { onEvent: channel(onEvent) }),
  rollbackRun: (onEvent: (e: any) => void) => invoke('rollback_run', { onEvent: channel(onEvent) }),
  setSipPassword: (list: string, username: string, password: string) => invoke('set_sip_password', { list, username, password }),
  passwordStatus: (list: string, usernames: string[]) => invoke('password_status', { list, usernames }),
  loadInventory: (onEvent: (e: any) => void) => invoke('load_inventory', { onEvent: channel(onEvent) }),
  specFromTrunk: (trunkSid: string) => invoke('spec_from_trunk', { trunkSid }),
  teardownPlan: (trunkSid: string) => invoke('teardown_plan', { trunkSid }),
  doneSheet: (spec: unknown) => invoke('done_sheet', { spec }),
  exportSpec: (spec: unknown, format: string) => invoke('export_spec', { spec, format }),
  saveSheet: (spec: unknown, format: string) => invoke('save_sheet', { spec, format }),
  saveDraft: (draft: unknown) => invoke('save_draft', { draft }),
  loadDraft: () => invoke('load_draft'),
  clearDraft: () => invoke('clear_draft'),
}
