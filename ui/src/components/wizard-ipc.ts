// TEMPORARY bridge to BACKEND's wizard commands (contract §2) while ui/src/ipc/wizard.ts is being
// written: the functions are looked up on the ipc module when called, so the app builds before
// they exist. Once ipc/index.ts exports them, the importers go back to '../ipc' and this goes.
import * as ipc from '../ipc'

const api = ipc as unknown as Record<string, (...args: any[]) => Promise<any>>

function call<T>(name: string, ...args: unknown[]): Promise<T> {
  const f = api[name]
  if (typeof f !== 'function') return Promise.reject({ code: 'internal', message: `${name} is not available in this build yet.` })
  return f(...args)
}

export const validateSpec = (spec: unknown) => call<any[]>('validateSpec', spec)
export const checkItems = (kind: string, values: string[]) => call<{ value: string; normalized: string | null; issues: any[] }[]>('checkItems', kind, values)
export const domainAvailable = (kind: string, label: string) => call<{ label: string; domain: string; available: boolean; message: string }>('domainAvailable', kind, label)
export const planSpec = (spec: unknown) => call<any>('planSpec', spec)
export const applyPlan = (planId: string, onEvent: (e: any) => void) => call<any>('applyPlan', planId, onEvent)
export const cancelApply = () => call<null>('cancelApply')
export const pendingRun = () => call<any>('pendingRun')
export const resumeRun = (onEvent: (e: any) => void) => call<any>('resumeRun', onEvent)
export const rollbackRun = (onEvent: (e: any) => void) => call<any>('rollbackRun', onEvent)
export const setSipPassword = (list: string, username: string, password: string) => call<null>('setSipPassword', list, username, password)
export const passwordStatus = (list: string, usernames: string[]) => call<{ username: string; set: boolean }[]>('passwordStatus', list, usernames)
export const loadInventory = (onEvent: (e: any) => void) => call<any>('loadInventory', onEvent)
export const specFromTrunk = (trunkSid: string) => call<any>('specFromTrunk', trunkSid)
export const teardownPlan = (trunkSid: string) => call<any>('teardownPlan', trunkSid)
export const doneSheet = (spec: unknown) => call<any>('doneSheet', spec)
export const exportSpec = (spec: unknown, format: string) => call<string>('exportSpec', spec, format)
export const saveSheet = (spec: unknown, format: string) => call<{ path: string }>('saveSheet', spec, format)
export const saveDraft = (draft: unknown) => call<null>('saveDraft', draft)
export const loadDraft = () => call<any>('loadDraft')
export const clearDraft = () => call<null>('clearDraft')
