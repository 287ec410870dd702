// Loads every flow: each folder here (`elastic/`, `byoc/`, `sip-phones/`, `presets/`…) has an
// `index.ts` that calls `registerFlow(...)` from ../lib/flow. The glob below imports them all, so a
// new flow is a new folder: nobody has to edit this file (and nobody's lines collide in it).
// Import this module once, before the start page renders (App.svelte does).
const modules = import.meta.glob('./*/index.ts', { eager: true })

/** The folders that registered a flow (for diagnostics and tests). */
export const flowFolders: string[] = Object.keys(modules)
  .map((p) => p.split('/')[1])
  .sort()
