// DEPRECATED: the wizard commands are in ../ipc (ipc/wizard.ts, BACKEND) — import them from
// there. This re-export only keeps older importers building until they switch.
export {
  applyPlan,
  cancelApply,
  checkItems,
  clearDraft,
  doneSheet,
  domainAvailable,
  exportSpec,
  loadDraft,
  loadInventory,
  passwordStatus,
  pendingRun,
  planSpec,
  resumeRun,
  rollbackRun,
  saveDraft,
  saveSheet,
  setSipPassword,
  specFromTrunk,
  teardownPlan,
  validateSpec,
} from '../ipc'
