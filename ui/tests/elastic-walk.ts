// Walking the Elastic SIP trunk flow in the frame with a scripted backend (shared by
// elastic.test.ts and elastic-run.test.ts): the app connected to the demo up to the start page,
// Next and its reason, and the steps filled with valid values up to origination or options.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { expect } from 'vitest'
import App from '../src/App.svelte'
import { app } from '../src/lib/app.svelte'
import { staleInventory } from '../src/inventory/store.svelte'
import { type C, $, expectLabelled, type } from './dom'
import { type Call, backend, wizardHandlers } from './mock-backend'

export const next = (c: C) => $(c, '#next') as HTMLButtonElement
export const reason = (c: C) => $(c, '#next-reason')?.textContent ?? ''

/** Unmounts the app and forgets the session, the step and the inventory (for `afterEach`). */
export function resetApp() {
  cleanup()
  app.session = null
  app.step = 0
  staleInventory()
}

export async function nextEnabled(c: C) {
  expectLabelled(c)
  await waitFor(() => expect(next(c).disabled, reason(c)).toBe(false), { timeout: 2000 })
}

/** Renders the app connected to the demo and walks to the start page. */
export async function toStart(handlers = wizardHandlers()): Promise<{ c: C; calls: Call[] }> {
  const calls = backend(handlers)
  const { container } = render(App)
  await waitFor(() => expect($(container, '#numbers-total')?.textContent).toContain('25 numbers'))
  await fireEvent.click(next(container))
  await fireEvent.click(next(container))
  await waitFor(() => expect($(container, '#flow-elastic')).not.toBeNull(), { timeout: 10000 })
  return { c: container, calls }
}

export async function toStep(c: C, id: string) {
  await waitFor(() => expect($(c, `[data-flow-step="${id}"]`)).not.toBeNull())
}

/** Fills the trunk and auth steps with valid values and stands on origination. */
export async function throughAuth(c: C) {
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

/** Goes on from the start page with valid values and stands on the options step. */
export async function toOptions(c: C) {
  await throughAuth(c)
  await type(c, '#orig-0-url', 'sip:pbx.example.com')
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'numbers')
  await nextEnabled(c)
  await fireEvent.click(next(c))
  await toStep(c, 'options')
}
