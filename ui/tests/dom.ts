// DOM helpers shared by the wizard's component tests: find an element, read its text, type into
// a field once it is on screen, and check that every field has a name a screen reader can say.
import { fireEvent, waitFor } from '@testing-library/svelte'
import { expect } from 'vitest'

export type C = HTMLElement

export const $ = (c: C, css: string) => c.querySelector(css) as HTMLElement | null

/** The text of `css` with its white space collapsed ('' when it is not there). */
export const text = (c: C, css: string) => $(c, css)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

/** Waits for the field `css`, then sets its value as typing would (one input event). */
export async function type(c: C, css: string, value: string) {
  const el = await waitFor(() => {
    const e = $(c, css)
    expect(e, css).not.toBeNull()
    return e as HTMLInputElement
  })
  await fireEvent.input(el, { target: { value } })
}

/**
 * Every field on screen has a name a screen reader can say (a label or aria-label). With
 * `nonEmpty`, there must be at least one field (a step that should have fields has them).
 */
export function expectLabelled(c: C, { nonEmpty = false }: { nonEmpty?: boolean } = {}) {
  const fields = [...c.querySelectorAll('input, select, textarea')] as HTMLInputElement[]
  if (nonEmpty) expect(fields.length).toBeGreaterThan(0)
  for (const f of fields) {
    const named = (f.labels?.length ?? 0) > 0 || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby')
    expect(named, `unlabelled field #${f.id} (${f.type})`).toBeTruthy()
  }
}
