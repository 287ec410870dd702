// The presets flow with a scripted backend: choosing Genesys, the answers (unverified values
// marked and confirmed, problems next to their field, the gate's reason), the build feeding the
// Review's password and plan, the apply, and the Done page's far-side sheet with copy buttons,
// saved files, Register on Bolna (key never shown back) and importing a spec file.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../src/App.svelte'
import BolnaRegister from '../src/flows/presets/BolnaRegister.svelte'
import FarSideSheet from '../src/flows/presets/FarSideSheet.svelte'
import { app } from '../src/lib/app.svelte'
import { staleInventory } from '../src/inventory/store.svelte'
import { type Call, arg, backend, fail, wizardHandlers } from './mock-backend'

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
async function found(c: C, css: string): Promise<HTMLElement> {
  return waitFor(
    () => {
      const e = $(c, css)
      expect(e, css).not.toBeNull()
      return e as HTMLElement
    },
    { timeout: 2000 },
  )
}

const q = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id.replace(/_/g, ' '),
  kind,
  help: '',
  unverified: false,
  confirmWith: null,
  choices: [],
  patternRule: null,
  min: null,
  max: null,
  usernameFrom: null,
  hasDefault: false,
  ...extra,
})

const genesysForm = {
  id: 'genesys-byoc',
  version: '1.0.0',
  title: 'Genesys Cloud BYOC',
  summary: 'Connect a Genesys Cloud org.',
  questions: [
    q('region', 'choice', {
      choices: [
        { value: 'mypurecloud.com', label: 'US East (Virginia)', details: { legacy_domain: 'byoc.use1.pure.cloud' } },
        { value: 'mypurecloud.ie', label: 'EU (Ireland)', details: { legacy_domain: 'byoc.mypurecloud.ie' } },
        { value: 'mypurecloud.de', label: 'EU (Frankfurt)', details: { legacy_domain: 'byoc.mypurecloud.de' } },
        { value: 'mypurecloud.jp', label: 'Asia Pacific (Tokyo)', details: { legacy_domain: 'byoc.mypurecloud.jp' } },
        { value: 'mypurecloud.com.au', label: 'Asia Pacific (Sydney)', details: { legacy_domain: 'byoc.mypurecloud.com.au' } },
      ],
    }),
    q('identifier', 'text', { patternRule: 'letters, digits and hyphens' }),
    q('transport', 'choice', {
      hasDefault: true,
      choices: [
        { value: 'udp', label: 'UDP (port 5060)', details: {} },
        { value: 'tls', label: 'TLS (port 5061) with SRTP media', details: {} },
      ],
    }),
    q('genesys_sip_addresses', 'ipv4-list', { unverified: true, confirmWith: 'the Genesys article' }),
    q('numbers', 'number-list', { label: 'Twilio numbers for this trunk' }),
    q('dtmf_payload', 'integer', { unverified: true, hasDefault: true, confirmWith: 'your Genesys trunk' }),
    q('sip_username', 'username', { hasDefault: true, label: 'Digest username Genesys uses with Twilio' }),
    q('sip_password', 'secret-generated', { usernameFrom: 'sip_username' }),
  ],
}

type A = Record<string, unknown>
function fakeCheck(a: A) {
  const issues: { path: string; message: string; severity: 'error' }[] = []
  const need = (id: string, msg = `${id.replace(/_/g, ' ')} is required`) => {
    if (a[id] === undefined) issues.push({ path: `answers.${id}`, message: msg, severity: 'error' })
  }
  need('region')
  need('identifier')
  need('genesys_sip_addresses', 'Genesys SIP addresses is required: Switchboard could not verify this value from vendor documentation, so you must enter it')
  need('numbers')
  need('dtmf_payload', 'DTMF payload is required: Switchboard could not verify this value (commonly `101`)')
  if (typeof a.identifier === 'string' && !/^[a-z0-9-]+$/i.test(a.identifier))
    issues.push({ path: 'answers.identifier', message: `\`${a.identifier}\` is not a valid Inbound SIP Termination Identifier`, severity: 'error' })
  return {
    questions: genesysForm.questions.map((x) => ({
      id: x.id,
      asked: true,
      default: x.id === 'transport' ? 'udp' : x.id === 'dtmf_payload' ? '101' : x.id === 'sip_username' && a.identifier ? `genesys-${a.identifier}` : null,
    })),
    issues,
  }
}

const genesysSheet = {
  title: 'Genesys Cloud: external trunk for Twilio (Genesys acme)',
  intro: 'Enter these values in Genesys Cloud Admin.',
  warnings: ["Values marked 'confirm' could not be verified."],
  steps: ['Save the external trunk.', 'Add an outbound route.'],
  sections: [
    {
      id: 'external-trunk',
      title: 'Telephony > Trunks > External Trunks > Create New',
      note: '',
      code: null,
      codeLanguage: null,
      rows: [
        { field: 'Type', value: 'BYOC Carrier > Generic BYOC Carrier', note: '', unverified: false },
        { field: 'SIP Servers or Proxies: Hostname', value: 'acme-genesys.pstn.dublin.twilio.com', note: '', unverified: false },
        { field: 'DTMF Payload', value: '101', note: 'Confirm with your Genesys trunk.', unverified: true },
      ],
    },
  ],
}

const genesysSpec = {
  kind: 'elastic_trunk',
  name: 'Genesys acme',
  termination_domain: 'acme-genesys.pstn.twilio.com',
  secure: false,
  cnam_lookup: false,
  transfer_mode: 'disable-all',
  transfer_caller_id: 'from-transferee',
  disaster_recovery_method: 'POST',
  recording: { mode: 'do-not-record', trim: 'do-not-trim' },
  ip_acls: [{ name: 'Genesys acme - Genesys signalling', addresses: ['52.48.1.10'] }],
  credential_lists: [{ name: 'Genesys acme - Genesys digest', usernames: ['genesys-acme'] }],
  origination_urls: [{ name: 'Genesys Cloud mypurecloud.ie', sip_url: 'sip:acme.byoc.mypurecloud.ie', priority: 10, weight: 10, enabled: true }],
  numbers: ['+14155551000'],
}

function presetHandlers(over: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return wizardHandlers({
    list_presets: () => [
      { id: 'genesys-byoc', version: '1.0.0', title: 'Genesys Cloud BYOC', summary: 'Connect a Genesys Cloud org.' },
      { id: 'bolna', version: '1.0.0', title: 'Bolna (voice AI)', summary: 'Send calls to Bolna AI agents.' },
    ],
    preset_form: () => genesysForm,
    check_preset_answers: (args) => fakeCheck((args.request as { answers: A }).answers),
    build_preset: (args) => {
      const a = (args.request as { answers: A }).answers
      const c = fakeCheck(a)
      if (c.issues.length) return { build: null, issues: c.issues }
      return {
        build: {
          presetId: 'genesys-byoc',
          presetVersion: '1.0.0',
          spec: genesysSpec,
          sheet: genesysSheet,
          warnings: [],
          passwords: [{ list: 'Genesys acme - Genesys digest', username: 'genesys-acme' }],
        },
        issues: [],
      }
    },
    save_far_side_sheet: (args) => ({ path: `/home/me/Downloads/switchboard/genesys-byoc-far-side-genesys-acme.${args.format}` }),
    check_connectivity: () => ({ results: [], reachable: 0, total: 0 }),
    ...over,
  })
}

async function toPresets(handlers = presetHandlers()): Promise<{ c: C; calls: Call[] }> {
  const calls = backend(handlers)
  const { container } = render(App)
  await waitFor(() => expect($(container, '#numbers-total')?.textContent).toContain('25 numbers'))
  await fireEvent.click(next(container))
  await fireEvent.click(next(container))
  await fireEvent.click(await found(container, '#flow-presets'))
  return { c: container, calls }
}

describe('presets flow', () => {
  it('walks Genesys from the choice to the far-side sheet', async () => {
    const { c, calls } = await toPresets()
    expect(reason(c)).toMatch(/Choose the platform/)
    await fireEvent.click(await found(c, '#preset-genesys-byoc'))
    await waitFor(() => expect(next(c).disabled).toBe(false))
    await fireEvent.click(next(c))

    // The answers: unverified values are marked, the gate says what is missing.
    await found(c, '#q-region')
    expect($(c, '[data-unverified=genesys_sip_addresses]')?.textContent).toMatch(/Not verified — you must enter this/)
    expect($(c, '[data-unverified=dtmf_payload]')?.textContent).toMatch(/you must confirm this/)
    expect(($(c, '#q-dtmf_payload') as HTMLInputElement).value).toBe('101')
    await waitFor(() => expect(reason(c)).toMatch(/answers are missing/))

    const region = $(c, '#q-region') as HTMLSelectElement
    region.value = 'mypurecloud.ie'
    await fireEvent.change(region)
    await waitFor(() => expect($(c, '#q-region-details')?.textContent).toContain('byoc.mypurecloud.ie'))
    await fireEvent.input($(c, '#q-identifier')!, { target: { value: 'acme genesys' } })
    await waitFor(() => expect($(c, '#q-identifier-issues')?.textContent).toContain('`acme genesys` is not a valid'))
    await fireEvent.input($(c, '#q-identifier')!, { target: { value: 'acme' } })
    await waitFor(() => expect($(c, '#q-identifier-issues')?.textContent).toBe(''))
    // A private address is refused next to the list; a public one becomes a chip.
    const ips = $(c, '#q-genesys_sip_addresses-input') as HTMLInputElement
    await fireEvent.input(ips, { target: { value: '10.0.0.5' } })
    await fireEvent.click($(c, '#q-genesys_sip_addresses-add')!)
    await waitFor(() => expect($(c, '#q-genesys_sip_addresses')?.textContent).toContain('is a private address'))
    await fireEvent.input(ips, { target: { value: '52.48.1.10' } })
    await fireEvent.click($(c, '#q-genesys_sip_addresses-add')!)
    await waitFor(() => expect($(c, '#q-genesys_sip_addresses .chip[data-value="52.48.1.10"]')).not.toBeNull())
    // The Twilio side's questions wait for the next step; the far side's gate ignores them.
    expect($(c, '#q-numbers-input')).toBeNull()
    await waitFor(() => expect(reason(c)).toMatch(/DTMF payload is required/))
    await fireEvent.click($(c, '#q-dtmf_payload-confirm')!)
    await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
    expect($(c, '#answers-complete')).toBeNull()
    await fireEvent.click(next(c))

    await found(c, '#q-numbers-input')
    expect($(c, '#q-region')).toBeNull()
    await waitFor(() => expect(reason(c)).toMatch(/numbers is required/))
    await fireEvent.input($(c, '#q-numbers-input')!, { target: { value: '+14155551000' } })
    await fireEvent.click($(c, '#q-numbers-add')!)
    await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
    expect($(c, '#answers-complete')).not.toBeNull()
    const built = calls.filter((x) => x.cmd === 'build_preset').at(-1)!
    expect((built.args.request as { answers: A }).answers).toEqual({
      region: 'mypurecloud.ie',
      identifier: 'acme',
      genesys_sip_addresses: ['52.48.1.10'],
      numbers: ['+14155551000'],
      dtmf_payload: '101',
    })
    await fireEvent.click(next(c))

    // Review: the password is set (generated) before the plan may be applied.
    await found(c, '#preset-passwords')
    await waitFor(() => expect(calls.some((x) => x.cmd === 'plan_spec')).toBe(true))
    const plan = calls.find((x) => x.cmd === 'plan_spec')!
    expect(arg<{ name: string }>(plan.args, 'spec').name).toBe('Genesys acme')
    await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
    expect(calls.some((x) => x.cmd === 'set_sip_password' && arg(x.args, 'username') === 'genesys-acme')).toBe(true)
    await fireEvent.click(next(c))

    // Apply, then Done with the far-side sheet.
    await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
    await fireEvent.click(next(c))
    await found(c, '#far-side [data-field="Type"]')
    expect($(c, '#far-side [data-field="Type"] .value')?.textContent).toBe('BYOC Carrier > Generic BYOC Carrier')
    expect($(c, '#far-side [data-field="DTMF Payload"] .unverified')?.textContent).toMatch(/Confirm before going live/)
    expect(c.querySelectorAll('#far-side tbody button').length).toBe(3)
    await fireEvent.click($(c, '#far-side-save-pdf')!)
    await waitFor(() => expect($(c, '#far-side-saved-pdf')?.textContent).toContain('genesys-acme.pdf'))
    expect($(c, '#bolna-register')).toBeNull()
    expect($(c, '#preset-connectivity')).not.toBeNull()
    // Drafts were saved on the way (none refused) and never held a password or a key naming one.
    const drafts = calls.filter((x) => x.cmd === 'save_draft')
    expect(drafts.length).toBeGreaterThan(0)
    for (const d of drafts) expect(JSON.stringify(d.args)).not.toMatch(/"[^"]*(password|secret|token)[^"]*"\s*:/i)
  })
})

describe('far-side sheet', () => {
  it('shows a JSON body with its copy button and saves HTML', async () => {
    const sheet = {
      ...genesysSheet,
      sections: [{ id: 'bolna-trunk-body', title: '1. POST /sip-trunks/trunks', note: 'Create the trunk.', rows: [], code: '{\n  "name": "Bolna acme"\n}', codeLanguage: 'json' }],
    }
    const calls = backend({
      build_preset: () => ({ build: { presetId: 'bolna', presetVersion: '1', spec: genesysSpec, sheet, warnings: [], passwords: [] }, issues: [] }),
      save_far_side_sheet: () => ({ path: '/tmp/bolna.html' }),
    })
    const { container: c } = render(FarSideSheet, { presetId: 'bolna', answers: { numbers: ['+14155551000'] } })
    await found(c, '[data-code=bolna-trunk-body]')
    expect($(c, '[data-code=bolna-trunk-body]')?.textContent).toContain('"name": "Bolna acme"')
    expect($(c, '#far-side-copy-bolna-trunk-body')).not.toBeNull()
    await fireEvent.click($(c, '#far-side-save-html')!)
    await waitFor(() => expect($(c, '#far-side-saved-html')?.textContent).toContain('/tmp/bolna.html'))
    expect(calls.find((x) => x.cmd === 'save_far_side_sheet')?.args).toEqual({
      request: { presetId: 'bolna', answers: { numbers: ['+14155551000'] } },
      format: 'html',
    })
  })
})

describe('Register on Bolna', () => {
  it('sends the typed key once, then says it is kept, and shows a wrong key next to the field', async () => {
    let stored = false
    const calls = backend({
      bolna_key: () => ({ stored }),
      register_on_bolna: (args) => {
        const r = args.request as { apiKey?: string }
        if (r.apiKey === 'bad') fail({ code: 'invalid_input', field: 'apiKey', message: 'Bolna refused listing trunks (HTTP 401): invalid key' })
        stored = true
        return { trunkId: 'trk_1', reusedTrunk: false, addedNumbers: ['+14155551000'], existingNumbers: [], baseUrl: 'http://127.0.0.1:9' }
      },
      forget_bolna: () => {
        stored = false
        return { stored }
      },
    })
    const { container: c } = render(BolnaRegister, { answers: { numbers: ['+14155551000'], termination_label: 'acme' } })
    const run = (await found(c, '#bolna-register-run')) as HTMLButtonElement
    await waitFor(() => expect(calls.some((x) => x.cmd === 'bolna_key')).toBe(true))
    expect(run.disabled).toBe(true)
    await fireEvent.input($(c, '#bolna-api-key')!, { target: { value: 'bad' } })
    await fireEvent.click(run)
    await waitFor(() => expect($(c, '#bolna-register-error')?.textContent).toContain('HTTP 401'))
    await fireEvent.input($(c, '#bolna-api-key')!, { target: { value: 'good-key' } })
    await fireEvent.click(run)
    await waitFor(() => expect($(c, '#bolna-registered')?.textContent).toContain('trk_1'))
    expect(($(c, '#bolna-api-key') as HTMLInputElement).value).toBe('')
    expect($(c, '#bolna-key-stored')).not.toBeNull()
    expect($(c, '#bolna-sip-password')).toBeNull()
    await fireEvent.click($(c, '#bolna-forget')!)
    await waitFor(() => expect($(c, '#bolna-key-stored')).toBeNull())
  })
})

describe('Register on Bolna, username/password', () => {
  it('asks for the SIP password only when Rust did not find the one kept for the apply', async () => {
    const calls = backend({
      bolna_key: () => ({ stored: true }),
      register_on_bolna: (args) => {
        const r = args.request as { sipPassword?: string }
        if (!r.sipPassword) fail({ code: 'invalid_input', field: 'sipPassword', message: 'The SIP password of `bolna-acme` is needed.' })
        return { trunkId: 'trk_2', reusedTrunk: false, addedNumbers: [], existingNumbers: [], baseUrl: 'http://127.0.0.1:9' }
      },
    })
    const { container: c } = render(BolnaRegister, { answers: { auth_type: 'userpass' }, needsPassword: true })
    await waitFor(() => expect($(c, '#bolna-key-stored')).not.toBeNull())
    expect($(c, '#bolna-sip-password')).toBeNull()
    await fireEvent.click($(c, '#bolna-register-run')!)
    const pw = (await found(c, '#bolna-sip-password')) as HTMLInputElement
    await fireEvent.input(pw, { target: { value: 'Typed4Pass9Word2x' } })
    await fireEvent.click($(c, '#bolna-register-run')!)
    await waitFor(() => expect($(c, '#bolna-registered')?.textContent).toContain('trk_2'))
    const sent = calls.filter((x) => x.cmd === 'register_on_bolna').map((x) => (x.args.request as { sipPassword?: string }).sipPassword)
    expect(sent).toEqual([undefined, 'Typed4Pass9Word2x'])
  })
})

describe('import a spec file', () => {
  it('opens the wizard of the spec kind with the file in it, or lists the problems', async () => {
    const { c, calls } = await toPresets(
      presetHandlers({
        import_spec_file: (args) => {
          const r = args.request as { fileName: string; text: string }
          if (r.fileName === 'bad.toml') return { spec: null, issues: [{ path: 'version', message: 'version 2 is not supported', severity: 'error' }] }
          return { spec: { ...genesysSpec, name: 'Imported trunk' }, issues: [] }
        },
      }),
    )
    // Back to the start page, then "Open a spec file".
    await fireEvent.click($(c, '#back')!)
    await fireEvent.click(await found(c, '#flow-import-spec'))
    const input = (await found(c, '#import-file')) as HTMLInputElement
    const pick = async (name: string, text: string) => {
      Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true })
      await fireEvent.change(input)
    }
    await pick('bad.toml', 'version = 2')
    await waitFor(() => expect($(c, '#import-issues')?.textContent).toContain('version 2 is not supported'))
    await pick('trunk.toml', 'version = 1')
    await waitFor(() => expect($(c, '.flow-step')?.getAttribute('data-flow')).toBe('elastic'))
    await waitFor(() => expect(($(c, '#trunk-name') as HTMLInputElement | null)?.value).toBe('Imported trunk'))
    expect(calls.filter((x) => x.cmd === 'import_spec_file').map((x) => (x.args.request as { fileName: string }).fileName)).toEqual([
      'bad.toml',
      'trunk.toml',
    ])
  })
})
