// The Elastic SIP trunk flow's end in the frame with a scripted backend: the plan by kind, the
// apply with its SIDs or its rollback, the sheet, drafts without secrets (and reopening one), the
// inventory with "remove" and "open in wizard", and an interrupted run offered at the start.
// The steps before the review are in elastic.test.ts; the walk is in elastic-walk.ts.
import { fireEvent, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import { $, type } from './dom'
import { next, nextEnabled, reason, resetApp, toOptions, toStart, toStep } from './elastic-walk'
import { arg, elasticPlan, failedRun, streamEvents, wizardHandlers } from './mock-backend'

afterEach(resetApp)

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
