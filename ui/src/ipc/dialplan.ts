// The dial-plan checker: parse errors, lints and simulated dials for the SIP phones' dial plan.
// Only ui/src/ipc imports @tauri-apps; components call this.
import { invoke } from '@tauri-apps/api/core'
import type { DialPlanReport } from '../bindings/DialPlanReport'
import type { DialPlanRequest } from '../bindings/DialPlanRequest'

/** Parses, lints and simulates `request.dial` on the plan; rejects only a bad country. */
export const checkDialplan = (request: DialPlanRequest) => invoke<DialPlanReport>('check_dialplan', { request })
