// The "Check connectivity" component: URIs or a spec go to Rust, results appear per URI as they
// stream in (verdict, status, round trip), then a summary; nothing to check is said plainly.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import ConnectivityCheck from '../src/components/ConnectivityCheck.svelte'
import { backend, fail, streamEvents } from './mock-backend'

afterEach(cleanup)

const ok = {
  uri: 'sip:sbc.example.com:5060',
  reachable: true,
  status: 200,
  reason: 'OK',
  rttMs: 23,
  verdict: 'reachable, answers 200 OK in 23 ms',
  transport: 'UDP',
  address: '203.0.113.10:5060',
  userAgent: 'AcmeSBC 2.1',
  certificate: null,
}
const silent = {
  uri: 'sip:backup.example.com:5061;transport=tls',
  reachable: false,
  status: null,
  reason: null,
  rttMs: null,
  verdict: 'TLS handshake failed: certificate is for sbc.example.net, not backup.example.com',
  transport: 'TLS',
  address: '203.0.113.11:5061',
  userAgent: null,
  certificate: {
    names: ['sbc.example.net'],
    issuer: 'CN=sbc.example.net',
    notAfter: '2027-01-01T00:00:00Z',
    expired: false,
    selfSigned: true,
    trusted: false,
    matchesHost: false,
  },
}

describe('ConnectivityCheck', () => {
  it('checks the URIs and shows each result in plain words', async () => {
    const calls = backend({
      check_connectivity: (args) => {
        streamEvents(args, [
          { event: 'started', uris: [ok.uri, silent.uri] },
          { event: 'result', index: 1, result: silent },
          { event: 'result', index: 0, result: ok },
        ])
        return { results: [ok, silent], reachable: 1, total: 2 }
      },
    })
    const { container: c } = render(ConnectivityCheck, { uris: [ok.uri, silent.uri], id: 'cc' })
    await fireEvent.click(c.querySelector('#cc-run')!)
    await waitFor(() => expect(c.querySelector('#cc-summary')?.textContent).toBe('1 of 2 addresses answered.'))
    const rows = c.querySelectorAll('#cc-results li')
    expect(rows).toHaveLength(2)
    expect(rows[0].getAttribute('data-state')).toBe('reachable')
    expect(rows[0].querySelector('.verdict')?.textContent).toBe('reachable, answers 200 OK in 23 ms')
    expect(rows[0].querySelector('.status')?.textContent).toBe('200 OK')
    expect(rows[0].querySelector('.rtt')?.textContent).toBe('23 ms')
    expect(rows[1].getAttribute('data-state')).toBe('unreachable')
    expect(rows[1].querySelector('.status')?.textContent).toBe('No SIP answer')
    expect(rows[1].querySelector('.cert')?.textContent).toMatch(/does not match this host.*self-signed/s)
    expect(calls[0].args.request).toEqual({ uris: [ok.uri, silent.uri], spec: undefined, timeoutMs: undefined })
  })

  it('sends a spec whole, and shows an error from Rust', async () => {
    const spec = { kind: 'elastic_trunk', origination_urls: [{ sip_url: ok.uri }] }
    const calls = backend({
      check_connectivity: () => fail({ code: 'invalid_input', field: 'uris', message: 'There is nothing to check yet.' }),
    })
    const { container: c } = render(ConnectivityCheck, { spec, id: 'cc' })
    await fireEvent.click(c.querySelector('#cc-run')!)
    await waitFor(() => expect(c.querySelector('#cc-error')?.textContent).toContain('nothing to check'))
    expect((calls[0].args.request as { spec: unknown }).spec).toEqual(spec)
  })

  it('says when there is nothing to check', () => {
    backend({})
    const { container: c } = render(ConnectivityCheck, { uris: [' '], id: 'cc' })
    expect((c.querySelector('#cc-run') as HTMLButtonElement).disabled).toBe(true)
    expect(c.querySelector('#cc-nothing')?.textContent).toMatch(/no SIP address/)
  })
})
