// The BYOC flow's view of the shared FlowState: its spec typed, the gates of each step. Every
// rule is Rust's (`flow.issues` from validateSpec); the gates only read them.
import type { FlowState, Gate, HttpMethod, Spec } from '../../lib/flow'
import { gateOnIssues } from '../../lib/flow'
import type { RouterSpec } from '../router/types'

export interface TargetSpec {
  name?: string
  sip_url: string
  priority: number
  weight: number
  enabled: boolean
}

export interface ByocTrunkSpec {
  name: string
  voice_url?: string
  voice_method: HttpMethod
  fallback_url?: string
  fallback_method: HttpMethod
  status_callback_url?: string
  status_callback_method: HttpMethod
  cnam_lookup: boolean
  from_domain?: string
}

export interface ByocSpec {
  kind: 'byoc'
  connection_policy: { name: string; targets: TargetSpec[] }
  trunk: ByocTrunkSpec
  router?: RouterSpec | null
}

export function emptyByoc(): Spec {
  const s: ByocSpec = {
    kind: 'byoc',
    connection_policy: { name: '', targets: [] },
    trunk: {
      name: '',
      voice_method: 'POST',
      fallback_method: 'POST',
      status_callback_method: 'POST',
      cnam_lookup: false,
    },
  }
  return s as unknown as Spec
}

export function byoc(flow: FlowState): ByocSpec {
  return flow.spec as unknown as ByocSpec
}

/** `undefined` for an empty field (the spec leaves optional URLs out rather than empty). */
export function optional(v: string): string | undefined {
  const t = v.trim()
  return t ? t : undefined
}

export function policyGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, ['connection_policy.name'])
  if (!g.ok) return g
  if (!byoc(flow).connection_policy.name.trim()) return { ok: false, reason: 'Give the carrier connection a name.' }
  return { ok: true }
}

export function targetsGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, ['connection_policy.targets'])
  if (!g.ok) return g
  const t = byoc(flow).connection_policy.targets
  if (t.length === 0) return { ok: false, reason: 'Add the SIP address of at least one of your carrier’s SBCs.' }
  if (!t.some((x) => x.enabled)) return { ok: false, reason: 'At least one address must be in use, or Twilio has nowhere to send calls.' }
  return { ok: true }
}

export function trunkGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, ['trunk'])
  if (!g.ok) return g
  if (!byoc(flow).trunk.name.trim()) return { ok: false, reason: 'Give the BYOC trunk a name.' }
  return { ok: true }
}

export function routingGate(flow: FlowState): Gate {
  return gateOnIssues(flow, ['router'])
}

/** The BYOC trunk's SID from the apply's outcome (what the test call goes over). */
export function createdTrunkSid(flow: FlowState): string {
  return flow.outcome?.created.find((c) => c.sid.startsWith('BY'))?.sid ?? ''
}
