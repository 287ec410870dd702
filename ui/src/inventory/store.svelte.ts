// The account's inventory (trunks, BYOC trunks, SIP domains, lists, numbers and how they link),
// loaded once per session with progress and shared by the Inventory page and the wizard steps
// that offer "reuse an existing list" or show which trunk a number is on.
import type { AppError } from '../bindings/AppError'
import type { Inventory } from '../bindings/Inventory'
import { asAppError, loadInventory } from '../ipc'

export type InventoryStatus = 'idle' | 'loading' | 'done' | 'error'

export const inventory = $state({
  status: 'idle' as InventoryStatus,
  /** What is being read now ("trunks", "numbers"…). */
  reading: '',
  numbersLoaded: 0,
  pages: 0,
  data: null as Inventory | null,
  error: null as AppError | null,
})

let generation = 0
let pending: Promise<void> | null = null

/** Loads (or reloads with `force`) the inventory; concurrent callers share one load. */
export function refreshInventory(force = false): Promise<void> {
  if (pending && !force) return pending
  if (inventory.status === 'done' && !force) return Promise.resolve()
  const mine = ++generation
  inventory.status = 'loading'
  inventory.reading = ''
  inventory.numbersLoaded = 0
  inventory.pages = 0
  inventory.error = null
  pending = (async () => {
    try {
      const data = await loadInventory((e) => {
        if (mine !== generation) return
        if (e.event === 'reading') inventory.reading = e.what
        else if (e.event === 'numbers_page') {
          inventory.reading = 'numbers'
          inventory.numbersLoaded = Number(e.loaded)
          inventory.pages = Number(e.page)
        }
      })
      if (mine === generation) {
        inventory.data = data
        inventory.status = 'done'
      }
    } catch (e) {
      if (mine === generation) {
        inventory.status = 'error'
        inventory.error = asAppError(e)
      }
    } finally {
      if (mine === generation) pending = null
    }
  })()
  return pending
}

/** Forget the inventory (after an apply or when the account changes). */
export function staleInventory(): void {
  generation++
  pending = null
  inventory.status = 'idle'
  inventory.data = null
}
