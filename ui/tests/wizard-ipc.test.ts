// The wizard's IPC wrappers (ui/src/ipc/wizard.ts): each calls the Rust command by its name
// with the argument names the Rust side reads (camelCase for Tauri command arguments, the
// contract's snake_case inside the values), streams channel events in order, and passes the
// backend's AppError (with its `issues`) through untouched. The Rust side of the same names is
// pinned by src-tauri/tests/wizard_commands/.
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import * as ipc from '../src/ipc'
import type { ApplyEvent } from '../src/bindings/ApplyEvent'
import type { AppError } from '../src/bindings/AppError'
import type { InventoryEvent } from '../src/bindings/InventoryEvent'
import type { Spec } from '../src/bindings/Spec'
import { backend, fail, streamEvents } from './mock-backend'

const spec: Spec = {
  kind: 'elastic_trunk',
  name: 'Office',
  termination_domain: 'acme-office.pstn.twilio.com',
  secure: false,
  cnam_lookup: false,
  transfer_mode: 'disable-all',
  transfer_caller_id: 'from-transferee',
  disaster_recovery_url: null,
  disaster_recovery_method: 'POST',
  recording: { mode: 'do-not-record', trim: 'do-not-trim' },
  ip_acls: [{ name: 'SBC', addresses: ['52.1.2.10'] }],
  credential_lists: [],
  origination_urls: [],
  numbers: ['+14155552671'],
}

const ok = () => null

afterEach(() => clearMocks())

describe('wizard IPC wrappers', () => {
  it('call each command with the argument names Rust reads', async () => {
    const calls = backend({
      validate_spec: () => [],
      check_items: () => [],
      domain_available: () => ({ label: 'acme', domain: 'acme.pstn.twilio.com', available: true, message: '' }),
      plan_spec: () => ({ plan_id: 'p1', title: 't', empty: false, steps: [], issues: [] }),
      cancel_apply: ok,
      pending_run: ok,
      set_sip_password: ok,
      password_status: () => [],
      spec_from_trunk: () => spec,
      teardown_plan: () => ({ plan_id: 'p2', title: 't', empty: false, steps: [], issues: [] }),
      done_sheet: () => ({ title: 't', sections: [], checklist: [] }),
      export_spec: () => 'version = 1',
      save_sheet: () => ({ path: '/tmp/x.html' }),
      save_draft: ok,
      load_draft: ok,
      clear_draft: ok,
    })
    await ipc.validateSpec(spec)
    await ipc.checkItems('ip_or_cidr', ['52.1.2.10'])
    await ipc.domainAvailable('termination', 'acme')
    const plan = await ipc.planSpec(spec)
    await ipc.cancelApply()
    await ipc.pendingRun()
    await ipc.setSipPassword('Office users', 'pbx-main', 'Xx1xxxxxxxxxxx')
    await ipc.passwordStatus('Office users', ['pbx-main'])
    await ipc.specFromTrunk('TK00000000000000000000000000000001')
    await ipc.teardownPlan('TK00000000000000000000000000000001')
    await ipc.doneSheet(spec)
    expect(await ipc.exportSpec(spec, 'twilio_cli')).toBe('version = 1')
    await ipc.saveSheet(spec, 'pdf')
    await ipc.saveDraft({ flow: 'elastic', step: 2, data: spec })
    await ipc.loadDraft()
    await ipc.clearDraft()
    expect(plan.plan_id).toBe('p1')
    const seen = calls.map((c) => [c.cmd, Object.keys(c.args).sort()])
    expect(seen).toEqual([
      ['validate_spec', ['spec']],
      ['check_items', ['kind', 'values']],
      ['domain_available', ['kind', 'label']],
      ['plan_spec', ['spec']],
      ['cancel_apply', []],
      ['pending_run', []],
      ['set_sip_password', ['list', 'password', 'username']],
      ['password_status', ['list', 'usernames']],
      ['spec_from_trunk', ['trunkSid']],
      ['teardown_plan', ['trunkSid']],
      ['done_sheet', ['spec']],
      ['export_spec', ['format', 'spec']],
      ['save_sheet', ['format', 'spec']],
      ['save_draft', ['draft']],
      ['load_draft', []],
      ['clear_draft', []],
    ])
    expect(calls[0].args.spec).toEqual(spec)
    expect(calls[6].args).toEqual({ list: 'Office users', username: 'pbx-main', password: 'Xx1xxxxxxxxxxx' })
  })

  it('stream apply, resume, rollback and inventory events in order', async () => {
    const events: ApplyEvent[] = [
      { event: 'run_started', run_id: 'r1', steps: 2 },
      { event: 'step_started', id: 0, description: 'Create trunk' },
      { event: 'step_succeeded', id: 0, sid: 'TK00000000000000000000000000000001' },
      { event: 'finished', ok: true, rolled_back: false },
    ]
    const outcome = { ok: true, rolled_back: false, created: [], error: null }
    const calls = backend({
      apply_plan: (args) => {
        streamEvents(args, events)
        return outcome
      },
      resume_run: (args) => {
        streamEvents(args, events.slice(3))
        return outcome
      },
      rollback_run: (args) => {
        streamEvents(args, [{ event: 'finished', ok: false, rolled_back: true }])
        return { ...outcome, ok: false, rolled_back: true }
      },
      load_inventory: (args) => {
        const progress: InventoryEvent[] = [
          { event: 'reading', what: 'trunks' },
          { event: 'numbers_page', page: 1, numbers: [], loaded: 0 },
          { event: 'finished', trunks: 0, numbers: 0 },
        ]
        streamEvents(args, progress)
        return { trunks: [], byoc_trunks: [], sip_domains: [], ip_acls: [], credential_lists: [], numbers: [] }
      },
    })
    const got: ApplyEvent[] = []
    expect(await ipc.applyPlan('p1', (e) => got.push(e))).toEqual(outcome)
    expect(got).toEqual(events)
    expect(calls[0].args.planId).toBe('p1')
    const resumed: ApplyEvent[] = []
    await ipc.resumeRun((e) => resumed.push(e))
    expect(resumed).toEqual(events.slice(3))
    const rolled: ApplyEvent[] = []
    expect((await ipc.rollbackRun((e) => rolled.push(e))).rolled_back).toBe(true)
    expect(rolled).toEqual([{ event: 'finished', ok: false, rolled_back: true }])
    const progress: InventoryEvent[] = []
    await ipc.loadInventory((e) => progress.push(e))
    expect(progress.map((e) => e.event)).toEqual(['reading', 'numbers_page', 'finished'])
  })

  it('pass an invalid spec error through with every issue', async () => {
    const error: AppError = {
      code: 'invalid',
      message: 'The spec has 1 problem(s): termination_domain: …',
      field: 'termination_domain',
      issues: [{ path: 'termination_domain', message: '`-bad-` is not valid', severity: 'error' }],
    }
    backend({ plan_spec: () => fail(error) })
    await expect(ipc.planSpec(spec)).rejects.toEqual(error)
    const caught = await ipc.planSpec(spec).catch((e) => ipc.asAppError(e))
    expect(caught.issues?.[0].path).toBe('termination_domain')
  })
})
