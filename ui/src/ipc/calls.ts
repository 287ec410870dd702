// The outbound test call: placed in Rust (Calls API, optionally over a BYOC trunk), each status
// change streamed back over a channel until the call ends.
import { Channel, invoke } from '@tauri-apps/api/core'
import type { CallStatusEvent } from '../bindings/CallStatusEvent'
import type { TestCallRequest } from '../bindings/TestCallRequest'

/** Places the call; `onStatus` sees every status until the final one, which is also returned. */
export function testCall(request: TestCallRequest, onStatus: (e: CallStatusEvent) => void): Promise<CallStatusEvent> {
  const channel = new Channel<CallStatusEvent>()
  channel.onmessage = onStatus
  return invoke<CallStatusEvent>('test_call', { request, onEvent: channel })
}
