// The BYOC test call panel with a scripted backend (Rust's messages next to To and From, every
// status until the final one, the live E.164 check), and the labels check over every field of
// every BYOC and SIP phones step.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import TestCallPanel from '../src/flows/byoc/TestCallPanel.svelte'
import { numbers } from '../src/lib/app.svelte'
import { $, expectLabelled, text, type } from './dom'
import { flowFor } from './flows7-state.svelte'
import { arg, backend, fakeCheck, streamEvents } from './mock-backend'

afterEach(() => {
  cleanup()
  numbers.list = []
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
      expectLabelled(container, { nonEmpty: true })
      unmount()
    }
    const sipFlow = flowFor('sip_phones', (s) => {
      s.domain = 'acme.sip.twilio.com'
      s.credential_lists[0].usernames = ['+14155550100']
    })
    for (const step of sipFlow.def.steps.filter((s) => !['review', 'apply', 'done'].includes(s.id))) {
      const { container, unmount } = render(step.component, { props: { flow: sipFlow } })
      expectLabelled(container, { nonEmpty: true })
      unmount()
    }
    const panel = render(TestCallPanel, { props: { byocTrunkSid: '' } })
    expectLabelled(panel.container, { nonEmpty: true })
  })
})
