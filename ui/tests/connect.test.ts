import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../src/App.svelte'
import { app } from '../src/lib/app.svelte'
import type { ProfileView } from '../src/bindings/ProfileView'
import { acmeProfile, acmeSession, backend, demoSession, fail, page, stream } from './mock-backend'

afterEach(() => {
  cleanup()
  app.session = null
  app.step = 0
})

const noProfiles = () => ({ profiles: [] })

describe('connect step', () => {
  it('shows the frame, not connected, with Next disabled and its reason', async () => {
    backend({ current_session: () => null, list_profiles: noProfiles })
    const { container } = render(App)
    await waitFor(() => expect(container.querySelector('.frame')?.getAttribute('data-ready')).toBe('true'))
    expect(container.querySelector('#badge')?.textContent).toContain('Not connected')
    expect(container.querySelectorAll('.rail li')).toHaveLength(2)
    expect(container.querySelector('.rail li.current')?.getAttribute('data-step')).toBe('connect')
    expect((container.querySelector('#next') as HTMLButtonElement).disabled).toBe(true)
    expect(container.querySelector('#next-reason')?.textContent).toMatch(/Connect to the demo/)
    expect((container.querySelector('#back') as HTMLButtonElement).disabled).toBe(true)
  })

  it('the demo connects, the badge says Demo and numbers stream in page by page', async () => {
    const calls = backend({
      current_session: () => null,
      list_profiles: noProfiles,
      connect_demo: () => demoSession,
      load_numbers: (args) => {
        stream(args, [{ event: 'started' }, page(1, 0, 20), page(2, 20, 5), { event: 'finished', total: 25 }])
        return { total: 25, pages: 2 }
      },
    })
    const { container } = render(App)
    await fireEvent.click(await screen.findByText('Try the demo'))
    await waitFor(() => expect(container.querySelector('#account-name')?.textContent).toBe('Switchboard Demo'))
    const badge = container.querySelector('#badge')!
    expect(badge.textContent?.trim()).toBe('Demo')
    expect(badge.classList.contains('demo')).toBe(true)
    await waitFor(() => expect(container.querySelector('#numbers-total')?.textContent).toContain('25 numbers, loaded in 2 pages'))
    expect(container.querySelectorAll('#numbers-list li')).toHaveLength(25)
    expect(container.querySelector('#numbers-list li .num')?.textContent).toBe('+1 415 555 1000')
    expect(calls.map((c) => c.cmd)).toEqual(['list_profiles', 'current_session', 'connect_demo', 'load_numbers', 'list_profiles'])
    const next = container.querySelector('#next') as HTMLButtonElement
    expect(next.disabled).toBe(false)
    await fireEvent.click(next)
    expect(container.querySelector('.rail li.done')?.getAttribute('data-step')).toBe('connect')
    expect(container.querySelector('#summary-numbers')?.textContent).toBe('25')
  })

  it('sends the typed credentials and shows a wrong token (401) with its details line', async () => {
    const calls = backend({
      current_session: () => null,
      list_profiles: noProfiles,
      connect_account: () =>
        fail({
          code: 'wrong_credentials',
          message: 'Twilio did not accept these credentials (HTTP 401).',
          twilioCode: 20003,
          moreInfo: 'https://www.twilio.com/docs/errors/20003',
        }),
    })
    const { container } = render(App)
    await fireEvent.click(await screen.findByText('Use my Twilio account'))
    const submit = container.querySelector('#connect-account') as HTMLButtonElement
    expect(submit.disabled).toBe(true)
    await fireEvent.input(container.querySelector('#account-sid')!, { target: { value: acmeProfile.accountSid } })
    await fireEvent.input(container.querySelector('#auth-token')!, { target: { value: 'tok' } })
    await fireEvent.click(container.querySelector('#create-api-key')!)
    expect(container.querySelector('#base-url')).toBeNull()
    await fireEvent.click(container.querySelector('#show-advanced')!)
    await fireEvent.input(container.querySelector('#base-url')!, { target: { value: 'http://127.0.0.1:9' } })
    await fireEvent.click(container.querySelector('#advanced-done')!)
    expect(container.querySelector('#advanced-summary')?.textContent).toContain('base URL http://127.0.0.1:9')
    expect((container.querySelector('#auth-token') as HTMLInputElement).value).toBe('tok')
    expect(submit.disabled).toBe(false)
    await fireEvent.click(submit)
    const error = await waitFor(() => {
      const e = container.querySelector('#error')
      expect(e).not.toBeNull()
      return e!
    })
    expect(error.getAttribute('data-code')).toBe('wrong_credentials')
    expect(error.textContent).toContain('HTTP 401')
    expect(error.textContent).toContain('Twilio error 20003')
    const sent = calls.find((c) => c.cmd === 'connect_account')!.args.request as Record<string, unknown>
    expect(sent).toEqual({
      profileName: '',
      accountSid: acmeProfile.accountSid,
      credential: { kind: 'authToken', token: 'tok' },
      createApiKey: false,
      endpoint: { baseUrl: 'http://127.0.0.1:9' },
    })
    expect(container.querySelector('#badge')?.textContent).toContain('Not connected')
  })

  it('marks the field an invalid_input error names', async () => {
    backend({
      current_session: () => null,
      list_profiles: noProfiles,
      connect_account: () => fail({ code: 'invalid_input', field: 'account_sid', message: '`AC1` is not a valid Account SID' }),
    })
    const { container } = render(App)
    await fireEvent.click(await screen.findByText('Use my Twilio account'))
    await fireEvent.input(container.querySelector('#account-sid')!, { target: { value: 'AC1' } })
    expect(container.querySelector('#sid-hint')).not.toBeNull()
    await fireEvent.input(container.querySelector('#auth-token')!, { target: { value: 'x' } })
    await fireEvent.click(container.querySelector('#connect-account')!)
    await waitFor(() => expect(container.querySelector('#account-sid')?.getAttribute('aria-invalid')).toBe('true'))
  })

  it('an error naming an Advanced field opens that page with the error next to the field', async () => {
    backend({
      current_session: () => null,
      list_profiles: noProfiles,
      connect_account: () =>
        fail({ code: 'invalid_input', field: 'edge', message: 'Region ie1 needs an edge (the Twilio location you connect through)' }),
    })
    const { container } = render(App)
    await fireEvent.click(await screen.findByText('Use my Twilio account'))
    expect(container.querySelector('h1')?.textContent).toBe('Use my Twilio account')
    await fireEvent.input(container.querySelector('#account-sid')!, { target: { value: acmeProfile.accountSid } })
    await fireEvent.input(container.querySelector('#auth-token')!, { target: { value: 'tok' } })
    await fireEvent.click(container.querySelector('#show-advanced')!)
    await fireEvent.input(container.querySelector('#region')!, { target: { value: 'ie1' } })
    await fireEvent.click(container.querySelector('#advanced-done')!)
    await fireEvent.click(container.querySelector('#connect-account')!)
    await waitFor(() => expect(container.querySelector('.account-form')?.getAttribute('data-page')).toBe('advanced'))
    expect(container.querySelector('#edge')?.getAttribute('aria-invalid')).toBe('true')
    expect(container.querySelector('#region')?.getAttribute('aria-invalid')).toBe('false')
    const note = container.querySelector('#endpoint-error')!
    expect(note.getAttribute('data-field')).toBe('edge')
    expect(note.textContent).toContain('needs an edge')
    expect(container.querySelectorAll('.error')).toHaveLength(1)
  })

  it('Advanced on a saved profile re-checks it at the new address, then saves it', async () => {
    let profiles = [acmeProfile]
    let attempt = 0
    const calls = backend({
      current_session: () => null,
      list_profiles: () => ({ profiles }),
      update_profile_endpoint: (args) => {
        attempt += 1
        if (attempt === 1) return fail({ code: 'invalid_input', field: 'base_url', message: '`ftp://x` is not a base URL' })
        if (attempt === 2)
          return fail({
            code: 'unreachable',
            message: 'Checked at http://127.0.0.1:1: Twilio could not be reached. "Acme Corp" still uses its previous settings.',
          })
        const request = args.request as { endpoint: ProfileView['endpoint'] }
        profiles = [{ ...acmeProfile, endpoint: request.endpoint }]
        return { profile: profiles[0], account: acmeSession.account, apiBaseUrl: 'https://proxy.example.com' }
      },
    })
    const { container } = render(App)
    await waitFor(() => expect(container.querySelectorAll('#profiles li')).toHaveLength(1))
    await fireEvent.click(container.querySelector('.edit-endpoint')!)
    const dialog = container.querySelector('#endpoint-dialog')!
    expect(dialog.textContent).toContain('Where "Acme Corp" connects')
    expect((container.querySelector('#profile-base-url') as HTMLInputElement).value).toBe('')

    await fireEvent.input(container.querySelector('#profile-base-url')!, { target: { value: 'ftp://x' } })
    await fireEvent.click(container.querySelector('#endpoint-save')!)
    await waitFor(() => expect(container.querySelector('#profile-base-url')?.getAttribute('aria-invalid')).toBe('true'))
    expect(container.querySelector('#profile-endpoint-error')?.textContent).toContain('is not a base URL')

    await fireEvent.input(container.querySelector('#profile-base-url')!, { target: { value: 'http://127.0.0.1:1' } })
    await fireEvent.click(container.querySelector('#endpoint-save')!)
    await waitFor(() => expect(container.querySelector('#profiles-error')?.getAttribute('data-code')).toBe('unreachable'))
    expect(container.querySelector('#profiles-error')?.textContent).toContain('still uses its previous settings')
    expect(container.querySelector('#profile-base-url')?.getAttribute('aria-invalid')).toBe('false')

    await fireEvent.input(container.querySelector('#profile-base-url')!, { target: { value: 'https://proxy.example.com' } })
    await fireEvent.click(container.querySelector('#endpoint-save')!)
    await waitFor(() => expect(container.querySelector('#notice')?.textContent).toContain('now connects to https://proxy.example.com'))
    expect(container.querySelector('#endpoint-dialog')).toBeNull()
    await waitFor(() => expect(container.querySelector('#profiles .kind')?.textContent).toContain('through https://proxy.example.com'))
    const sent = calls.filter((c) => c.cmd === 'update_profile_endpoint').map((c) => c.args.request)
    expect(sent[2]).toEqual({
      id: acmeProfile.id,
      endpoint: { region: undefined, edge: undefined, baseUrl: 'https://proxy.example.com' },
    })
    expect(container.querySelector('#badge')?.textContent).toContain('Not connected')
  })

  it('lists saved profiles, uses one, and forgets one with its API key', async () => {
    let profiles = [acmeProfile]
    const calls = backend({
      current_session: () => null,
      list_profiles: () => ({ profiles, lastUsedId: acmeProfile.id }),
      switch_profile: () => acmeSession,
      load_numbers: (args) => {
        stream(args, [{ event: 'started' }, { event: 'finished', total: 0 }])
        return { total: 0, pages: 1 }
      },
      disconnect: () => null,
      forget_profile: () => {
        profiles = []
        return { profileId: acmeProfile.id, secretRemoved: true, deletedApiKey: 'SK00000000000000000000000000000001' }
      },
    })
    const { container } = render(App)
    await waitFor(() => expect(container.querySelectorAll('#profiles li')).toHaveLength(1))
    await fireEvent.click(container.querySelector('.use-profile')!)
    await waitFor(() => expect(container.querySelector('#badge')?.textContent?.trim()).toBe('Acme Corp'))
    expect(container.querySelector('#badge')?.classList.contains('live')).toBe(true)
    await waitFor(() => expect(container.querySelector('#numbers-total')?.textContent).toContain('no phone numbers'))

    await fireEvent.click(container.querySelector('#switch-account')!)
    await waitFor(() => expect(container.querySelector('.forget-profile')).not.toBeNull())
    await fireEvent.click(container.querySelector('.forget-profile')!)
    expect((container.querySelector('#forget-delete-key') as HTMLInputElement).checked).toBe(true)
    await fireEvent.click(container.querySelector('#forget-confirm')!)
    await waitFor(() => expect(container.querySelector('#notice')?.textContent).toContain('deleted API key SK'))
    await waitFor(() => expect(container.querySelector('#profiles')).toBeNull())
    const forget = calls.find((c) => c.cmd === 'forget_profile')!.args.request
    expect(forget).toEqual({ id: acmeProfile.id, deleteApiKey: true, authToken: undefined })
  })

  it('Copy diagnostics shows what was copied', async () => {
    backend({
      current_session: () => demoSession,
      list_profiles: noProfiles,
      load_numbers: () => ({ total: 0, pages: 0 }),
      copy_diagnostics: () => ({ text: 'Switchboard 0.1.0 diagnostics', copied: true }),
    })
    const { container } = render(App)
    await waitFor(() => expect(container.querySelector('#badge')?.textContent?.trim()).toBe('Demo'))
    await fireEvent.click(container.querySelector('#copy-diagnostics')!)
    await waitFor(() => expect(container.querySelector('#diagnostics-text')?.textContent).toContain('Switchboard 0.1.0'))
    expect(container.querySelector('#diagnostics')?.textContent).toContain('Copied to the clipboard')
  })
})
