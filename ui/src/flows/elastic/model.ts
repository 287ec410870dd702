// The Elastic SIP trunk flow's view of the shared FlowState: its spec typed, the plain values the
// steps keep in the draft (`flow.data`), and the gates of each step. Every validation rule is
// Rust's (the issues in `flow.issues`, `checkItems`, `domainAvailable`); the gates only read them.
import type { ElasticTrunk, FlowState, Gate, Spec } from '../../lib/flow'
import { gateOnIssues, issuesAt, issuesExactly } from '../../lib/flow'

export type ElasticSpec = { kind: 'elastic_trunk' } & ElasticTrunk

/** What the steps keep between visits (saved in the draft: never a secret). */
export interface ElasticData {
  /** The label was typed by the user (else it follows the trunk name). */
  labelEdited?: boolean
  /** The last availability answer for the termination label. */
  domain?: { label: string; available: boolean; message: string; domain: string } | null
  /** The domain the trunk already had when it was opened from the inventory. */
  ownDomain?: string
  /** Which authentication methods are switched on. */
  useAcl?: boolean
  useCredentials?: boolean
  /** `list/username` whose password is waiting in the keychain (booleans only). */
  stored?: Record<string, boolean>
  /** Usernames already on Twilio in a reused credential list (their passwords stay as they are). */
  existingUsers?: string[]
}

export function emptyElastic(): Spec {
  return {
    kind: 'elastic_trunk',
    name: '',
    termination_domain: '',
    secure: false,
    cnam_lookup: false,
    transfer_mode: 'disable-all',
    transfer_caller_id: 'from-transferee',
    disaster_recovery_method: 'POST',
    recording: { mode: 'do-not-record', trim: 'do-not-trim' },
    ip_acls: [],
    credential_lists: [],
    origination_urls: [],
    numbers: [],
  }
}

export function elastic(flow: FlowState): ElasticSpec {
  return flow.spec as ElasticSpec
}

export function data(flow: FlowState): ElasticData {
  return flow.data as ElasticData
}

export const SUFFIX = '.pstn.twilio.com'

/** "Office PBX" → "office-pbx": a starting point for the termination label, edited freely. */
export function suggestLabel(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
}

export function labelOf(domain: string): string {
  return domain.endsWith(SUFFIX) ? domain.slice(0, -SUFFIX.length) : domain
}

export const TRUNK_PATHS = ['name', 'termination_domain', 'secure', 'cnam_lookup', 'transfer_mode', 'transfer_caller_id', 'disaster_recovery_url', 'disaster_recovery_method']

export function trunkGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, TRUNK_PATHS)
  if (!g.ok) return g
  const s = elastic(flow)
  const d = data(flow).domain
  if (!s.termination_domain) return { ok: false, reason: 'Choose the address your PBX will send calls to (the termination URI).' }
  if (s.termination_domain === data(flow).ownDomain) return { ok: true }
  if (!d || d.domain !== s.termination_domain) return { ok: false, reason: 'Checking whether that address is free…' }
  if (!d.available) return { ok: false, reason: d.message }
  return { ok: true }
}

export function authGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, ['ip_acls', 'credential_lists'])
  if (!g.ok) return g
  const s = elastic(flow)
  // Rust warns when nothing authenticates the trunk; this flow sets up calls out through Twilio,
  // so here that warning blocks Next (with Rust's words).
  const noAuth = issuesExactly(flow, 'termination_auth')
  if (noAuth.length) return { ok: false, reason: noAuth[0].message }
  const pw = data(flow).stored ?? {}
  const existing = data(flow).existingUsers ?? []
  const missing = s.credential_lists.flatMap((c) => c.usernames.filter((u) => !existing.includes(u) && !pw[`${c.name}/${u}`]))
  if (missing.length) return { ok: false, reason: `Set a password for ${missing.join(', ')}.` }
  return { ok: true }
}

export function originationGate(flow: FlowState): Gate {
  return gateOnIssues(flow, ['origination_urls'])
}

export function numbersGate(flow: FlowState): Gate {
  return gateOnIssues(flow, ['numbers'])
}

export function optionsGate(flow: FlowState): Gate {
  return gateOnIssues(flow, ['recording'])
}

export function reviewGate(flow: FlowState): Gate {
  if (flow.busy) return { ok: false, reason: flow.busy }
  const errors = issuesAt(flow, '', 'error')
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
