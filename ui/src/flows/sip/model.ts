// The SIP phones flow's view of the shared FlowState: the SIP-domain spec typed, what the steps
// keep in the draft (`flow.data`, never a secret), and each step's gate. The rules are Rust's
// (`flow.issues`, `checkItems`, `domainAvailable`); the gates only read them.
import type { SipDomain } from '../../bindings/SipDomain'
import type { FlowState, Gate, Spec } from '../../lib/flow'
import { gateOnIssues } from '../../lib/flow'
import { type RouterSpec, destination } from '../router/types'

export type SipSpec = { kind: 'sip_domain' } & SipDomain

export interface SipData {
  /** The last availability answer for the domain label. */
  domain?: { label: string; available: boolean; message: string; domain: string } | null
  /** `list/username` whose password is waiting in the keychain (booleans only). */
  inKeychain?: Record<string, boolean>
}

export const SUFFIX = '.sip.twilio.com'

export function emptySip(): Spec {
  const s: SipSpec = {
    kind: 'sip_domain',
    domain: '',
    voice_method: 'POST',
    registration: true,
    emergency_calling: false,
    secure: true,
    credential_lists: [{ name: 'Office phones', usernames: [], calls: true, registrations: true }],
    ip_acls: [],
  }
  return s
}

export function sip(flow: FlowState): SipSpec {
  return flow.spec as SipSpec
}

export function data(flow: FlowState): SipData {
  return flow.data as SipData
}

export function labelOf(domain: string): string {
  return domain.endsWith(SUFFIX) ? domain.slice(0, -SUFFIX.length) : domain
}

/** The phones (one per username) as SIP addresses on the domain, for the router table. */
export function phoneUris(s: SipSpec): { label: string; uri: string }[] {
  if (!s.domain) return []
  return s.credential_lists.flatMap((c) => c.usernames.map((u) => ({ label: `Phone ${u}`, uri: `sip:${u}@${s.domain}` })))
}

export function phonesGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, ['credential_lists'])
  if (!g.ok) return g
  const s = sip(flow)
  const users = s.credential_lists.flatMap((c) => c.usernames)
  if (users.length === 0) return { ok: false, reason: 'Add at least one phone (its number as the username).' }
  const pw = data(flow).inKeychain ?? {}
  const missing = s.credential_lists.flatMap((c) => c.usernames.filter((u) => !pw[`${c.name}/${u}`]))
  if (missing.length) return { ok: false, reason: `Waiting for a password for ${missing.join(', ')}.` }
  return { ok: true }
}

export const DOMAIN_PATHS = ['domain', 'friendly_name', 'voice_url', 'voice_method', 'registration', 'emergency_calling', 'secure']

export function domainGate(flow: FlowState): Gate {
  const g = gateOnIssues(flow, DOMAIN_PATHS)
  if (!g.ok) return g
  const s = sip(flow)
  const d = data(flow).domain
  if (!s.domain) return { ok: false, reason: 'Choose the address your phones will register to (the SIP domain).' }
  if (!d || d.domain !== s.domain) return { ok: false, reason: 'Checking whether that address is free…' }
  if (!d.available) return { ok: false, reason: d.message }
  const c = s.credential_lists[0]
  if (c && !c.calls && !c.registrations) return { ok: false, reason: 'Use the phones’ passwords for calls, registrations or both.' }
  return { ok: true }
}

export function incomingGate(flow: FlowState): Gate {
  return gateOnIssues(flow, ['router'])
}

/** With routing on, the domain's voice URL moves into the table's default row (and back). */
export function routingTurned(s: SipSpec, on: boolean, router: RouterSpec | undefined): void {
  if (on) {
    s.voice_url = undefined
  } else if (router?.default.kind === 'webhook' && router.default.url) {
    s.voice_url = router.default.url
  }
}

/** Where the router's default row starts: the domain's voice URL (the phones' own calls). */
export function routingFallback(s: SipSpec) {
  return destination('webhook', s.voice_url ?? '')
}
