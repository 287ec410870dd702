// The SIP phones flow's own steps with a scripted backend: the dial plan step shows the parse
// error's column, the simulator and the findings that block Next; the phones and domain gates
// wait for a password per phone and a free domain; the Done page gives the router's address and
// prints one provisioning sheet per phone (its password once).
import { cleanup, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import DialPlanStep from '../src/flows/sip/DialPlanStep.svelte'
import Done from '../src/flows/sip/Done.svelte'
import { dialPlanGate } from '../src/flows/sip/dialplan.svelte'
import { domainGate, phonesGate, sip } from '../src/flows/sip/model'
import { holdPassword } from '../src/flows/sip/passwords'
import { numbers } from '../src/lib/app.svelte'
import { $, text, type } from './dom'
import { flowFor } from './flows7-state.svelte'
import { type Call, arg, backend, demoInventory, streamEvents } from './mock-backend'

afterEach(() => {
  cleanup()
  numbers.list = []
})

const plan = '(911S0|933S0|1900xxxxxxx!|900xxxxxxx!|<:+1>[2-9]xxxxxxxxxS0|<1:+1>[2-9]xxxxxxxxxS0)'

function dialBackend(): Call[] {
  return backend({
    check_dialplan: (args) => {
      const req = arg<{ plan: string; country: string; dial: string[] }>(args, 'request')
      if (req.country !== 'US') throw { code: 'invalid_input', field: 'country', message: `\`${req.country}\` is not a region code` }
      if (req.plan.includes('[['))
        return { syntax: 'cisco', error: { column: req.plan.indexOf('[[') + 2, message: 'expected a digit, `x` or a range inside `[...]`' }, normalized: null, rules: [], lints: [], dials: [] }
      const missing = !req.plan.includes('911')
      return {
        syntax: 'cisco',
        error: null,
        normalized: req.plan,
        rules: ['911S0', '933S0', '1900xxxxxxx!', '900xxxxxxx!', '<:+1>[2-9]xxxxxxxxxS0', '<1:+1>[2-9]xxxxxxxxxS0'],
        lints: missing ? [{ code: 'emergency-missing', severity: 'error', message: 'No rule matches the emergency number 911 for US: add `911` as a rule so emergency calls go through.' }] : [],
        dials: req.dial.map((d) => ({
          digits: d,
          outcome: 'match',
          rule: 5,
          ruleText: '<:+1>[2-9]xxxxxxxxxS0',
          sent: `+1${d}`,
          e164: `+1${d}`,
          waitsForTimer: false,
          summary: `rule 5 (\`<:+1>[2-9]xxxxxxxxxS0\`) sends +1${d} → calls +1${d}`,
        })),
      }
    },
  })
}

describe('dial plan step', () => {
  it('simulates the suggested plan: dial 4155550100 → rule 5 → sends +14155550100', async () => {
    const calls = dialBackend()
    const flow = flowFor('sip_phones')
    const { container: c } = render(DialPlanStep, { props: { flow } })
    expect(($(c, '#dialplan-text') as HTMLTextAreaElement).value).toBe(plan)
    await waitFor(() => expect(text(c, '#dialplan-sim')).toBe('dial 4155550100 → rule 5 → sends +14155550100'))
    expect(calls.at(-1)?.args).toEqual({ request: { plan, country: 'US', dial: ['4155550100'] } })
    expect($(c, '#dialplan-rules li.hit')?.textContent).toBe('<:+1>[2-9]xxxxxxxxxS0')
    expect(text(c, '#dialplan-lints-none')).toContain('No problems found')
    expect(dialPlanGate(flow)).toEqual({ ok: true })
    expect(flow.data).not.toHaveProperty('password')
  })

  it('shows where a plan stops reading, and the findings that block Next', async () => {
    dialBackend()
    const flow = flowFor('sip_phones')
    const { container: c } = render(DialPlanStep, { props: { flow } })
    await type(c, '#dialplan-text', '(911|[[2-9]xx)')
    await waitFor(() => expect(text(c, '#dialplan-error')).toContain('Column 7: expected a digit'))
    expect($(c, '#dialplan-text')?.getAttribute('aria-invalid')).toBe('true')
    expect(dialPlanGate(flow).reason).toBe('The dial plan does not read at column 7: expected a digit, `x` or a range inside `[...]`')

    await type(c, '#dialplan-text', '(<:+1>[2-9]xxxxxxxxx)')
    await waitFor(() => expect(text(c, '#dialplan-lints')).toContain('emergency number 911'))
    expect(dialPlanGate(flow).reason).toContain('Fix the dial plan first: No rule matches the emergency number 911')

    await type(c, '#dialplan-country', 'zz')
    await waitFor(() => expect(text(c, '#dialplan-error')).toContain('`ZZ` is not a region code'))
    expect(dialPlanGate(flow).ok).toBe(false)
  })
})

describe('SIP phones', () => {
  it('waits for a password per phone and for a free domain', () => {
    const flow = flowFor('sip_phones')
    expect(phonesGate(flow).reason).toBe('Add at least one phone (its number as the username).')
    sip(flow).credential_lists[0].usernames = ['+14155550100', '+14155550101']
    flow.data.inKeychain = { 'Office phones/+14155550100': true }
    expect(phonesGate(flow).reason).toBe('Waiting for a password for +14155550101.')
    ;(flow.data.inKeychain as Record<string, boolean>)['Office phones/+14155550101'] = true
    expect(phonesGate(flow)).toEqual({ ok: true })
    // Drafts refuse anything whose key looks like a secret: the flow's own keys never do.
    expect(Object.keys(flow.data).filter((k) => /password|passwd|secret|token/i.test(k))).toEqual([])

    expect(domainGate(flow).reason).toContain('Choose the address your phones will register to')
    sip(flow).domain = 'acme.sip.twilio.com'
    flow.data.domain = { label: 'acme', domain: 'acme.sip.twilio.com', available: false, message: 'acme.sip.twilio.com is taken: choose another name.' }
    expect(domainGate(flow).reason).toBe('acme.sip.twilio.com is taken: choose another name.')
    flow.data.domain = { label: 'acme', domain: 'acme.sip.twilio.com', available: true, message: '' }
    expect(domainGate(flow)).toEqual({ ok: true })
    sip(flow).credential_lists[0].calls = false
    sip(flow).credential_lists[0].registrations = false
    expect(domainGate(flow).ok).toBe(false)
  })

  it('gives the router’s address for the numbers that should ring the phones', async () => {
    const { staleInventory } = await import('../src/inventory/store.svelte')
    staleInventory()
    backend({
      done_sheet: () => ({ title: 'x', sections: [], checklist: [] }),
      load_inventory: (args) => {
        streamEvents(args, [{ event: 'finished', trunks: 0, numbers: 0 }])
        return {
          ...demoInventory,
          sip_domains: [
            {
              sid: 'SD00000000000000000000000000000001',
              domain_name: 'acme.sip.twilio.com',
              friendly_name: null,
              voice_url: 'https://phones-router-acme-1234.twil.io/switchboard-router',
              registration: true,
              calls_credential_list_sids: [],
              calls_ip_acl_sids: [],
              registration_credential_list_sids: [],
            },
          ],
        }
      },
    })
    const flow = flowFor('sip_phones', (s) => {
      s.domain = 'acme.sip.twilio.com'
      s.credential_lists[0].usernames = ['+14155550100']
      s.router = { service_name: 'phones-router-acme', rows: [{ number: '+14155550150', destination: { kind: 'sip', uri: 'sip:+14155550100@acme.sip.twilio.com' } }], default: { kind: 'webhook', url: 'https://example.com/out' } }
    })
    const { container: c } = render(Done, { props: { flow } })
    expect(text(c, '#done-numbers')).toContain('+1 415 555 0150')
    await waitFor(() => expect(text(c, '#done-router-url')).toBe('https://phones-router-acme-1234.twil.io/switchboard-router'))
    staleInventory()
  })

  it('prints one sheet per phone with its password once, TLS and the dial plan', async () => {
    backend({ done_sheet: () => ({ title: 'Done: SIP domain acme.sip.twilio.com', sections: [], checklist: [] }) })
    const flow = flowFor('sip_phones', (s) => {
      s.domain = 'acme.sip.twilio.com'
      s.credential_lists[0].usernames = ['+14155550100', '+14155550101']
    })
    holdPassword('+14155550100', 'Generated-Pass-1234')
    const { container: c, unmount } = render(Done, { props: { flow } })
    const sheets = [...c.querySelectorAll('#provisioning-sheets .sheet')] as HTMLElement[]
    expect(sheets.map((s) => s.dataset.username)).toEqual(['+14155550100', '+14155550101'])
    expect(text(sheets[0], '[data-field=server]')).toBe('acme.sip.twilio.com')
    expect(text(sheets[0], '[data-field=transport]')).toContain('TLS, port 5061')
    expect(text(sheets[0], '[data-field=password]')).toBe('Generated-Pass-1234')
    expect(text(sheets[1], '[data-field=password]')).toContain('Switchboard does not keep it')
    expect(text(sheets[0], '[data-field=dialplan]')).toBe(plan)
    unmount()
    // Shown once: opening the page again no longer has it.
    const again = render(Done, { props: { flow } }).container
    expect(text(again.querySelector('.sheet') as HTMLElement, '[data-field=password]')).toContain('Switchboard does not keep it')
  })
})
