// Shared UI state: the current session, the wizard position and the numbers being loaded.
// Everything here is a plain reactive object; talking to Rust goes through ../ipc.
import type { AppError } from '../bindings/AppError'
import type { NumberView } from '../bindings/NumberView'
import type { SessionView } from '../bindings/SessionView'
import { asAppError, loadNumbers } from '../ipc'

export const app = $state({
  session: null as SessionView | null,
  step: 0,
})

export type NumbersStatus = 'idle' | 'loading' | 'done' | 'error'

export const numbers = $state({
  status: 'idle' as NumbersStatus,
  pages: 0,
  loaded: 0,
  list: [] as NumberView[],
  error: null as AppError | null,
})

let generation = 0

/** Loads the connected account's numbers page by page, replacing any earlier list. */
export async function refreshNumbers(): Promise<void> {
  const mine = ++generation
  numbers.status = 'loading'
  numbers.pages = 0
  numbers.loaded = 0
  numbers.list = []
  numbers.error = null
  try {
    await loadNumbers((e) => {
      if (mine !== generation) return
      if (e.event === 'page') {
        numbers.pages = e.page
        numbers.loaded = e.loaded
        numbers.list = [...numbers.list, ...e.numbers]
      }
    })
    if (mine === generation) numbers.status = 'done'
  } catch (e) {
    if (mine === generation) {
      numbers.status = 'error'
      numbers.error = asAppError(e)
    }
  }
}

/** Sets the session (after a connect) and starts loading its numbers. */
export function connected(session: SessionView | null): void {
  app.session = session
  if (session) {
    void refreshNumbers()
  } else {
    generation++
    numbers.status = 'idle'
    numbers.list = []
    numbers.loaded = 0
    numbers.pages = 0
    numbers.error = null
    app.step = 0
  }
}
