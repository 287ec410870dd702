// The presets flow's view of the shared FlowState. A preset asks a few questions; Rust turns the
// answers into the Twilio spec (`flow.spec`, reviewed and applied like any other flow) and the
// far-side sheet. What the steps keep between visits lives in `flow.data` (saved in drafts:
// the preset id, the answers and which unverified values were confirmed — never a secret).
import type { PasswordSlot } from '../../bindings/PasswordSlot'
import type { FlowDef, FlowState, Gate, Issue, Spec } from '../../lib/flow'
import type { Answers } from '../../ipc/presets'

export interface PresetData {
  presetId?: string
  presetTitle?: string
  answers?: Answers
  /** Questions whose answer the user typed or chose (their problems are shown at once). */
  touched?: string[]
  /** The last build succeeded for these answers (set by the answers steps). */
  built?: boolean
  /** A check of the latest answers is on its way. */
  checking?: boolean
  /** The questions asked on the "Twilio side" step (the rest are about the other platform). */
  twilioQuestions?: string[]
  /** The build's problems, for the gate's reason. */
  buildIssues?: Issue[]
  /**
   * The logins (credential list + username) whose passwords the apply needs, and which of them
   * are set (booleans only). Not named "passwords": drafts refuse keys that sound like secrets.
   */
  logins?: PasswordSlot[]
  loginsSet?: Record<string, boolean>
}

export function data(flow: FlowState): PresetData {
  return flow.data as PresetData
}

export function emptyPresetSpec(): Spec {
  return {
    kind: 'elastic_trunk',
    name: '',
    termination_domain: '',
    secure: false,
    cnam_lookup: false,
    transfer_mode: 'disable-all',
    transfer_caller_id: 'from-transferee',
    disaster_recovery_url: null,
    disaster_recovery_method: 'POST',
    recording: { mode: 'do-not-record', trim: 'do-not-trim' },
    ip_acls: [],
    credential_lists: [],
    origination_urls: [],
    numbers: [],
  }
}

/** `answers.numbers[2]` → `numbers`; other paths → null. */
export function questionOf(path: string): string | null {
  const m = /^answers\.([A-Za-z0-9_-]+)/.exec(path)
  return m ? m[1] : null
}

/** The issues of one question (its own path and its items'). */
export function issuesFor(issues: Issue[], id: string): Issue[] {
  return issues.filter((i) => questionOf(i.path) === id)
}

/**
 * Passwords generated on the Review step, held in memory only (never in `flow.data`, a draft
 * or a file) so "Register on Bolna" can send a username/password trunk's password without the
 * user pasting it back. Gone when the app closes.
 */
export const heldPasswords = new Map<string, string>()

export function slotKey(p: PasswordSlot): string {
  return `${p.list}/${p.username}`
}

export function chooseGate(flow: FlowState): Gate {
  return data(flow).presetId ? { ok: true } : { ok: false, reason: 'Choose the platform you are connecting to.' }
}

/** Which answers step asks a question: the Twilio side's (its label names Twilio), or the far side's. */
export type Part = 'far' | 'twilio'
export function partOf(q: { label: string }): Part {
  return /\bTwilio\b/.test(q.label) ? 'twilio' : 'far'
}

/** The far side's answers: every problem outside the Twilio side's questions is fixed. */
export function farGate(flow: FlowState): Gate {
  const d = data(flow)
  if (flow.busy) return { ok: false, reason: flow.busy }
  if (!d.twilioQuestions || d.checking || (!d.built && !d.buildIssues)) return { ok: false, reason: 'Checking your answers…' }
  if (d.built) return { ok: true }
  const twilio = new Set(d.twilioQuestions)
  const errors = (d.buildIssues ?? []).filter((i) => i.severity === 'error' && !twilio.has(questionOf(i.path) ?? ''))
  if (errors.length === 0) return { ok: true }
  if (errors.length === 1) return { ok: false, reason: `Answer the question marked above: ${errors[0].message}` }
  return { ok: false, reason: `${errors.length} answers are missing or need fixing (first: ${errors[0].message})` }
}

export function answersGate(flow: FlowState): Gate {
  const d = data(flow)
  if (flow.busy) return { ok: false, reason: flow.busy }
  if (d.built && !d.checking) return { ok: true }
  const errors = (d.buildIssues ?? []).filter((i) => i.severity === 'error')
  if (errors.length === 0 || d.checking) return { ok: false, reason: 'Checking your answers…' }
  if (errors.length === 1) return { ok: false, reason: `Answer the question marked above: ${errors[0].message}` }
  return { ok: false, reason: `${errors.length} answers are missing or need fixing (first: ${errors[0].message})` }
}

export function reviewGate(flow: FlowState): Gate {
  const d = data(flow)
  if (flow.busy) return { ok: false, reason: flow.busy }
  const missing = (d.logins ?? []).filter((p) => !d.loginsSet?.[slotKey(p)])
  if (missing.length) return { ok: false, reason: `Set the password of ${missing[0].username} first (generated for you above).` }
  const errors = flow.issues.filter((i) => i.severity === 'error')
  if (flow.checked && errors.length) return { ok: false, reason: `Go back and fix: ${errors[0].message}` }
  if (!flow.plan) return { ok: false, reason: 'Waiting for the plan…' }
  if (flow.plan.empty) return { ok: false, reason: 'The account already matches: there is nothing to apply.' }
  return { ok: true }
}

export function applyGate(flow: FlowState): Gate {
  if (!flow.outcome) return { ok: false, reason: 'Applying… each step is listed as it happens.' }
  if (flow.outcome.ok) return { ok: true }
  if (flow.outcome.rolled_back) return { ok: false, reason: 'Nothing was changed. Go back to fix the problem named above, then apply again.' }
  return { ok: false, reason: 'The run stopped part-way: see above.' }
}

/** The registered wizard that edits specs of `spec.kind` (for an imported file). */
export function flowForKind(list: FlowDef[], kind: string, except: string[]): FlowDef | undefined {
  return list.find((f) => !except.includes(f.id) && f.emptySpec().kind === kind)
}
