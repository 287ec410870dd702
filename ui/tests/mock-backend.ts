// A scripted backend for the UI tests: answers the commands through Tauri's `mockIPC`, records
// every call, and streams channel events the way the Rust side does.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { AppError } from '../src/bindings/AppError'
import type { NumbersEvent } from '../src/bindings/NumbersEvent'
import type { ProfileView } from '../src/bindings/ProfileView'
import type { SessionView } from '../src/bindings/SessionView'

export interface Call {
  cmd: string
  args: Record<string, unknown>
}

export const demoSession: SessionView = {
  account: { sid: 'AC0de5a4db0c5e11aa0de5a4db0c5e11aa', friendlyName: 'Switchboard Demo', status: 'active', accountType: 'Full' },
  demo: true,
  apiBaseUrl: 'http://127.0.0.1:1234',
}

export const acmeProfile: ProfileView = {
  id: 'p-1',
  name: 'Acme Corp',
  accountSid: 'AC00000000000000000000000000ac3e01',
  credential: { kind: 'apiKey', keySid: 'SK00000000000000000000000000000001', createdByApp: true },
  endpoint: {},
}

export const acmeSession: SessionView = {
  account: { sid: acmeProfile.accountSid, friendlyName: 'Acme Corp', status: 'active', accountType: 'Full' },
  demo: false,
  profile: acmeProfile,
  apiBaseUrl: 'https://api.twilio.com',
}

type Handler = (args: Record<string, unknown>) => unknown

/** Sends `events` on the channel passed as `onEvent`, in order, as the Rust side would. */
export function stream(args: Record<string, unknown>, events: NumbersEvent[]): void {
  const channel = args.onEvent as { id: number }
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__
  events.forEach((message, index) => internals.runCallback(channel.id, { index, message }))
}

export function page(n: number, from: number, count: number): NumbersEvent {
  const numbers = Array.from({ length: count }, (_, i) => ({
    sid: `PN${String(from + i).padStart(32, '0')}`,
    phoneNumber: `+1415555${String(1000 + from + i)}`,
    friendlyName: `Line ${from + i}`,
  }))
  return { event: 'page', page: n, numbers, loaded: from + count }
}

export function backend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = []
  clearMocks()
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    const h = handlers[cmd]
    if (!h) throw { code: 'internal', message: `unexpected command ${cmd}` } satisfies AppError
    return h(args)
  })
  return calls
}

export function fail(error: AppError): never {
  throw error
}

// ---------------------------------------------------------------------------------------------
// The wizard commands (contract §2), scripted for the frame and the Elastic SIP trunk flow.

/** Sends any events on the channel passed as `onEvent` (apply, inventory…). */
export function streamEvents(args: Record<string, unknown>, events: unknown[]): void {
  const channel = args.onEvent as { id: number }
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__
  events.forEach((message, index) => internals.runCallback(channel.id, { index, message }))
}

export interface FakeIssue {
  path: string
  message: string
  severity: 'error' | 'warning' | 'info'
  hint?: string
}

/** Reads a named argument whether the command takes it flat or inside `request`. */
export function arg<T>(args: Record<string, unknown>, name: string): T {
  const req = args.request as Record<string, unknown> | undefined
  return (args[name] ?? req?.[name]) as T
}

/**
 * A few of Rust's rules, enough for the UI tests to see messages land next to the right field
 * (the real rules are tested in Rust; these only stand in for them).
 */
export function fakeValidate(spec: Record<string, any>): FakeIssue[] {
  const out: FakeIssue[] = []
  if (spec.kind !== 'elastic_trunk') return out
  if (!spec.name?.trim()) out.push({ path: 'name', message: 'The name is empty: give the trunk a name, e.g. “Office PBX”.', severity: 'error' })
  if (spec.termination_domain && !/^[a-z0-9-]+\.pstn\.twilio\.com$/.test(spec.termination_domain))
    out.push({ path: 'termination_domain', message: `\`${spec.termination_domain}\` is not a valid termination domain: use letters, digits and dashes.`, severity: 'error' })
  if (spec.disaster_recovery_url && !/^https?:\/\//.test(spec.disaster_recovery_url))
    out.push({ path: 'disaster_recovery_url', message: `\`${spec.disaster_recovery_url}\` is not a web address: it must start with https://.`, severity: 'error' })
  ;(spec.origination_urls ?? []).forEach((o: any, i: number) => {
    if (!o.sip_url.startsWith('sip:'))
      out.push({ path: `origination_urls[${i}].sip_url`, message: `\`${o.sip_url}\` is not a SIP URI: write it as sip:host[:port], e.g. sip:pbx.example.com.`, severity: 'error' })
  })
  const addresses = (spec.ip_acls ?? []).reduce((n: number, a: any) => n + a.addresses.length, 0)
  const usernames = (spec.credential_lists ?? []).reduce((n: number, c: any) => n + c.usernames.length, 0)
  if (addresses === 0 && usernames === 0)
    out.push({ path: 'termination_auth', message: 'No IP address and no username authenticates this trunk: Twilio refuses every call your PBX or SBC sends through it (termination)', severity: 'warning' })
  if (spec.recording?.mode && spec.recording.mode !== 'do-not-record')
    out.push({ path: 'recording.mode', message: 'Trunk recording records every call on the trunk.', severity: 'warning' })
  return out
}

export function fakeCheck(kind: string, values: string[]): { value: string; normalized: string | null; issues: FakeIssue[] }[] {
  return values.map((value) => {
    if (kind === 'ip_or_cidr') {
      if (/^10\./.test(value) || /^192\.168\./.test(value))
        return { value, normalized: null, issues: [{ path: '', severity: 'error', message: `\`${value}\` is a private address. Twilio can only reach public IPv4 addresses — use your SBC's public address.` }] }
      if (!/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(value))
        return { value, normalized: null, issues: [{ path: '', severity: 'error', message: `\`${value}\` is not an IPv4 address or CIDR block.` }] }
      return { value, normalized: value, issues: [] }
    }
    if (kind === 'e164') {
      const digits = value.replace(/[^\d+]/g, '')
      const n = digits.startsWith('+') ? digits : `+1${digits}`
      if (!/^\+\d{8,15}$/.test(n)) return { value, normalized: null, issues: [{ path: '', severity: 'error', message: `\`${value}\` is not a phone number.` }] }
      return { value, normalized: n, issues: [] }
    }
    if (kind === 'username') {
      if (!/^[A-Za-z0-9._-]+$/.test(value)) return { value, normalized: null, issues: [{ path: '', severity: 'error', message: `\`${value}\` has characters a SIP username cannot have.` }] }
      return { value, normalized: value, issues: [] }
    }
    if (kind === 'password') {
      const ok = value.length >= 12 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)
      return {
        value: '••••••',
        normalized: ok ? '••••••' : null,
        issues: ok ? [] : [{ path: '', severity: 'error', message: 'A SIP password needs at least 12 characters with an upper-case letter, a lower-case letter and a digit.' }],
      }
    }
    return { value, normalized: value, issues: [] }
  })
}

export const demoInventory = {
  trunks: [
    {
      sid: 'TK00000000000000000000000000000001',
      friendly_name: 'Office PBX',
      domain_name: 'office-pbx.pstn.twilio.com',
      secure: false,
      ip_acl_sids: ['AL00000000000000000000000000000001'],
      credential_list_sids: [],
      origination_urls: [{ sid: 'OU00000000000000000000000000000001', friendly_name: 'Primary', sip_url: 'sip:pbx.example.com', priority: 10, weight: 10, enabled: true }],
      number_sids: ['PN00000000000000000000000000000000'],
    },
  ],
  byoc_trunks: [],
  sip_domains: [],
  ip_acls: [{ sid: 'AL00000000000000000000000000000001', friendly_name: 'Office addresses', addresses: ['203.0.113.10'], used_by: ['TK00000000000000000000000000000001'] }],
  credential_lists: [],
  numbers: Array.from({ length: 25 }, (_, i) => ({
    sid: `PN${String(i).padStart(32, '0')}`,
    phone_number: `+1415555${String(1000 + i)}`,
    friendly_name: `Line ${i}`,
    trunk_sid: i === 0 ? 'TK00000000000000000000000000000001' : null,
    voice_url: i === 1 ? 'https://demo.twilio.com/welcome/voice/' : null,
  })),
}

export const elasticPlan = {
  plan_id: 'plan-1',
  title: "Elastic SIP trunk 'Acme'",
  empty: false,
  issues: [],
  steps: [
    { id: 0, kind: 'create', description: "Create trunk 'Acme'", params: { FriendlyName: 'Acme', DomainName: 'acme.pstn.twilio.com' }, depends_on: [] },
    { id: 1, kind: 'create', description: "Create IP access control list 'Acme addresses'", params: {}, depends_on: [] },
    { id: 2, kind: 'associate', description: "Attach 'Acme addresses' to the trunk", params: {}, depends_on: [0, 1] },
    { id: 3, kind: 'satisfied', description: "Number +14155551002 already exists", params: {}, depends_on: [] },
  ],
}

export const okRun = [
  { event: 'run_started', run_id: 'run-1', steps: 3 },
  { event: 'step_started', id: 0, description: "Create trunk 'Acme'" },
  { event: 'step_succeeded', id: 0, sid: 'TK11111111111111111111111111111111' },
  { event: 'step_started', id: 1, description: "Create IP access control list 'Acme addresses'" },
  { event: 'step_succeeded', id: 1, sid: 'AL11111111111111111111111111111111' },
  { event: 'step_started', id: 2, description: "Attach 'Acme addresses' to the trunk" },
  { event: 'step_succeeded', id: 2 },
  { event: 'finished', ok: true, rolled_back: false },
]

export const failedRun = [
  { event: 'run_started', run_id: 'run-2', steps: 3 },
  { event: 'step_started', id: 0, description: "Create trunk 'Acme'" },
  { event: 'step_succeeded', id: 0, sid: 'TK11111111111111111111111111111111' },
  { event: 'step_started', id: 1, description: "Create IP access control list 'Acme addresses'" },
  { event: 'step_succeeded', id: 1, sid: 'AL11111111111111111111111111111111' },
  { event: 'step_started', id: 2, description: "Attach 'Acme addresses' to the trunk" },
  { event: 'step_failed', id: 2, error: 'Twilio is having trouble (HTTP 500) attaching the list.' },
  { event: 'rollback_started', reason: 'Twilio is having trouble (HTTP 500) attaching the list.' },
  { event: 'step_reverted', id: 1, description: "Delete IP access control list 'Acme addresses'" },
  { event: 'step_reverted', id: 0, description: "Delete trunk 'Acme'" },
  { event: 'finished', ok: false, rolled_back: true },
]

export const elasticSheet = {
  title: "Elastic SIP trunk 'Acme' — settings for your SBC",
  sections: [
    {
      title: 'Send outgoing calls to',
      rows: [
        { label: 'Termination URI', value: 'acme.pstn.twilio.com', copy: true, note: null },
        { label: 'Ashburn (US)', value: 'acme.pstn.ashburn.twilio.com', copy: true, note: 'nearest edge for US East' },
      ],
    },
    { title: 'Allow Twilio through your firewall', rows: [{ label: 'Signalling', value: '54.172.60.0/30', copy: true, note: null }] },
  ],
  checklist: ['Allow the signalling and media ranges on your firewall.', 'Point your PBX trunk at acme.pstn.twilio.com.'],
}

/** Handlers for the whole Elastic flow on the demo; override any of them per test. */
export function wizardHandlers(over: Record<string, Handler> = {}): Record<string, Handler> {
  const passwords = new Set<string>()
  let draft: unknown = null
  return {
    current_session: () => demoSession,
    list_profiles: () => ({ profiles: [] }),
    load_numbers: (args) => {
      stream(args, [{ event: 'started' }, page(1, 0, 25), { event: 'finished', total: 25 }])
      return { total: 25, pages: 1 }
    },
    validate_spec: (args) => fakeValidate(arg(args, 'spec')),
    check_items: (args) => fakeCheck(arg(args, 'kind'), arg(args, 'values')),
    domain_available: (args) => {
      const label = arg<string>(args, 'label')
      const domain = `${label}.pstn.twilio.com`
      return label === 'office-pbx'
        ? { label, domain, available: false, message: `${domain} is already used by the trunk “Office PBX” on this account: choose another label.` }
        : { label, domain, available: true, message: `${domain} is free on this account.` }
    },
    set_sip_password: (args) => {
      passwords.add(`${arg(args, 'list')}/${arg(args, 'username')}`)
      return null
    },
    password_status: (args) => arg<string[]>(args, 'usernames').map((u) => ({ username: u, set: passwords.has(`${arg(args, 'list')}/${u}`) })),
    load_inventory: (args) => {
      streamEvents(args, [
        { event: 'reading', what: 'trunks' },
        { event: 'numbers_page', page: 1, numbers: demoInventory.numbers, loaded: 25 },
        { event: 'finished', trunks: 1, numbers: 25 },
      ])
      return demoInventory
    },
    plan_spec: () => elasticPlan,
    apply_plan: (args) => {
      streamEvents(args, okRun)
      return { ok: true, rolled_back: false, created: [{ description: "Trunk 'Acme'", sid: 'TK11111111111111111111111111111111' }], error: null }
    },
    cancel_apply: () => null,
    pending_run: () => null,
    done_sheet: () => elasticSheet,
    export_spec: () => 'version = 1\nkind = "elastic_trunk"\nname = "Acme"\n',
    save_sheet: (args) => ({ path: `/home/me/Downloads/switchboard/acme.${arg(args, 'format')}` }),
    save_draft: (args) => {
      draft = arg(args, 'draft')
      return null
    },
    load_draft: () => draft,
    clear_draft: () => {
      draft = null
      return null
    },
    ...over,
  }
}

// ---------------------------------------------------------------------------------------------
// BYOC: calls from the carrier (`inbound`).

/**
 * A few of Rust's `inbound.*` rules for a BYOC spec (stand-ins, like `fakeValidate`; the real
 * ones are tested in crates/core/src/router/inbound.rs).
 */
export function fakeValidateByocInbound(spec: Record<string, any>): FakeIssue[] {
  const out: FakeIssue[] = []
  const i = spec.inbound
  if (spec.kind !== 'byoc' || !i) return out
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?\.sip\.twilio\.com$/.test(i.sip_domain))
    out.push({ path: 'inbound.sip_domain', message: `\`${i.sip_domain}\` is not a valid SIP domain: use letters, digits and dashes, then .sip.twilio.com.`, severity: 'error' })
  if (i.carrier_ips.length === 0)
    out.push({ path: 'inbound.carrier_ips', message: 'No carrier addresses: Twilio needs the addresses the carrier sends calls from to know they belong to this domain.', severity: 'error' })
  i.carrier_ips.forEach((a: string, n: number) => {
    const first = i.carrier_ips.indexOf(a)
    if (first !== n) out.push({ path: `inbound.carrier_ips[${n}]`, message: `${a} is already in row ${first + 1}: each address once.`, severity: 'error' })
  })
  return out
}

/** `domain_available` for SIP domains: `acme-sip` is taken on this account, others are free. */
export function sipDomainAvailable(args: Record<string, unknown>) {
  const label = arg<string>(args, 'label')
  const domain = `${label}.sip.twilio.com`
  return label === 'acme-sip'
    ? { label, domain, available: false, message: `${domain} is already used by the SIP domain 'Acme' (SD00000000000000000000000000000001) on this account.` }
    : { label, domain, available: true, message: `${domain} is free on this account.` }
}
