import { describe, expect, it } from 'vitest'
import { formatNumber, gate, steps } from '../src/lib/flow'
import { demoSession } from './mock-backend'

describe('flow rules', () => {
  it('Next needs a connection and loaded numbers on the connect step', () => {
    expect(gate(0, null, false)).toEqual({ ok: false, reason: 'Connect to the demo or to your Twilio account first.' })
    expect(gate(0, demoSession, true).ok).toBe(false)
    expect(gate(0, demoSession, false)).toEqual({ ok: true })
    // The account step leads to the start page ("What do you want to set up?").
    expect(gate(steps.length - 1, demoSession, false)).toEqual({ ok: true })
    expect(gate(steps.length - 1, null, false).ok).toBe(false)
  })

  it('formats numbers for people', () => {
    expect(formatNumber('+14155550100')).toBe('+1 415 555 0100')
    expect(formatNumber('+442079460958')).toBe('+44 20 7946 0958')
    expect(formatNumber('+33123456789')).toBe('+33123456789')
    expect(formatNumber('+441614960123')).toBe('+441614960123')
  })
})
