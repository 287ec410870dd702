// The BYOC flow's own steps with a scripted backend: Rust's messages land next to the field they
// are about, the gates say why Next waits, the Done page names where the carrier sends calls, the
// router table edits `spec.router` (in the BYOC and the SIP phones flow), and the BYOC flow's
// first steps in the frame. The SIP phones flow is in flows7-sip.test.ts, the test call and the
// labels of every step in flows7-call.test.ts.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import ByocDone from '../src/flows/byoc/Done.svelte'
import Routing from '../src/flows/byoc/Routing.svelte'
import Targets from '../src/flows/byoc/Targets.svelte'
import Trunk from '../src/flows/byoc/Trunk.svelte'
import { policyGate, targetsGate, trunkGate } from '../src/flows/byoc/model'
import RouterTable from '../src/flows/router/RouterTable.svelte'
import { phoneUris, sip } from '../src/flows/sip/model'
import App from '../src/App.svelte'
import { app, numbers } from '../src/lib/app.svelte'
import { $, text, type } from './dom'
import { flowFor, setIssues } from './flows7-state.svelte'
import { backend, wizardHandlers } from './mock-backend'

afterEach(() => {
  cleanup()
  numbers.list = []
})

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
