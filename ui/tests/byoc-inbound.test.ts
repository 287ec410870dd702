// The BYOC flow's "Receive calls from your carrier" section (spec `inbound`) with a scripted
// backend: off by default and then absent from the spec, Rust's messages next to the addresses
// and the domain, Next gated on them, a valid setup in the spec, and the done page saying what
// was set up.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import ByocDone from '../src/flows/byoc/Done.svelte'
import Routing from '../src/flows/byoc/Routing.svelte'
import { routingGate } from '../src/flows/byoc/model'
import { inventory } from '../src/inventory/store.svelte'
import type { FlowState } from '../src/lib/flow'
import { numbers } from '../src/lib/app.svelte'
import { flowFor, setIssues } from './flows7-state.svelte'
import { type Call, arg, backend, fakeCheck, fakeValidateByocInbound, sipDomainAvailable } from './mock-backend'

afterEach(() => {
  cleanup()
  numbers.list = []
  inventory.data = null
})

type C = HTMLElement
const $ = (c: C, css: string) => c.querySelector(css) as HTMLElement | null
const text = (c: C, css: string) => $(c, css)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

function scripted(): Call[] {
  return backend({
    check_items: (args) => fakeCheck(arg(args, 'kind'), arg(args, 'values')),
    domain_available: sipDomainAvailable,
  })
}

/** What the frame does after every edit: Rust re-validates the spec and the issues replace the old ones. */
function revalidate(flow: FlowState) {
  setIssues(flow, fakeValidateByocInbound(flow.spec as Record<string, any>))
}

const acme = (s: any) => {
  s.connection_policy = { name: 'Acme', targets: [{ sip_url: 'sip:sbc1.carrier.example.com', priority: 10, weight: 10, enabled: true }] }
  s.trunk.name = 'Acme Telecom'
  s.trunk.voice_url = 'https://example.com/voice'
}

describe('BYOC: receive calls from your carrier', () => {
  it('is off by default and then leaves inbound out of the spec', async () => {
    const calls = scripted()
    const flow = flowFor('byoc', acme)
    const { container: c } = render(Routing, { props: { flow } })
    const box = $(c, '#byoc-inbound-on') as HTMLInputElement
    expect(box).not.toBeNull()
    expect(box.checked).toBe(false)
    expect($(c, '#byoc-inbound-ips')).toBeNull()
    expect($(c, '#byoc-inbound-domain')).toBeNull()
    expect((flow.spec as any).inbound ?? null).toBeNull()
    expect(JSON.parse(JSON.stringify(flow.spec))).not.toHaveProperty('inbound')
    expect(text(c, '#byoc-inbound-help')).toContain('Twilio Console')
    expect(routingGate(flow)).toEqual({ ok: true })
    expect(calls.some((x) => x.cmd === 'domain_available')).toBe(false)

    // On, then off again: out of the spec again, and what was typed comes back when turned on.
    await fireEvent.click(box)
    expect((flow.spec as any).inbound).toEqual({ sip_domain: 'acme-telecom.sip.twilio.com', carrier_ips: [] })
    ;(flow.spec as any).inbound.carrier_ips.push('203.0.113.20')
    await fireEvent.click(box)
    expect((flow.spec as any).inbound).toBeUndefined()
    expect(JSON.parse(JSON.stringify(flow.spec))).not.toHaveProperty('inbound')
    await fireEvent.click(box)
    expect((flow.spec as any).inbound).toEqual({ sip_domain: 'acme-telecom.sip.twilio.com', carrier_ips: ['203.0.113.20'] })
  })

  it('shows a pasted private address’s error next to the addresses, and Rust’s messages next to each field', async () => {
    const calls = scripted()
    const flow = flowFor('byoc', acme)
    const { container: c } = render(Routing, { props: { flow } })
    await fireEvent.click($(c, '#byoc-inbound-on')!)
    await waitFor(() => expect($(c, '#byoc-inbound-ips-input')).not.toBeNull())

    // Nothing added yet: Rust says so next to the list and Next says why it waits.
    revalidate(flow)
    const none = 'No carrier addresses: Twilio needs the addresses the carrier sends calls from to know they belong to this domain.'
    await waitFor(() => expect(text(c, '#byoc-inbound-ips-list-issues')).toContain(none))
    expect(routingGate(flow)).toEqual({ ok: false, reason: `Fix the problem marked above: ${none}` })

    // A pasted private address is refused next to the field, with why; the public one is a chip.
    const input = $(c, '#byoc-inbound-ips-input')!
    await fireEvent.paste(input, { clipboardData: { getData: () => '10.0.0.5\n203.0.113.20' } })
    await waitFor(() => expect(text(c, '#byoc-inbound-ips-issues')).toContain('`10.0.0.5` is a private address'))
    expect(text(c, '#byoc-inbound-ips-issues')).toContain('public IPv4')
    expect(input.getAttribute('aria-describedby')).toContain('byoc-inbound-ips-issues')
    expect((flow.spec as any).inbound.carrier_ips).toEqual(['203.0.113.20'])
    expect(calls.some((x) => x.cmd === 'check_items' && arg(x.args, 'kind') === 'ip_or_cidr')).toBe(true)

    // A rule Rust finds on one address lands on that chip.
    const rowMessage = '203.0.113.20/32 is already in row 1: each address once.'
    setIssues(flow, [{ path: 'inbound.carrier_ips[0]', message: rowMessage, severity: 'error' }])
    await waitFor(() => expect(text(c, '#byoc-inbound-ips-chip-0')).toContain(rowMessage))
    expect(routingGate(flow)).toEqual({ ok: false, reason: `Fix the problem marked above: ${rowMessage}` })

    // A bad domain label: Rust's message under the domain field, marked invalid.
    const domain = $(c, '#byoc-inbound-domain') as HTMLInputElement
    await fireEvent.input(domain, { target: { value: 'acme_telecom' } })
    expect((flow.spec as any).inbound.sip_domain).toBe('acme_telecom.sip.twilio.com')
    revalidate(flow)
    await waitFor(() => expect(text(c, '#byoc-inbound-domain-issues')).toContain('`acme_telecom.sip.twilio.com` is not a valid SIP domain'))
    expect(domain.getAttribute('aria-invalid')).toBe('true')
    expect(routingGate(flow).ok).toBe(false)
  })

  it('puts a valid setup into the spec, with the domain checked against the account', async () => {
    const calls = scripted()
    const flow = flowFor('byoc', acme)
    const { container: c } = render(Routing, { props: { flow } })
    await fireEvent.click($(c, '#byoc-inbound-on')!)
    // The domain's label starts from the trunk's name, and is checked against the account.
    const domain = (await waitFor(() => $(c, '#byoc-inbound-domain'))) as HTMLInputElement
    expect(domain.value).toBe('acme-telecom')
    await waitFor(() => expect($(c, '#byoc-inbound-availability [data-available="true"]')).not.toBeNull(), { timeout: 2000 })
    expect(text(c, '#byoc-inbound-availability')).toContain('acme-telecom.sip.twilio.com is free')

    await fireEvent.input(domain, { target: { value: 'Acme-Carrier' } })
    await fireEvent.input($(c, '#byoc-inbound-ips-input')!, { target: { value: '203.0.113.20, 198.51.100.0/30' } })
    await fireEvent.click($(c, '#byoc-inbound-ips-add')!)
    await waitFor(() => expect((flow.spec as any).inbound.carrier_ips).toHaveLength(2))
    expect((flow.spec as any).inbound).toEqual({ sip_domain: 'acme-carrier.sip.twilio.com', carrier_ips: ['203.0.113.20', '198.51.100.0/30'] })
    await waitFor(() => expect(calls.some((x) => x.cmd === 'domain_available' && arg(x.args, 'label') === 'acme-carrier')).toBe(true), {
      timeout: 2000,
    })
    expect(calls.filter((x) => x.cmd === 'domain_available').every((x) => arg(x.args, 'kind') === 'sip_domain')).toBe(true)
    // What the frame sends to Rust (JSON) carries it.
    expect(JSON.parse(JSON.stringify(flow.spec)).inbound).toEqual({
      sip_domain: 'acme-carrier.sip.twilio.com',
      carrier_ips: ['203.0.113.20', '198.51.100.0/30'],
    })
    revalidate(flow)
    expect(flow.issues).toEqual([])
    expect(routingGate(flow)).toEqual({ ok: true })
  })

  it('says a domain already on the account is reused, not refused', async () => {
    scripted()
    inventory.data = {
      trunks: [],
      byoc_trunks: [],
      sip_domains: [
        {
          sid: 'SD00000000000000000000000000000001',
          domain_name: 'acme-sip.sip.twilio.com',
          friendly_name: 'Acme',
          voice_url: null,
          registration: false,
          calls_credential_list_sids: [],
          calls_ip_acl_sids: [],
          registration_credential_list_sids: [],
        },
      ],
      ip_acls: [],
      credential_lists: [],
      numbers: [],
    }
    const flow = flowFor('byoc', (s) => {
      acme(s)
      s.trunk.from_domain = 'acme-sip.sip.twilio.com'
    })
    const { container: c } = render(Routing, { props: { flow } })
    await fireEvent.click($(c, '#byoc-inbound-on')!)
    // With a from domain on the trunk, that is where the carrier's calls come in by default.
    expect((flow.spec as any).inbound.sip_domain).toBe('acme-sip.sip.twilio.com')
    await waitFor(() => expect($(c, '#byoc-inbound-availability [data-available="ours"]')).not.toBeNull(), { timeout: 2000 })
    expect(text(c, '#byoc-inbound-availability')).toContain('hands its calls to this BYOC trunk')
  })
})

describe('BYOC done with inbound', () => {
  it('says the domain and the address mappings were set up', () => {
    backend({ done_sheet: () => ({ title: 'x', sections: [], checklist: [] }) })
    const flow = flowFor('byoc', (s) => {
      acme(s)
      s.inbound = { sip_domain: 'acme-carrier.sip.twilio.com', carrier_ips: ['203.0.113.20', '198.51.100.0/30'] }
    })
    flow.outcome = { ok: true, rolled_back: false, created: [{ description: 'x', sid: 'BY00000000000000000000000000000009' }], error: null }
    const { container: c } = render(ByocDone, { props: { flow } })
    expect(text(c, '#done-invite-host')).toBe('acme-carrier.sip.twilio.com')
    expect(text(c, '#done-inbound-ips')).toBe('203.0.113.20, 198.51.100.0/30')
    expect(text(c, '#done-inbound-made')).toContain('Switchboard set up acme-carrier.sip.twilio.com')
    expect(text(c, '#done-inbound')).not.toContain('does not make these two settings')
    expect($(c, '#done-invite-none')).toBeNull()
  })
})
