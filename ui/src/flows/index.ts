// Loads every flow: each folder here (`elastic/`, `byoc/`, `sip/`, `presets/`…) has an
// `index.ts` that calls `registerFlow(...)` from ../lib/flow. The glob below finds them all, so a
// new flow is a new folder: nobody has to edit this file (and nobody's lines collide in it).
//
// The flows' code (every step of every wizard, more than half of the UI) is not part of the first
// screen: it loads in its own chunks, started by the frame once the first screen is drawn
// (App.svelte) and awaited by the start page, which lists the flows (Start.svelte). Before the
// start page nothing needs a flow; from it on, every flow is registered, as before.
import { type FlowDef, flows } from '../lib/flow'

const modules = import.meta.glob('./*/index.ts')

let loading: Promise<FlowDef[]> | null = null
let loaded = false

/** Registers every flow (once; later calls share the first), then lists them in start-page order. */
export function loadFlows(): Promise<FlowDef[]> {
  loading ??= Promise.all(Object.values(modules).map((load) => load())).then(
    () => {
      loaded = true
      return flows()
    },
    (e: unknown) => {
      loading = null // a later call tries again
      throw e
    },
  )
  return loading
}

/** The flows if `loadFlows` has finished, else null. */
export function loadedFlows(): FlowDef[] | null {
  return loaded ? flows() : null
}

/** The folders that register a flow (for diagnostics and tests). */
export const flowFolders: string[] = Object.keys(modules)
  .map((p) => p.split('/')[1])
  .sort()
