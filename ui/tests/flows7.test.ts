// The BYOC and SIP phones flows' own steps with a scripted backend: Rust's messages land next to
// the field they are about, the gates say why Next waits, the router table edits `spec.router`,
// the dial plan step shows the parse error's column, the simulator and the findings, and the
// test call shows each status until the final one.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import TestCallPanel from '../src/flows/byoc/TestCallPanel.svelte'
import Targets from '../src/flows/byoc/Targets.svelte'
import ByocDone from '../src/flows/byoc/Done.svelte'
import Routing from '../src/flows/byoc/Routing.svelte'
import Trunk from '../src/flows/byoc/Trunk.svelte'
import { policyGate, targetsGate, trunkGate } from '../src/flows/byoc/model'
import RouterTable from '../src/flows/router/RouterTable.svelte'
import DialPlanStep from '../src/flows/sip/DialPlanStep.svelte'
import Done from '../src/flows/sip/Done.svelte'
import { dialPlanGate } from '../src/flows/sip/dialplan.svelte'
import { domainGate, phoneUris, phonesGate, sip } from '../src/flows/sip/model'
import { holdPassword } from '../src/flows/sip/passwords'
import App from '../src/App.svelte'
import { app, numbers } from '../src/lib/app.svelte'
import { flowFor, setIssues } from './flows7-state.svelte'
import { type Call, arg, backend, demoInventory, fakeCheck, streamEvents, wizardHandlers } from './mock-backend'

afterEach(() => {
  cleanup()
  numbers.list = []
})

type C = HTMLElement
const $ = (c: C, css: string) => c.querySelector(css) as HTMLElement | null
const text = (c: C, css: string) => $(c, css)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

async function type(c: C, css: string, value: string) {
  const el = await waitFor(() => {
    const e = $(c, css)
    expect(e, css).not.toBeNull()
    return e as HTMLInputElement
  })
  await fireEvent.input(el, { target: { value } })
}

describe('BYOC steps', () => {
  it('puts the SIP URI message under its target and the gates say why Next waits', async () => {
    const flow = flowFor('byoc')
    expect(policyGate(flow)).toEqual({ ok: false, reason: 'Give the carrier connection a name.' })
    const { container: c } = render(Targets, { props: { flow } })
    // A first, empty target with the usual defaults is there to fill in.
    expect(($(c, '#target-0-priority') as HTMLInputElement).value).toBe('10')
    expect(($(c, '#target-0-weight') as HTMLInputElement).value).toBe('10')
    await type(c, '#target-0-url', 'sbc1.carrier.example.com')
    expect((flow.spec as any).connection_policy.targets[0].sip_url).toBe('sbc1.carrier.example.com')
    const message = '`sbc1.carrier.example.com` is not a SIP URI: write it as sip:host[:port], e.g. sip:sbc1.carrier.example.com.'
    setIssues(flow, [{ path: 'connection_policy.targets[0].sip_url', message, severity: 'error' }])
    await waitFor(() => expect(text(c, '#target-0-url-issues')).toContain(message))
    expect($(c, '#target-0-url')?.getAttribute('aria-invalid')).toBe('true')
    expect(targetsGate(flow)).toEqual({ ok: false, reason: `Fix the problem marked above: ${message}` })

    setIssues(flow, [])
    await fireEvent.click($(c, '#target-0-enabled')!)
    expect(targetsGate(flow).reason).toContain('At least one address must be in use')
    await fireEvent.click($(c, '#target-0-enabled')!)
    expect(targetsGate(flow)).toEqual({ ok: true })
    await fireEvent.click($(c, '#target-add')!)
    expect((flow.spec as any).connection_policy.targets[1].priority).toBe(20)
  })

  it('keeps empty optional URLs out of the spec and shows the trunk messages next to them', async () => {
    const flow = flowFor('byoc', (s) => (s.connection_policy.name = 'Acme'))
    const { container: c } = render(Trunk, { props: { flow } })
    await type(c, '#byoc-name', 'Acme trunk')
    await type(c, '#byoc-voice-url', 'ftp://example.com')
    await type(c, '#byoc-fallback-url', '   ')
    const t = (flow.spec as any).trunk
    expect(t.voice_url).toBe('ftp://example.com')
    expect(t.fallback_url).toBeUndefined()
    const message = '`ftp://example.com` is not a web address Twilio can call: it must start with https:// or http://.'
    setIssues(flow, [{ path: 'trunk.voice_url', message, severity: 'error' }])
    await waitFor(() => expect(c.textContent).toContain(message))
    expect(trunkGate(flow).ok).toBe(false)
    setIssues(flow, [])
    expect(trunkGate(flow)).toEqual({ ok: true })
  })
})

describe('BYOC done', () => {
  it('names where the carrier sends calls and fills the test call with the trunk just made', async () => {
    backend({ done_sheet: () => ({ title: "Done: BYOC trunk 'Acme'", sections: [], checklist: [] }) })
    const flow = flowFor('byoc', (s) => {
      s.connection_policy = { name: 'Acme', targets: [{ sip_url: 'sip:sbc1.carrier.example.com', priority: 10, weight: 10, enabled: true }] }
      s.trunk.name = 'Acme'
      s.trunk.from_domain = 'acme.sip.twilio.com'
    })
    flow.outcome = { ok: true, rolled_back: false, created: [{ description: "BYOC trunk 'Acme'", sid: 'BY00000000000000000000000000000009' }], error: null }
    const { container: c } = render(ByocDone, { props: { flow } })
    expect(text(c, '#done-invite-host')).toBe('acme.sip.twilio.com')
    expect(text(c, '#done-inbound')).toContain('Source IP Mapping')
    expect(($(c, '#test-trunk') as HTMLInputElement).value).toBe('BY00000000000000000000000000000009')
  })

  it('says plainly when the carrier has no Twilio address yet', () => {
    backend({ done_sheet: () => ({ title: 'x', sections: [], checklist: [] }) })
    const flow = flowFor('byoc', (s) => (s.trunk.name = 'Acme'))
    flow.outcome = { ok: true, rolled_back: false, created: [{ description: 'x', sid: 'BY00000000000000000000000000000009' }], error: null }
    const { container: c } = render(ByocDone, { props: { flow } })
    expect(text(c, '#done-invite-none')).toContain('no Twilio address')
  })
})

describe('router table', () => {
  it('turns routing on with a default row, adds account numbers, and shows each row’s messages', async () => {
    numbers.list = [
      { sid: 'PN00000000000000000000000000000001', phoneNumber: '+14155550100', friendlyName: 'Sales' },
      { sid: 'PN00000000000000000000000000000002', phoneNumber: '+14155550101', friendlyName: 'Support' },
    ]
    const flow = flowFor('byoc')
    const { container: c } = render(RouterTable, { props: { flow, serviceName: 'byoc-router-acme' } })
    expect($(c, '#router-off-hint')).not.toBeNull()
    await fireEvent.click($(c, '#router-on')!)
    const router = () => (flow.spec as any).router
    expect(router()).toEqual({ service_name: 'byoc-router-acme', rows: [], default: { kind: 'webhook', url: '' } })

    await fireEvent.click($(c, '#route-add')!)
    expect(router().rows[0].number).toBe('+14155550100')
    await fireEvent.click($(c, '#route-add')!)
    expect(router().rows[1].number).toBe('+14155550101')

    // A Studio flow for the first number: the destination takes its shape.
    const kind = $(c, '#route-kind-0') as HTMLSelectElement
    kind.value = 'studio_flow'
    await fireEvent.change(kind)
    await type(c, '#route-value-0', 'FW123')
    expect(router().rows[0].destination).toEqual({ kind: 'studio_flow', flow_sid: 'FW123' })
    await type(c, '#route-value-default', 'https://example.com/main')
    expect(router().default).toEqual({ kind: 'webhook', url: 'https://example.com/main' })

    setIssues(flow, [
      { path: 'router.rows[0].destination.flow_sid', message: '`FW123` is not a Studio flow SID: FW followed by 32 hex digits.', severity: 'error' },
      { path: 'router.rows[1].number', message: '+14155550101 is listed twice: each number can go to one place.', severity: 'error' },
    ])
    await waitFor(() => expect(text(c, '#route-value-0-issue')).toContain('`FW123` is not a Studio flow SID'))
    expect(text(c, '#route-number-1-issue')).toContain('listed twice')
    expect(text(c, '#route-number-0-issue')).toBe('')

    await fireEvent.click($(c, '#route-remove-0')!)
    expect(router().rows.map((r: any) => r.number)).toEqual(['+14155550101'])
    await fireEvent.click($(c, '#router-on')!)
    expect(router()).toBeUndefined()
  })

  it('moves the trunk’s voice URL into the default row while routing is on, and back', async () => {
    const flow = flowFor('byoc', (s) => {
      s.trunk.name = 'Acme Telecom'
      s.trunk.voice_url = 'https://example.com/voice'
    })
    const { container: c } = render(Routing, { props: { flow } })
    await fireEvent.click($(c, '#router-on')!)
    const s = flow.spec as any
    expect(s.trunk.voice_url).toBeUndefined()
    expect(s.router.default).toEqual({ kind: 'webhook', url: 'https://example.com/voice' })
    expect(s.router.service_name).toBe('byoc-router-acme-telecom')
    await type(c, '#route-value-default', 'https://example.com/other')
    await fireEvent.click($(c, '#router-on')!)
    expect(s.router).toBeUndefined()
    expect(s.trunk.voice_url).toBe('https://example.com/other')
  })

  it('offers the SIP phones as destinations in the SIP flow', async () => {
    const flow = flowFor('sip_phones', (s) => {
      s.domain = 'acme.sip.twilio.com'
      s.credential_lists[0].usernames = ['+14155550100']
    })
    expect(phoneUris(sip(flow))).toEqual([{ label: 'Phone +14155550100', uri: 'sip:+14155550100@acme.sip.twilio.com' }])
    const { container: c } = render(RouterTable, { props: { flow, serviceName: 'phones-router-acme', phones: phoneUris(sip(flow)) } })
    await fireEvent.click($(c, '#router-on')!)
    expect((flow.spec as any).router.default).toEqual({ kind: 'sip', uri: 'sip:+14155550100@acme.sip.twilio.com' })
    expect($(c, '#router-phones option')?.getAttribute('value')).toBe('sip:+14155550100@acme.sip.twilio.com')
  })
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

describe('test call', () => {
  it('shows Rust’s messages next to To and From, then every status until completed', async () => {
    numbers.list = [{ sid: 'PN00000000000000000000000000000001', phoneNumber: '+14155550100', friendlyName: 'Main' }]
    let attempt = 0
    const calls = backend({
      test_call: (args) => {
        attempt += 1
        if (attempt === 1)
          throw {
            code: 'invalid',
            message: 'The spec has 1 problem(s): to: …',
            field: 'to',
            issues: [{ path: 'to', message: '`4155550199` must be written in E.164 form: +14155550199', severity: 'error' }],
          }
        const sid = 'CA00000000000000000000000000000001'
        const ev = (status: string, final = false) => ({ callSid: sid, status, final, duration: final ? '3' : null })
        streamEvents(args, [ev('queued'), ev('ringing'), ev('in-progress'), ev('completed', true)])
        return ev('completed', true)
      },
    })
    const { container: c } = render(TestCallPanel, { props: { byocTrunkSid: 'BY00000000000000000000000000000001' } })
    expect(($(c, '#test-trunk') as HTMLInputElement).value).toBe('BY00000000000000000000000000000001')
    expect(($(c, '#test-from') as HTMLInputElement).value).toBe('+14155550100')
    await type(c, '#test-to', '4155550199')
    await fireEvent.click($(c, '#test-call-start')!)
    await waitFor(() => expect(text(c, '#test-to-issue')).toContain('must be written in E.164 form: +14155550199'))
    expect(text(c, '#test-from-issue')).toBe('')
    expect($(c, '#test-to')?.getAttribute('aria-invalid')).toBe('true')

    await type(c, '#test-to', '+14155550199')
    await fireEvent.click($(c, '#test-call-start')!)
    await waitFor(() => expect($(c, '#test-call-status')?.getAttribute('data-final')).toBe('true'))
    expect(text(c, '#test-call-status')).toBe('Completed: the call went through and ended normally (3 s)')
    const shown = [...c.querySelectorAll('#test-call-statuses li')].map((li) => li.getAttribute('data-status'))
    expect(shown).toEqual(['queued', 'ringing', 'in-progress', 'completed'])
    expect(text(c, '#test-to-issue')).toBe('')
    expect(calls.at(-1)?.args.request).toEqual({ to: '+14155550199', from: '+14155550100', byocTrunkSid: 'BY00000000000000000000000000000001' })
  })
})

describe('test call, as you type', () => {
  it('checks To and From live (E.164) and keeps the button off until they pass', async () => {
    backend({ check_items: (args) => fakeCheck(arg(args, 'kind'), arg(args, 'values')) })
    const { container: c } = render(TestCallPanel, { props: { byocTrunkSid: 'BY00000000000000000000000000000001' } })
    await type(c, '#test-from', '+14155550100')
    await type(c, '#test-to', '(415) 555-0199')
    await waitFor(() => expect(text(c, '#test-to-issue')).toContain('Write it in E.164 form: +14155550199'))
    expect(($(c, '#test-call-start') as HTMLButtonElement).disabled).toBe(true)
    await type(c, '#test-to', '+14155550199')
    await waitFor(() => expect(text(c, '#test-to-issue')).toBe(''))
    expect(($(c, '#test-call-start') as HTMLButtonElement).disabled).toBe(false)
  })
})

/** Every field on screen has a name a screen reader can say (a label or aria-label). */
function expectLabelled(c: C) {
  const fields = [...c.querySelectorAll('input, select, textarea')] as HTMLInputElement[]
  expect(fields.length).toBeGreaterThan(0)
  for (const f of fields) {
    const named = (f.labels?.length ?? 0) > 0 || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby')
    expect(named, `unlabelled field #${f.id} (${f.type})`).toBeTruthy()
  }
}

describe('labels', () => {
  it('every field of every BYOC and SIP phones step has a label', async () => {
    backend({
      check_dialplan: () => ({ syntax: 'cisco', error: null, normalized: '', rules: [], lints: [], dials: [] }),
      done_sheet: () => ({ title: 'x', sections: [], checklist: [] }),
      password_status: (args) => arg<string[]>(args, 'usernames').map((u) => ({ username: u, set: true })),
    })
    const byocFlow = flowFor('byoc')
    for (const step of byocFlow.def.steps.filter((s) => !['review', 'apply', 'done'].includes(s.id))) {
      const { container, unmount } = render(step.component, { props: { flow: byocFlow } })
      if (step.id === 'routing') await fireEvent.click($(container, '#router-on')!)
      if (step.id === 'routing') await fireEvent.click($(container, '#route-add')!)
      expectLabelled(container)
      unmount()
    }
    const sipFlow = flowFor('sip_phones', (s) => {
      s.domain = 'acme.sip.twilio.com'
      s.credential_lists[0].usernames = ['+14155550100']
    })
    for (const step of sipFlow.def.steps.filter((s) => !['review', 'apply', 'done'].includes(s.id))) {
      const { container, unmount } = render(step.component, { props: { flow: sipFlow } })
      expectLabelled(container)
      unmount()
    }
    const panel = render(TestCallPanel, { props: { byocTrunkSid: '' } })
    expectLabelled(panel.container)
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

describe('in the frame', () => {
  it('lists both flows on the start page and walks the BYOC flow’s first steps', async () => {
    backend(wizardHandlers())
    const { container: c } = render(App)
    await waitFor(() => expect(text(c, '#numbers-total')).toContain('25 numbers'))
    await fireEvent.click($(c, '#next')!)
    await fireEvent.click($(c, '#next')!)
    await waitFor(() => expect($(c, '#flow-byoc')).not.toBeNull())
    expect(text(c, '#flow-byoc')).toContain('BYOC trunk')
    expect(text(c, '#flow-sip_phones')).toContain('SIP phones')

    await fireEvent.click($(c, '#flow-byoc')!)
    await waitFor(() => expect($(c, '[data-flow-step="policy"]')).not.toBeNull())
    await waitFor(() => expect(text(c, '#next-reason')).toBe('Give the carrier connection a name.'))
    await type(c, '#policy-name', 'Acme Telecom')
    await waitFor(() => expect(($(c, '#next') as HTMLButtonElement).disabled).toBe(false))
    await fireEvent.click($(c, '#next')!)
    await waitFor(() => expect($(c, '[data-flow-step="targets"]')).not.toBeNull())
    expect($(c, '#target-0-url')).not.toBeNull()
    expect($(c, '#target-failover')).not.toBeNull()
    app.session = null
    app.step = 0
  }, 20000)
})
