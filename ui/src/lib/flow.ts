// The steps of the wizard's current flow and the rule for leaving each one. The frame (rail,
// Back / Next) is driven from this list, so later flows add steps here.
import type { SessionView } from '../bindings/SessionView'

export type StepId = 'connect' | 'account'

export interface Step {
  id: StepId
  title: string
  hint: string
}

export const steps: Step[] = [
  { id: 'connect', title: 'Connect', hint: 'The demo or your Twilio account' },
  { id: 'account', title: 'Your account', hint: 'What Switchboard sees there' },
]

export interface Gate {
  ok: boolean
  /** Why Next is disabled, written next to it. */
  reason?: string
}

/** Whether Next may leave step `index`. */
export function gate(index: number, session: SessionView | null, numbersLoading: boolean): Gate {
  const step = steps[index]
  if (!step) return { ok: false, reason: 'There is no such step.' }
  if (index === steps.length - 1) return { ok: false, reason: 'This is the last step of this flow.' }
  if (step.id === 'connect') {
    if (!session) return { ok: false, reason: 'Connect to the demo or to your Twilio account first.' }
    if (numbersLoading) return { ok: false, reason: 'Wait until the phone numbers have loaded.' }
  }
  return { ok: true }
}

/** "+14155550100" → "+1 415 555 0100" (NANP and London grouped; other numbers stay E.164). */
export function formatNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  if (m) return `+1 ${m[1]} ${m[2]} ${m[3]}`
  const london = /^\+4420(\d{4})(\d{4})$/.exec(e164)
  if (london) return `+44 20 ${london[1]} ${london[2]}`
  return e164
}
