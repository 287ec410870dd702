// The frame and the Elastic SIP trunk flow with a scripted backend: the start page, each step's
// messages next to their field (from the backend's issues and item checks), the gates' reasons,
// the plan, the apply with its rollback, the sheet, and drafts without secrets.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../src/App.svelte'
import { app } from '../src/lib/app.svelte'
import { staleInventory } from '../src/inventory/store.svelte'
import { type Call, arg, backend, elasticPlan, failedRun, streamEvents, wizardHandlers } from './mock-backend'

afterEach(() => {
  cleanup()
  app.session = null
  app.step = 0
  staleInventory()
})

type C = HTMLElement

const $ = (c: C, css: string) => c.querySelector(css) as HTMLElement | null
const next = (c: C) => $(c, '#next') as HTMLButtonElement
const reason = (c: C) => $(c, '#next-reason')?.textContent ?? ''

async function type(c: C, css: string, value: string) {
  const el = await waitFor(() => {
    const e = $(c, css)
    expect(e, css).not.toBeNull()
    return e as HTMLInputElement
  })
  await fireEvent.input(el, { target: { value } })
}

/** Every field on screen has a name a screen reader can say (a label or aria-label). */
function expectLabelled(c: C) {
  for (const el of c.querySelectorAll('input, select, textarea')) {
    const f = el as HTMLInputElement
    const named = (f.labels?.length ?? 0) > 0 || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby')
    expect(named, `unlabelled field #${f.id} (${f.type})`).toBeTruthy()
  }
}

async function nextEnabled(c: C) {
  expectLabelled(c)
  await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
}

/** Renders the app connected to the demo and walks to the start page. */
async function toStart(handlers = wizardHandlers()): Promise<{ c: C; calls: Call[] }> {
  const calls = backend(handlers)
  const { container } = render(App)
  await waitFor(() => expect($(container, '#numbers-total')?.textContent).toContain('25 numbers'))
  await fireEvent.click(next(container))
  await fireEvent.click(next(container))
  await waitFor(() => expect($(container, '#flow-elastic')).not.toBeNull(), { timeout: 10000 })
  return { c: container, calls }
}

async function toStep(c: C, id: string) {
  await waitFor(() => expect($(c, `[data-flow-step="${id}"]`)).not.toBeNull())
}

/** Fills the trunk and auth steps with valid values and stands on origination. */
async function throughAuth(c: C) {
  await fireEvent.click($(c, '#flow-elastic')!)
  await toStep(c, 'trunk')
  await type(c, '#trunk-name', 'Acme')
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'auth')
  await fireEvent.click($(c, '#use-acl')!)
  await type(c, '#acl-addresses-input', '203.0.113.10')
  await fireEvent.click($(c, '#acl-addresses-add')!)
  await waitFor(() => expect($(c, '#acl-addresses .chip')?.getAttribute('data-value')).toBe('203.0.113.10'))
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'origination')
}

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

async function toOptions(c: C) {
  await throughAuth(c)
  await type(c, '#orig-0-url', 'sip:pbx.example.com')
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'numbers')
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'options')
}

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

describe('review, apply and done', () => {
  it('shows the plan by kind, applies with SIDs, ends on the sheet, and the draft never held a password', async () => {
    const { c, calls } = await toStart()
    await fireEvent.click($(c, '#flow-elastic')!)
    await type(c, '#trunk-name', 'Acme')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'auth')
    await fireEvent.click($(c, '#use-credentials')!)
    await type(c, '#cred-usernames-input', 'pbx')
    await fireEvent.click($(c, '#cred-usernames-add')!)
    await waitFor(() => expect($(c, '#pw-pbx-value')).not.toBeNull())
    const password = ($(c, '#pw-pbx-value') as HTMLInputElement).value
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'origination')
    await type(c, '#orig-0-url', 'sip:pbx.example.com')
    for (const id of ['numbers', 'options', 'review']) {
      await nextEnabled(c)
      await fireEvent.click(next(c))
      await toStep(c, id)
    }
    await waitFor(() => expect($(c, '#plan-title')?.textContent).toBe(elasticPlan.title))
    const kinds = [...c.querySelectorAll('.plan-group')].map((g) => g.getAttribute('data-kind'))
    expect(kinds).toEqual(['create', 'associate', 'satisfied'])
    expect($(c, '.plan-group[data-kind=satisfied] h3')?.textContent).toContain('Already as wanted')
    expect(next(c).textContent).toBe('Apply')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'apply')
    await waitFor(() => expect($(c, '#apply-run')?.getAttribute('data-ok')).toBe('true'))
    expect($(c, '#apply-count')?.textContent?.trim()).toBe('3 of 3 steps')
    expect($(c, '.run-step[data-id="0"] .sid')?.textContent).toBe('TK11111111111111111111111111111111')
    expect($(c, '#back')).toBeNull()
    expect(calls.find((x) => x.cmd === 'apply_plan') && arg(calls.find((x) => x.cmd === 'apply_plan')!.args, 'planId')).toBe('plan-1')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'done')
    await waitFor(() => expect($(c, '#done-sheet')?.getAttribute('data-loaded')).toBe('true'))
    expect([...c.querySelectorAll('#done-sheet .copy-btn')].map((b) => b.getAttribute('data-copy'))).toContain('acme.pstn.twilio.com')
    expect($(c, '#done-sheet-checklist')?.textContent).toContain('Allow the signalling and media ranges')
    await fireEvent.click($(c, '#done-sheet-save-pdf')!)
    await waitFor(() => expect($(c, '.saved[data-format=pdf]')?.textContent).toContain('/home/me/Downloads/switchboard/acme.pdf'))
    expect(next(c).textContent).toBe('Finish')

    // Drafts were saved along the way and none held the password (nor a password-looking key).
    const drafts = calls.filter((x) => x.cmd === 'save_draft').map((x) => JSON.stringify(arg(x.args, 'draft')))
    expect(drafts.length).toBeGreaterThan(0)
    for (const d of drafts) {
      expect(d).not.toContain(password)
      expect(d.toLowerCase()).not.toContain('"password')
    }
    expect(calls.some((x) => x.cmd === 'clear_draft')).toBe(true)
    await fireEvent.click(next(c))
    await waitFor(() => expect($(c, '#flow-elastic')).not.toBeNull())
  })

  it('a late failure shows what failed in plain words and the rollback step by step', async () => {
    const handlers = wizardHandlers({
      plan_spec: () => ({ ...elasticPlan, plan_id: 'plan-2' }),
      apply_plan: (args) => {
        streamEvents(args, failedRun)
        return { ok: false, rolled_back: true, created: [], error: 'Twilio is having trouble (HTTP 500) attaching the list.' }
      },
    })
    const { c } = await toStart(handlers)
    await toOptions(c)
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'review')
    await nextEnabled(c)
    await fireEvent.click(next(c))
    await toStep(c, 'apply')
    await waitFor(() => expect($(c, '#apply-result')?.getAttribute('data-result')).toBe('rolled_back'))
    expect($(c, '#apply-rollback')?.textContent).toContain('undoing what this run created')
    expect($(c, '.run-step[data-id="2"]')?.getAttribute('data-state')).toBe('failed')
    expect($(c, '.run-step[data-id="2"] .note')?.textContent).toContain('HTTP 500')
    expect([...c.querySelectorAll('.run-step[data-state=reverted]')].map((s) => s.getAttribute('data-id'))).toEqual(['0', '1'])
    expect($(c, '#apply-result')?.textContent).toContain('the account is as it was before')
    expect($(c, '#apply-count')?.textContent?.trim()).toBe('2 of 2 undone')
    expect(next(c).disabled).toBe(true)
    expect(reason(c)).toContain('Nothing was changed')
    // Back is offered to fix and try again.
    expect($(c, '#back')).not.toBeNull()
  })
})

describe('drafts', () => {
  it('offers to reopen an unfinished wizard at its step, with its values', async () => {
    const spec = {
      kind: 'elastic_trunk', name: 'Draft trunk', termination_domain: 'draft-trunk.pstn.twilio.com', secure: false, cnam_lookup: false,
      transfer_mode: 'disable-all', transfer_caller_id: 'from-transferee', disaster_recovery_url: null, disaster_recovery_method: 'POST',
      recording: { mode: 'do-not-record', trim: 'do-not-trim' }, ip_acls: [{ name: 'Draft addresses', addresses: ['203.0.113.7'] }],
      credential_lists: [], origination_urls: [], numbers: [],
    }
    const { c } = await toStart(wizardHandlers({ load_draft: () => ({ flow: 'elastic', step: 2, data: { spec, ui: { useAcl: true, labelEdited: true } } }) }))
    await waitFor(() => expect($(c, '#draft-text')?.textContent).toContain('“Draft trunk”'))
    expect($(c, '#draft-text')?.textContent).toContain('step 3 of 8')
    await fireEvent.click($(c, '#draft-resume')!)
    await toStep(c, 'origination')
    expect(c.querySelectorAll('.rail li.done')).toHaveLength(2)
    expect($(c, '#side-summary')?.textContent).toContain('Draft trunk')
  })
})

describe('inventory', () => {
  it('reads the account with progress, shows links, and remove says numbers are detached, never released', async () => {
    const handlers = wizardHandlers({
      teardown_plan: () => ({
        plan_id: 'plan-td', title: "Remove trunk 'Office PBX'", empty: false, issues: [],
        steps: [
          { id: 0, kind: 'detach', description: 'Detach +14155551000 from the trunk', params: {}, depends_on: [] },
          { id: 1, kind: 'delete', description: "Delete trunk 'Office PBX'", params: {}, depends_on: [0] },
        ],
      }),
      spec_from_trunk: () => ({
        kind: 'elastic_trunk', name: 'Office PBX', termination_domain: 'office-pbx.pstn.twilio.com', secure: false, cnam_lookup: false,
        transfer_mode: 'disable-all', transfer_caller_id: 'from-transferee', disaster_recovery_url: null, disaster_recovery_method: 'POST',
        recording: { mode: 'do-not-record', trim: 'do-not-trim' }, ip_acls: [{ name: 'Office addresses', addresses: ['203.0.113.10'] }],
        credential_lists: [], origination_urls: [{ name: 'Primary', sip_url: 'sip:pbx.example.com', priority: 10, weight: 10, enabled: true }],
        numbers: ['+14155551000'],
      }),
    })
    const { c } = await toStart(handlers)
    await fireEvent.click($(c, '#open-inventory')!)
    await waitFor(() => expect($(c, '#inventory-summary')?.textContent).toContain('1 Elastic SIP trunk'))
    expect($(c, '#inv-lists-table')?.textContent).toContain('trunk “Office PBX”')
    expect($(c, '#inv-numbers-count')?.textContent).toBe('25 of 25')
    expect(c.querySelectorAll('#inv-numbers-list .vrow').length).toBeLessThan(25)
    await type(c, '#inv-numbers-search', 'office')
    await waitFor(() => expect($(c, '#inv-numbers-count')?.textContent).toBe('1 of 25'))

    const sid = 'TK00000000000000000000000000000001'
    await fireEvent.click($(c, `#inv-remove-${sid}`)!)
    await waitFor(() => expect($(c, '#plan-title')?.textContent).toContain('Remove trunk'))
    expect($(c, '#remove-numbers-note')?.textContent).toContain('detached from it, never released')
    expect($(c, '.plan-group[data-kind=detach] h3')?.textContent).toContain('Will be detached')
    await fireEvent.click($(c, '#remove-cancel')!)

    await fireEvent.click($(c, `#inv-open-${sid}`)!)
    await toStep(c, 'trunk')
    expect(($(c, '#trunk-name') as HTMLInputElement).value).toBe('Office PBX')
    // Its own address is not "taken".
    await waitFor(() => expect($(c, '#termination-availability')?.textContent).toContain("this trunk's own address"))
    await nextEnabled(c)
  })
})

describe('an interrupted run', () => {
  it('is offered at start, and undoing it shows the rollback and then lets the card go', async () => {
    const { c, calls } = await toStart(
      wizardHandlers({
        pending_run: () => ({ run_id: 'run-9', title: "Elastic SIP trunk 'Acme'", done: 2, total: 5 }),
        rollback_run: (args) => {
          streamEvents(args, [
            { event: 'rollback_started', reason: 'You asked to undo the interrupted run.' },
            { event: 'step_reverted', id: 1, description: "Delete IP access control list 'Acme addresses'" },
            { event: 'step_reverted', id: 0, description: "Delete trunk 'Acme'" },
            { event: 'finished', ok: false, rolled_back: true },
          ])
          return { ok: false, rolled_back: true, created: [], error: null }
        },
      }),
    )
    await waitFor(() => expect($(c, '#pending-run')?.textContent).toContain('stopped after 2 of 5 steps'))
    await fireEvent.click($(c, '#pending-rollback')!)
    await waitFor(() => expect($(c, '#apply-result')?.getAttribute('data-result')).toBe('rolled_back'))
    expect(c.querySelectorAll('.run-step[data-state=reverted]')).toHaveLength(2)
    expect(calls.some((x) => x.cmd === 'resume_run')).toBe(false)
    await fireEvent.click($(c, '#pending-close')!)
    expect($(c, '#pending-run')).toBeNull()
  })
})
