import { cleanup, render } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import Topology from '../src/components/Topology.svelte'
import { failoverTiers, percent } from '../src/components/failover'
import { pathUnder, issuesAt, gateOnIssues, newFlowState, registerFlow, flows, type FlowDef } from '../src/lib/flow'
import { splitPasted } from '../src/lib/paste'
import { emptyElastic, suggestLabel } from '../src/flows/elastic/model'

afterEach(cleanup)

describe('splitPasted', () => {
  it('splits commas, semicolons, tabs, spaces and new lines, and drops repeats', () => {
    expect(splitPasted('203.0.113.10, 198.51.100.0/30\n10.0.0.5;  203.0.113.10\t192.0.2.1 192.0.2.2')).toEqual([
      '203.0.113.10', '198.51.100.0/30', '10.0.0.5', '192.0.2.1', '192.0.2.2',
    ])
    expect(splitPasted('  \n\n ')).toEqual([])
  })

  it('keeps a number written with spaces or brackets whole', () => {
    expect(splitPasted('+44 20 7946 0958\n(415) 555-0100\n+1 415 555 0101, +1 415 555 0102')).toEqual([
      '+44 20 7946 0958', '(415) 555-0100', '+1 415 555 0101', '+1 415 555 0102',
    ])
  })

  it('reads only the named column of a CSV with a header, quotes and all', () => {
    const csv = 'Friendly Name,Phone Number,Capabilities\r\n"Sales, West",+14155550100,voice\r\nSupport,"+1 415 555 0101",voice\r\n'
    expect(splitPasted(csv)).toEqual(['+14155550100', '+1 415 555 0101'])
    expect(splitPasted('number\n+14155550100\n+14155550101')).toEqual(['+14155550100', '+14155550101'])
  })

  it('does not take a first line of values for a header', () => {
    expect(splitPasted('alice, bob\ncarol')).toEqual(['alice', 'bob', 'carol'])
  })
})

describe('failover', () => {
  it('orders by priority and shares by weight within a priority, skipping disabled ones', () => {
    const tiers = failoverTiers([
      { sip_url: 'sip:b', priority: 20, weight: 10 },
      { sip_url: 'sip:a1', priority: 10, weight: 30 },
      { sip_url: 'sip:a2', priority: 10, weight: 10 },
      { sip_url: 'sip:off', priority: 5, weight: 10, enabled: false },
    ])
    expect(tiers.map((t) => [t.priority, t.rank])).toEqual([[10, 1], [20, 2]])
    expect(tiers[0].routes.map((r) => [r.route.sip_url, percent(r.share)])).toEqual([['sip:a1', '75%'], ['sip:a2', '25%']])
    expect(tiers[1].routes[0].share).toBe(1)
  })
})

describe('flow helpers', () => {
  it('matches issue paths under a prefix, not beside it', () => {
    expect(pathUnder('origination_urls[0].sip_url', 'origination_urls')).toBe(true)
    expect(pathUnder('origination_urls', 'origination_urls')).toBe(true)
    expect(pathUnder('origination_urls_x', 'origination_urls')).toBe(false)
    expect(pathUnder('name', '')).toBe(true)
  })

  it('gates on errors only, and waits for the check', () => {
    const def: FlowDef = { id: 'test-flow', title: 'T', blurb: '', steps: [{ id: 's', title: 'S', hint: '', component: Topology }], emptySpec: emptyElastic }
    registerFlow(def)
    expect(flows().some((f) => f.id === 'test-flow')).toBe(true)
    const s = newFlowState(def)
    expect(gateOnIssues(s, ['name'])).toEqual({ ok: false, reason: 'Checking what you entered…' })
    s.checked = true
    s.issues = [
      { path: 'name', message: 'The name is empty.', severity: 'error' },
      { path: 'recording.mode', message: 'Records every call.', severity: 'warning' },
    ]
    expect(gateOnIssues(s, ['name'])).toEqual({ ok: false, reason: 'Fix the problem marked above: The name is empty.' })
    expect(gateOnIssues(s, ['recording']).ok).toBe(true)
    expect(issuesAt(s, 'recording', 'warning')).toHaveLength(1)
    s.busy = 'Checking the domain…'
    expect(gateOnIssues(s, ['recording'])).toEqual({ ok: false, reason: 'Checking the domain…' })
  })

  it('suggests a termination label from a trunk name', () => {
    expect(suggestLabel('Office PBX (London) #2')).toBe('office-pbx-london-2')
    expect(suggestLabel('  ')).toBe('')
  })
})

describe('topology', () => {
  it('draws the trunk with its address, auth and origination URIs in failover order', () => {
    const spec = emptyElastic() as any
    spec.name = 'Acme'
    spec.termination_domain = 'acme.pstn.twilio.com'
    spec.ip_acls = [{ name: 'A', addresses: ['203.0.113.10', '198.51.100.0/30'] }]
    spec.origination_urls = [
      { name: 'B', sip_url: 'sip:backup.example.com', priority: 20, weight: 10, enabled: true },
      { name: 'P', sip_url: 'sip:pbx.example.com', priority: 10, weight: 10, enabled: true },
    ]
    const { container } = render(Topology, { props: { spec, id: 't' } })
    const text = [...container.querySelectorAll('svg text')].map((t) => t.textContent)
    expect(text).toContain('acme.pstn.twilio.com')
    expect(text).toContain('2 IP addresses allowed')
    const inbound = text.filter((t) => t?.startsWith('1.') || t?.startsWith('2.'))
    expect(inbound).toEqual(['1. sip:pbx.example.com', '2. sip:backup.example.com'])
    expect(container.querySelector('line.pending')).not.toBeNull() // no numbers yet: dashed
    expect(container.querySelector('svg')?.getAttribute('role')).toBe('img')
  })
})

describe('glossary', () => {
  it('opens a term in place from its button and closes with Escape', async () => {
    const { default: Glossary } = await import('../src/components/Glossary.svelte')
    const { fireEvent } = await import('@testing-library/svelte')
    const { container } = render(Glossary, { props: { term: 'origination' } })
    const button = container.querySelector('button.gl-btn') as HTMLButtonElement
    expect(button.getAttribute('aria-label')).toBe('What is Origination?')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    await fireEvent.click(button)
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(container.querySelector('.gl-pop')?.textContent).toContain('Calls coming in from the phone network')
    await fireEvent.keyDown(button, { key: 'Escape' })
    expect(container.querySelector('.gl-pop')).toBeNull()
  })
})
