// The BYOC flow's view of the shared FlowState: its spec typed, the gates of each step. Every
// rule is Rust's (`flow.issues` from validateSpec); the gates only read them.
import type { Byoc } from '../../bindings/Byoc'
import type { FlowState, Gate, Spec } from '../../lib/flow'
import { gateOnIssues } from '../../lib/flow'
import { type RouterSpec, destination } from '../router/types'

export type ByocSpec = { kind: 'byoc' } & Byoc

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
  return s
}

export function byoc(flow: FlowState): ByocSpec {
  return flow.spec as ByocSpec
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
  return gateOnIssues(flow, ['router', 'inbound'])
}

/** The SIP domain suffix: a domain's label plus this is its full name. */
export const SIP_SUFFIX = '.sip.twilio.com'

/** The label of a `<label>.sip.twilio.com` name (the name itself when it is not one). */
export function sipLabel(domain: string): string {
  return domain.endsWith(SIP_SUFFIX) ? domain.slice(0, -SIP_SUFFIX.length) : domain
}

/**
 * Where the carrier's calls come in, by default: the trunk's own SIP domain (the from domain)
 * when it has one, otherwise a label made from the trunk's name ("Acme Telecom" → acme-telecom).
 */
export function defaultInboundLabel(s: ByocSpec): string {
  const from = s.trunk.from_domain?.trim().toLowerCase() ?? ''
  if (from.endsWith(SIP_SUFFIX)) return sipLabel(from)
  return (s.trunk.name || s.connection_policy.name || '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

/**
 * "Receive calls from your carrier" on or off. Off leaves `inbound` out of the spec (nothing
 * planned) and keeps what was typed in `flow.data.inboundKept`, so turning it on again brings
 * it back.
 */
export function inboundTurned(flow: FlowState, on: boolean): void {
  const s = byoc(flow)
  if (on) {
    if (s.inbound) return
    const kept = flow.data.inboundKept as { sip_domain: string; carrier_ips: string[] } | undefined
    const label = defaultInboundLabel(s)
    s.inbound = kept ?? { sip_domain: label ? `${label}${SIP_SUFFIX}` : '', carrier_ips: [] }
  } else if (s.inbound) {
    flow.data.inboundKept = { sip_domain: s.inbound.sip_domain, carrier_ips: [...s.inbound.carrier_ips] }
    s.inbound = undefined
  }
}

/** The BYOC trunk's SID from the apply's outcome (what the test call goes over). */
export function createdTrunkSid(flow: FlowState): string {
  return flow.outcome?.created.find((c) => c.sid.startsWith('BY'))?.sid ?? ''
}

/**
 * With routing by number the router answers the trunk's calls, so the trunk's own voice URL
 * moves into the table's default row (and back when routing is turned off).
 */
export function routingTurned(s: ByocSpec, on: boolean, router: RouterSpec | undefined): void {
  if (on) {
    s.trunk.voice_url = undefined
  } else if (router?.default.kind === 'webhook' && router.default.url) {
    s.trunk.voice_url = router.default.url
  }
}

/** Where the router's default row starts: the trunk's voice URL. */
export function routingFallback(s: ByocSpec) {
  return destination('webhook', s.trunk.voice_url ?? '')
}
