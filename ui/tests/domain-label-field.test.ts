// DomainLabelField on its own: the domain follows the label, the label is checked against the
// account once typing pauses (only the latest answer lands), and Rust's issues and the answer are
// written next to the field and announced.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { flushSync } from 'svelte'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError } from '../src/bindings/AppError'
import Harness from './domain-label-harness.svelte'
import { fieldBox } from './domain-label-state.svelte'
import { type Call, arg, backend, sipDomainAvailable } from './mock-backend'

afterEach(cleanup)

type C = HTMLElement
const $ = (c: C, css: string) => c.querySelector(css) as HTMLElement | null
const text = (c: C, css: string) => $(c, css)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const input = (c: C) => $(c, '#f') as HTMLInputElement
const asked = (calls: Call[]) => calls.filter((x) => x.cmd === 'domain_available').map((x) => arg<string>(x.args, 'label'))
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('DomainLabelField', () => {
  it('labels the field, puts label + suffix in the domain and says a free label is free', async () => {
    const calls = backend({ domain_available: sipDomainAvailable })
    const box = fieldBox()
    let typed = 0
    const { container: c } = render(Harness, { props: { box, oninput: () => typed++ } })

    expect(text(c, 'label[for="f"]')).toBe('SIP domain')
    expect(text(c, '.suffix')).toBe('.sip.twilio.com')
    expect(input(c).getAttribute('aria-describedby')).toBe('f-help f-issues f-availability')
    expect($(c, '#f-availability')?.getAttribute('aria-live')).toBe('polite')
    expect($(c, '#f-issues')?.getAttribute('aria-live')).toBe('polite')
    expect(asked(calls)).toEqual([])

    await fireEvent.input(input(c), { target: { value: ' Acme-Office ' } })
    expect(typed).toBe(1)
    expect(box.domain).toBe('acme-office.sip.twilio.com')
    expect(text(c, '#f-availability')).toBe('Checking acme-office.sip.twilio.com…')
    await waitFor(() => expect($(c, '#f-availability [data-available="true"]')).not.toBeNull())
    expect(text(c, '#f-availability')).toBe('✓ acme-office.sip.twilio.com is free on this account.')
    expect(asked(calls)).toEqual(['acme-office'])
    expect(arg(calls[0].args, 'kind')).toBe('sip_domain')
    expect(box.availability?.domain).toBe('acme-office.sip.twilio.com')
    expect(input(c).getAttribute('aria-invalid')).toBe('false')

    // Emptied: no domain, nothing asked, nothing said.
    await fireEvent.input(input(c), { target: { value: '' } })
    expect(box.domain).toBe('')
    expect(text(c, '#f-availability')).toBe('')
    await wait(400)
    expect(asked(calls)).toEqual(['acme-office'])
  })

  it('marks a taken address as an error, and shows Rust’s issues for the field', async () => {
    backend({ domain_available: sipDomainAvailable })
    const box = fieldBox()
    const { container: c, rerender } = render(Harness, { props: { box } })
    await fireEvent.input(input(c), { target: { value: 'acme-sip' } })
    await waitFor(() => expect($(c, '#f-availability [data-available="false"]')).not.toBeNull())
    expect(text(c, '#f-availability')).toContain('Error: acme-sip.sip.twilio.com is already used by the SIP domain')
    expect(input(c).getAttribute('aria-invalid')).toBe('true')

    await rerender({ box, issues: [{ path: 'domain', message: '`a_b.sip.twilio.com` is not a valid SIP domain.', severity: 'error' }] })
    expect(text(c, '#f-issues')).toContain('is not a valid SIP domain')
  })

  it('says a taken address this account reuses is its own, not an error', async () => {
    backend({ domain_available: sipDomainAvailable })
    const box = fieldBox()
    const { container: c } = render(Harness, { props: { box, ours: (d: string) => d === 'acme-sip.sip.twilio.com' } })
    await fireEvent.input(input(c), { target: { value: 'acme-sip' } })
    await waitFor(() => expect($(c, '#f-availability [data-available="ours"]')).not.toBeNull())
    expect(text(c, '#f-availability')).toBe('acme-sip.sip.twilio.com is yours already.')
    expect(input(c).getAttribute('aria-invalid')).toBe('false')
  })

  it('asks once typing pauses and shows only the answer for the latest label', async () => {
    // The first label's answer comes back after the second's: it must not land.
    const calls = backend({
      domain_available: async (args) => {
        const label = arg<string>(args, 'label')
        await wait(label === 'slow' ? 600 : 10)
        return sipDomainAvailable(args)
      },
    })
    const box = fieldBox()
    const { container: c } = render(Harness, { props: { box } })
    await fireEvent.input(input(c), { target: { value: 's' } })
    await fireEvent.input(input(c), { target: { value: 'sl' } })
    await fireEvent.input(input(c), { target: { value: 'slow' } })
    await waitFor(() => expect(asked(calls)).toEqual(['slow']))
    await fireEvent.input(input(c), { target: { value: 'fast' } })
    await waitFor(() => expect(text(c, '#f-availability')).toContain('fast.sip.twilio.com is free'))
    await wait(700)
    expect(asked(calls)).toEqual(['slow', 'fast'])
    expect(text(c, '#f-availability')).toContain('fast.sip.twilio.com is free')
    expect(box.availability?.domain).toBe('fast.sip.twilio.com')
  })

  it('shows a failed check as an error next to the field', async () => {
    backend({
      domain_available: () => {
        throw { code: 'network', message: 'Twilio could not be reached: check the connection.' } satisfies AppError
      },
    })
    const box = fieldBox()
    const { container: c } = render(Harness, { props: { box } })
    await fireEvent.input(input(c), { target: { value: 'acme' } })
    await waitFor(() => expect(text(c, '#f-availability')).toBe('Error: Twilio could not be reached: check the connection.'))
    expect(box.availability).toMatchObject({ domain: 'acme.sip.twilio.com', available: false })
  })

  it('does not check the address the thing already has', async () => {
    const calls = backend({ domain_available: sipDomainAvailable })
    const box = fieldBox({ value: 'mine', domain: 'mine.sip.twilio.com' })
    const { container: c } = render(Harness, { props: { box, own: 'mine.sip.twilio.com' } })
    expect(text(c, '#f-availability')).toBe("✓ mine.sip.twilio.com is this domain's own address.")
    await wait(400)
    expect(asked(calls)).toEqual([])
  })

  it('checks a restored label again unless the last answer is about it, and a label set from outside', async () => {
    const calls = backend({ domain_available: sipDomainAvailable })
    const known = fieldBox({
      value: 'acme',
      domain: 'acme.sip.twilio.com',
      availability: { label: 'acme', domain: 'acme.sip.twilio.com', available: true, message: 'acme.sip.twilio.com is free on this account.' },
    })
    const first = render(Harness, { props: { box: known } })
    expect(text(first.container, '#f-availability')).toContain('acme.sip.twilio.com is free')
    await wait(400)
    expect(asked(calls)).toEqual([])
    cleanup()

    const stale = fieldBox({ value: 'other', domain: 'other.sip.twilio.com', availability: known.availability })
    const { container: c } = render(Harness, { props: { box: stale } })
    await waitFor(() => expect(asked(calls)).toEqual(['other']))
    await waitFor(() => expect(text(c, '#f-availability')).toContain('other.sip.twilio.com is free'))

    // A flow suggests a label (e.g. from a name): the domain follows and it is checked.
    stale.value = 'Suggested'
    flushSync()
    expect(stale.domain).toBe('suggested.sip.twilio.com')
    await waitFor(() => expect(asked(calls)).toEqual(['other', 'suggested']))
  })
})
