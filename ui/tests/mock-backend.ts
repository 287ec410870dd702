// A scripted backend for the UI tests: answers the commands through Tauri's `mockIPC`, records
// every call, and streams channel events the way the Rust side does.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { AppError } from '../src/bindings/AppError'
import type { NumbersEvent } from '../src/bindings/NumbersEvent'
import type { ProfileView } from '../src/bindings/ProfileView'
import type { SessionView } from '../src/bindings/SessionView'

export interface Call {
  cmd: string
  args: Record<string, unknown>
}

export const demoSession: SessionView = {
  account: { sid: 'AC0de5a4db0c5e11aa0de5a4db0c5e11aa', friendlyName: 'Switchboard Demo', status: 'active', accountType: 'Full' },
  demo: true,
  apiBaseUrl: 'http://127.0.0.1:1234',
}

export const acmeProfile: ProfileView = {
  id: 'p-1',
  name: 'Acme Corp',
  accountSid: 'AC00000000000000000000000000ac3e01',
  credential: { kind: 'apiKey', keySid: 'SK00000000000000000000000000000001', createdByApp: true },
  endpoint: {},
}

export const acmeSession: SessionView = {
  account: { sid: acmeProfile.accountSid, friendlyName: 'Acme Corp', status: 'active', accountType: 'Full' },
  demo: false,
  profile: acmeProfile,
  apiBaseUrl: 'https://api.twilio.com',
}

type Handler = (args: Record<string, unknown>) => unknown

/** Sends `events` on the channel passed as `onEvent`, in order, as the Rust side would. */
export function stream(args: Record<string, unknown>, events: NumbersEvent[]): void {
  const channel = args.onEvent as { id: number }
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__
  events.forEach((message, index) => internals.runCallback(channel.id, { index, message }))
}

export function page(n: number, from: number, count: number): NumbersEvent {
  const numbers = Array.from({ length: count }, (_, i) => ({
    sid: `PN${String(from + i).padStart(32, '0')}`,
    phoneNumber: `+1415555${String(1000 + from + i)}`,
    friendlyName: `Line ${from + i}`,
  }))
  return { event: 'page', page: n, numbers, loaded: from + count }
}

export function backend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = []
  clearMocks()
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    const h = handlers[cmd]
    if (!h) throw { code: 'internal', message: `unexpected command ${cmd}` } satisfies AppError
    return h(args)
  })
  return calls
}

export function fail(error: AppError): never {
  throw error
}
