// The one seam between the UI and the Rust backend: the only module that imports
// `@tauri-apps/*`. Components call these typed functions; tests replace the backend with
// `mockIPC`. Request and response types are generated from Rust (ui/src/bindings).
import { Channel, invoke } from '@tauri-apps/api/core'
import type { AppError } from '../bindings/AppError'
import type { ConnectAccountRequest } from '../bindings/ConnectAccountRequest'
import type { Diagnostics } from '../bindings/Diagnostics'
import type { ForgetOutcome } from '../bindings/ForgetOutcome'
import type { ForgetProfileRequest } from '../bindings/ForgetProfileRequest'
import type { NumbersEvent } from '../bindings/NumbersEvent'
import type { NumbersSummary } from '../bindings/NumbersSummary'
import type { ProfileList } from '../bindings/ProfileList'
import type { ProfileEndpointUpdated } from '../bindings/ProfileEndpointUpdated'
import type { UpdateProfileEndpointRequest } from '../bindings/UpdateProfileEndpointRequest'
import type { SessionView } from '../bindings/SessionView'

/** True for the `{code, message, …}` errors the commands return. */
export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** Any thrown value as an AppError (a bug in the seam itself becomes `internal`). */
export function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e
  return { code: 'internal', message: String(e) }
}

export const connectDemo = () => invoke<SessionView>('connect_demo')

export const connectAccount = (request: ConnectAccountRequest) =>
  invoke<SessionView>('connect_account', { request })

export const switchProfile = (id: string) => invoke<SessionView>('switch_profile', { request: { id } })

export const resetDemo = () => invoke<SessionView>('reset_demo')

export const disconnect = () => invoke<null>('disconnect')

export const currentSession = () => invoke<SessionView | null>('current_session')

export const listProfiles = () => invoke<ProfileList>('list_profiles')

export const forgetProfile = (request: ForgetProfileRequest) =>
  invoke<ForgetOutcome>('forget_profile', { request })

/** "Advanced" on a saved profile: re-checks the credentials at the new endpoint, then saves it. */
export const updateProfileEndpoint = (request: UpdateProfileEndpointRequest) =>
  invoke<ProfileEndpointUpdated>('update_profile_endpoint', { request })

/** Lists the account's numbers; `onEvent` receives each page as it arrives. */
export function loadNumbers(onEvent: (e: NumbersEvent) => void): Promise<NumbersSummary> {
  const channel = new Channel<NumbersEvent>()
  channel.onmessage = onEvent
  return invoke<NumbersSummary>('load_numbers', { onEvent: channel })
}

export const copyDiagnostics = () => invoke<Diagnostics>('copy_diagnostics')

// Wizard: specs, plans, apply, SIP passwords, Done sheet, exports, drafts, inventory (BACKEND).
export * from './wizard'

// Presets (far-side sheets, Register on Bolna, spec import) and the connectivity check.
export * from './presets'
export * from './connectivity'
