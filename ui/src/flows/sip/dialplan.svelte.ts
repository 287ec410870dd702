// The SIP phones' dial plan: the text lives in the flow's data (saved with the draft), the last
// report from Rust (parse error, lints, simulated dials) lives here, and the step's gate reads it.
import type { AppError } from '../../bindings/AppError'
import type { DialPlanReport } from '../../bindings/DialPlanReport'
import { asAppError } from '../../ipc'
import { checkDialplan } from '../../ipc/dialplan'
import type { FlowState, Gate } from '../../lib/flow'

/**
 * North American phones: emergency and the 933 address test at once, premium 900 numbers barred,
 * ten and eleven digits sent as E.164 ("dial 4155550100 → rule 5 → sends +14155550100").
 */
export const US_DIAL_PLAN = '(911S0|933S0|1900xxxxxxx!|900xxxxxxx!|<:+1>[2-9]xxxxxxxxxS0|<1:+1>[2-9]xxxxxxxxxS0)'

/** The number tried in the simulator until the user types another. */
export const SAMPLE_DIAL = '4155550100'

export interface DialPlanData {
  dialPlan: string
  country: string
  dialTry: string
}

/** The dial-plan fields of a flow's data, defaults for the missing ones (reads only). */
export function dialData(flow: FlowState): DialPlanData {
  const d = flow.data as Partial<DialPlanData>
  return {
    dialPlan: typeof d.dialPlan === 'string' ? d.dialPlan : US_DIAL_PLAN,
    country: typeof d.country === 'string' ? d.country : 'US',
    dialTry: typeof d.dialTry === 'string' ? d.dialTry : SAMPLE_DIAL,
  }
}

/** Sets one dial-plan field in the flow's data. */
export function setDial(flow: FlowState, field: keyof DialPlanData, value: string): void {
  flow.data[field] = value
}

export const dialCheck = $state({
  /** The request the report answers (plan + country + tried digits). */
  key: '',
  report: null as DialPlanReport | null,
  error: null as AppError | null,
})

function keyOf(d: DialPlanData): string {
  return JSON.stringify([d.dialPlan, d.country, d.dialTry])
}

let generation = 0

/** Asks Rust about the current plan; only the newest answer is kept. */
export async function recheck(flow: FlowState): Promise<void> {
  const d = dialData(flow)
  const key = keyOf(d)
  const mine = ++generation
  try {
    const report = await checkDialplan({
      plan: d.dialPlan,
      country: d.country,
      dial: d.dialTry.trim() ? [d.dialTry.trim()] : [],
    })
    if (mine !== generation) return
    dialCheck.key = key
    dialCheck.report = report
    dialCheck.error = null
  } catch (e) {
    if (mine !== generation) return
    dialCheck.key = key
    dialCheck.report = null
    dialCheck.error = asAppError(e)
  }
}

/** Next is enabled once the plan parses and has no error-level finding. */
export function dialPlanGate(flow: FlowState): Gate {
  const d = dialData(flow)
  if (!d.dialPlan.trim()) return { ok: true }
  if (dialCheck.key !== keyOf(d)) return { ok: false, reason: 'Checking the dial plan…' }
  if (dialCheck.error) return { ok: false, reason: dialCheck.error.message }
  const r = dialCheck.report
  if (!r) return { ok: false, reason: 'Checking the dial plan…' }
  if (r.error) return { ok: false, reason: `The dial plan does not read at column ${r.error.column}: ${r.error.message}` }
  const errors = r.lints.filter((l) => l.severity === 'error')
  if (errors.length) return { ok: false, reason: `Fix the dial plan first: ${errors[0].message}` }
  return { ok: true }
}
