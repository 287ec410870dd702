// The Elastic SIP trunk flow's steps in the frame with a scripted backend: the start page, then
// each step's messages next to their field (from the backend's issues and item checks) and the
// gates' reasons, from the trunk to the options. The plan, the apply, the sheet, drafts, the
// inventory and an interrupted run are in elastic-run.test.ts; the walk is in elastic-walk.ts.
import { fireEvent, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import { $, type } from './dom'
import { next, nextEnabled, reason, resetApp, throughAuth, toOptions, toStart, toStep } from './elastic-walk'
import { arg } from './mock-backend'

afterEach(resetApp)

describe('start page', () => {
  it('lists the Elastic flow and the inventory after connecting, and the flow shows its steps in the rail', async () => {
    const { c } = await toStart()
    expect($(c, '.rail li.current')?.getAttribute('data-step')).toBe('start')
    expect($(c, '#open-inventory')).not.toBeNull()
    await fireEvent.click($(c, '#flow-elastic')!)
    await toStep(c, 'trunk')
    expect([...c.querySelectorAll('.rail li')].map((l) => l.getAttribute('data-step'))).toEqual([
      'trunk', 'auth', 'origination', 'numbers', 'options', 'review', 'apply', 'done',
    ])
    expect($(c, '#rail-title')?.textContent).toBe('Elastic SIP Trunk')
  })
})

describe('trunk step', () => {
  it('suggests the label from the name, says a taken address is taken, and names the empty name', async () => {
    const { c, calls } = await toStart()
    await fireEvent.click($(c, '#flow-elastic')!)
    await toStep(c, 'trunk')
    // Empty name: Rust's message under the name field, Next disabled with the same reason.
    await waitFor(() => expect($(c, '#trunk-name-issues')?.textContent).toContain('The name is empty'))
    expect($(c, '#trunk-name-issues')?.getAttribute('aria-live')).toBe('polite')
    expect($(c, '#trunk-name')?.getAttribute('aria-describedby')).toContain('trunk-name-issues')
    expect(next(c).disabled).toBe(true)

    await type(c, '#trunk-name', 'Office PBX')
    expect(($(c, '#termination-label') as HTMLInputElement).value).toBe('office-pbx')
    await waitFor(() => expect($(c, '#termination-availability')?.textContent).toContain('already used by the trunk “Office PBX”'))
    expect(calls.some((x) => x.cmd === 'domain_available' && arg(x.args, 'label') === 'office-pbx')).toBe(true)
    await waitFor(() => expect(reason(c)).toContain('already used'))
    expect(next(c).disabled).toBe(true)

    await type(c, '#termination-label', 'acme-hq')
    await waitFor(() => expect($(c, '#termination-availability')?.textContent).toContain('acme-hq.pstn.twilio.com is free'))
    await nextEnabled(c)
  })

  it('shows a bad disaster-recovery URL next to its field', async () => {
    const { c } = await toStart()
    await fireEvent.click($(c, '#flow-elastic')!)
    await toStep(c, 'trunk')
    await type(c, '#trunk-name', 'Acme')
    await type(c, '#trunk-dr-url', 'ftp://x')
    await waitFor(() => expect($(c, '#trunk-dr-url-issues')?.textContent).toContain('must start with https://'))
    expect($(c, '#trunk-dr-url')?.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(reason(c)).toContain('must start with https://'))
  })
})

describe('termination auth step', () => {
  it('needs at least one method, splits pasted addresses into chips and lists the rejected ones with why', async () => {
    const { c, calls } = await toStart()
    await fireEvent.click($(c, '#flow-elastic')!)
    await type(c, '#trunk-name', 'Acme')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'auth')
    await waitFor(() => expect(reason(c)).toContain('No IP address and no username authenticates this trunk'))
    expect($(c, '#auth-none')).not.toBeNull()

    await fireEvent.click($(c, '#use-acl')!)
    expect(($(c, '#acl-name') as HTMLInputElement).value).toBe('Acme addresses')
    // Pasted lines are split at once (commas, new lines, spaces).
    const input = $(c, '#acl-addresses-input') as HTMLInputElement
    await fireEvent.paste(input, { clipboardData: { getData: () => '203.0.113.10, 10.0.0.5\n198.51.100.0/30 nonsense' } })
    await waitFor(() => expect(c.querySelectorAll('#acl-addresses .chip')).toHaveLength(2))
    const rejected = [...c.querySelectorAll('#acl-addresses .rejected-item')]
    expect(rejected.map((r) => r.getAttribute('data-value'))).toEqual(['10.0.0.5', 'nonsense'])
    expect(rejected[0].textContent).toContain('is a private address. Twilio can only reach public IPv4 addresses')
    const check = calls.find((x) => x.cmd === 'check_items')!
    expect(arg(check.args, 'kind')).toBe('ip_or_cidr')
    expect(arg(check.args, 'values')).toEqual(['203.0.113.10', '10.0.0.5', '198.51.100.0/30', 'nonsense'])
    await nextEnabled(c)
  })

  it('generates a password for each username, hands it to Rust once and then shows only "set"', async () => {
    const { c, calls } = await toStart()
    await fireEvent.click($(c, '#flow-elastic')!)
    await type(c, '#trunk-name', 'Acme')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'auth')
    await fireEvent.click($(c, '#use-credentials')!)
    await type(c, '#cred-usernames-input', 'pbx')
    await fireEvent.click($(c, '#cred-usernames-add')!)
    const value = await waitFor(() => {
      const v = $(c, '#pw-pbx-value') as HTMLInputElement
      expect(v).not.toBeNull()
      return v
    })
    expect(value.type).toBe('password')
    expect(value.value).toMatch(/^[A-Za-z0-9]{20}$/)
    const set = calls.find((x) => x.cmd === 'set_sip_password')!
    expect(arg(set.args, 'list')).toBe('Acme users')
    expect(arg(set.args, 'username')).toBe('pbx')
    expect(arg(set.args, 'password')).toBe(value.value)
    await fireEvent.click($(c, '#pw-pbx-show')!)
    expect(value.type).toBe('text')
    await nextEnabled(c)
    await fireEvent.click($(c, '#pw-pbx-done')!)
    expect($(c, '#pw-pbx-set')?.textContent).toBe('•••• set')
    expect($(c, '#pw-pbx-value')).toBeNull()

    // Typing one's own: Rust's rule is shown as you type, and a weak one is never sent.
    await fireEvent.click($(c, '#pw-pbx-own')!)
    await type(c, '#pw-pbx-typed', 'short')
    await waitFor(() => expect($(c, '#pw-pbx-issues')?.textContent).toContain('at least 12 characters'))
    expect(($(c, '#pw-pbx-use') as HTMLButtonElement).disabled).toBe(true)
    expect(calls.filter((x) => x.cmd === 'set_sip_password')).toHaveLength(1)
  })
})

describe('origination step', () => {
  it('shows a bad SIP URI next to its field and the failover order with shares', async () => {
    const { c } = await toStart()
    await throughAuth(c)
    await type(c, '#orig-0-url', 'pbx.example.com')
    await waitFor(() => expect($(c, '#orig-0-url-issues')?.textContent).toContain('is not a SIP URI'))
    await waitFor(() => expect(reason(c)).toContain('is not a SIP URI'))
    await type(c, '#orig-0-url', 'sip:pbx.example.com')
    await fireEvent.click($(c, '#orig-add')!)
    await type(c, '#orig-1-url', 'sip:backup.example.com')
    await type(c, '#orig-1-priority', '10')
    await type(c, '#orig-1-weight', '30')
    await waitFor(() => {
      const shares = [...c.querySelectorAll('#orig-failover .share')].map((s) => s.getAttribute('data-share'))
      expect(shares).toEqual(['75', '25'])
    })
    expect($(c, '#orig-failover figcaption')?.textContent).toContain('priority is the order')
    await type(c, '#orig-1-priority', '20')
    await waitFor(() => expect(c.querySelectorAll('#orig-failover .tier')).toHaveLength(2))
    await nextEnabled(c)
  })
})

describe('numbers step', () => {
  it('searches the account, adds pasted numbers, refuses ones not on the account and warns about voice URLs', async () => {
    const { c } = await toStart()
    await throughAuth(c)
    await type(c, '#orig-0-url', 'sip:pbx.example.com')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'numbers')
    await waitFor(() => expect($(c, '#numbers-shown')?.textContent).toBe('25 of 25 shown'))
    await type(c, '#numbers-search', '1001')
    await waitFor(() => expect($(c, '#numbers-shown')?.textContent).toBe('1 of 25 shown'))
    const box = $(c, '[data-e164="+14155551001"] input') as HTMLInputElement
    await fireEvent.click(box)
    await waitFor(() => expect($(c, '#numbers-chosen')?.textContent).toContain('1 number chosen'))
    // The number answered with a voice URL: the warning names it.
    await waitFor(() => expect($(c, '#voice-url-list')?.textContent).toContain('https://demo.twilio.com/welcome/voice/'))
    expect($(c, '#voice-url-warning')?.textContent).toContain('stops using its own voice URL')

    await type(c, '#numbers-paste-input', '(415) 555-1002; +14155550000; abc')
    await fireEvent.click($(c, '#numbers-paste-add')!)
    await waitFor(() => expect($(c, '#numbers-chosen')?.textContent).toContain('2 numbers chosen'))
    const rejected = [...c.querySelectorAll('#numbers-paste .rejected-item')]
    expect(rejected.map((r) => r.getAttribute('data-value'))).toEqual(['+14155550000', 'abc'])
    expect(rejected[0].textContent).toContain('is not on this account')
    expect(rejected[1].textContent).toContain('is not a phone number')
    await nextEnabled(c)
  })
})

describe('options step', () => {
  it('warns that trunk recording records every call, and always notes symmetric RTP and codecs', async () => {
    const { c } = await toStart()
    await toOptions(c)
    expect($(c, '#recording-warning')).toBeNull()
    expect($(c, '#symmetric-rtp-note')?.textContent).toContain('only be switched in the Twilio Console')
    expect($(c, '#codec-note')?.textContent).toContain('G.711')
    const select = $(c, '#recording-mode') as HTMLSelectElement
    await fireEvent.change(select, { target: { value: 'record-from-answer' } })
    await waitFor(() => expect($(c, '#recording-warning')?.textContent).toContain('This records every call on the trunk'))
    await waitFor(() => expect($(c, '#recording-issues')?.textContent).toContain('records every call'))
    expect($(c, '#recording-trim')).not.toBeNull()
    await nextEnabled(c)
  })
})
