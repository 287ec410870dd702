// The DID router's table as the UI edits it (the generated types of
// `switchboard_core::router`): which account number goes where, plus a default for every other
// number, and the words the table shows for each kind of destination.
import type { Destination } from '../../bindings/Destination'
import type { RouterSpec } from '../../bindings/RouterSpec'

export type { Destination } from '../../bindings/Destination'
export type { RouteRow } from '../../bindings/RouteRow'
export type { RouterSpec } from '../../bindings/RouterSpec'

export type DestinationKind = Destination['kind']

/** Plain words for each kind of destination, with the Twilio term second. */
export const kinds: { kind: DestinationKind; label: string; field: string; placeholder: string; help: string }[] = [
  {
    kind: 'webhook',
    label: 'Your app (webhook URL)',
    field: 'url',
    placeholder: 'https://example.com/voice',
    help: 'Twilio asks this address what to do with the call (it answers with TwiML).',
  },
  {
    kind: 'studio_flow',
    label: 'A Studio flow',
    field: 'flow_sid',
    placeholder: 'FW…',
    help: 'The Studio flow’s SID, from Studio in the Twilio Console (starts with FW).',
  },
  {
    kind: 'sip',
    label: 'A SIP phone or server (SIP URI)',
    field: 'uri',
    placeholder: 'sip:alice@example.sip.twilio.com',
    help: 'Twilio dials this SIP address.',
  },
  {
    kind: 'phone',
    label: 'A phone number (forward)',
    field: 'number',
    placeholder: '+14155550100',
    help: 'Twilio forwards the call to this number, written in E.164 (+ country code and number).',
  },
]

export function kindInfo(kind: DestinationKind) {
  return kinds.find((k) => k.kind === kind) ?? kinds[0]
}

/** A destination of `kind` with `value` in its one field. */
export function destination(kind: DestinationKind, value = '', callerId?: string): Destination {
  switch (kind) {
    case 'webhook':
      return { kind, url: value }
    case 'studio_flow':
      return { kind, flow_sid: value }
    case 'sip':
      return callerId ? { kind, uri: value, caller_id: callerId } : { kind, uri: value }
    case 'phone':
      return callerId ? { kind, number: value, caller_id: callerId } : { kind, number: value }
  }
}

/** The one value a destination holds. */
export function valueOf(d: Destination): string {
  switch (d.kind) {
    case 'webhook':
      return d.url
    case 'studio_flow':
      return d.flow_sid
    case 'sip':
      return d.uri
    case 'phone':
      return d.number
  }
}

/** The spec path of a destination's value, e.g. `router.rows[2].destination.url`. */
export function valuePath(base: string, d: Destination): string {
  return `${base}.${kindInfo(d.kind).field}`
}

/** A one-line description for people: "dial sip:alice@… ". */
export function describe(d: Destination): string {
  const v = valueOf(d) || '(not set)'
  switch (d.kind) {
    case 'webhook':
      return `ask ${v}`
    case 'studio_flow':
      return `Studio flow ${v}`
    case 'sip':
      return `ring ${v}`
    case 'phone':
      return `forward to ${v}`
  }
}

/** A router with no rows, sending every call to `fallback`. */
export function emptyRouter(serviceName: string, fallback: Destination = destination('webhook')): RouterSpec {
  return { service_name: serviceName, rows: [], default: fallback }
}
