// "Check connectivity": SIP OPTIONS to each URI from this computer, each result streamed back as
// it arrives. Types are generated from Rust (src-tauri/src/commands/connectivity.rs).
import { Channel, invoke } from '@tauri-apps/api/core'
import type { ConnectivityEvent } from '../bindings/ConnectivityEvent'
import type { ConnectivitySummary } from '../bindings/ConnectivitySummary'

/** Checks `uris` and every `sip:` URI in `spec`; `onEvent` sees each result as it finishes. */
export function checkConnectivity(
  target: { uris?: string[]; spec?: unknown; timeoutMs?: number },
  onEvent: (e: ConnectivityEvent) => void,
): Promise<ConnectivitySummary> {
  const channel = new Channel<ConnectivityEvent>()
  channel.onmessage = onEvent
  const request = { uris: target.uris ?? [], spec: target.spec, timeoutMs: target.timeoutMs }
  return invoke<ConnectivitySummary>('check_connectivity', { request, onEvent: channel })
}
