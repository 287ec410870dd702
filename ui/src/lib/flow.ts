// The wizard's flows and the rule for leaving each step. Two kinds of step lists live here:
//
// - the connection steps (`steps`: connect, account) that every session starts with, and
// - the task flows ("Elastic SIP trunk", "BYOC trunk", presets…), each a `FlowDef` that edits one
//   `Spec`. Flows register themselves with `registerFlow` from their folder under `ui/src/flows/`
//   (loaded by `loadFlows` in `ui/src/flows/index.ts`, after the first screen is drawn; the start
//   page waits for it); the start page lists them, the frame (rail, Back / Next, side panel,
//   drafts) drives them.
//
// The UI holds no validation rules: a step's gate looks at the issues Rust returned for the
// current spec (`validateSpec`), restricted to the spec paths the step owns.
import type { Component } from 'svelte'
import type { SessionView } from '../bindings/SessionView'

// ---------------------------------------------------------------------------------------------
// Spec types: generated from Rust (ui/src/bindings), re-exported here for the flows.

export type { Spec } from '../bindings/Spec'
export type { ElasticTrunk } from '../bindings/ElasticTrunk'
export type { Issue } from '../bindings/Issue'
export type { Severity } from '../bindings/Severity'
export type { IpAclSpec } from '../bindings/IpAclSpec'
export type { CredentialListSpec } from '../bindings/CredentialListSpec'
export type { OriginationUrlSpec } from '../bindings/OriginationUrlSpec'
export type { RecordingMode } from '../bindings/RecordingMode'
export type { RecordingTrim } from '../bindings/RecordingTrim'
export type { TransferMode } from '../bindings/TransferMode'
export type { TransferCallerId } from '../bindings/TransferCallerId'
export type { HttpMethod } from '../bindings/HttpMethod'
import type { Issue } from '../bindings/Issue'
import type { Spec } from '../bindings/Spec'

// ---------------------------------------------------------------------------------------------
// Connection steps (before a task is chosen)

export type StepId = 'connect' | 'account'

export interface Step {
  id: string
  title: string
  hint: string
}

export const steps: Step[] = [
  { id: 'connect', title: 'Connect', hint: 'The demo or your Twilio account' },
  { id: 'account', title: 'Your account', hint: 'What Switchboard sees there' },
]

export interface Gate {
  ok: boolean
  /** Why Next is disabled, written next to it. */
  reason?: string
}

/** Whether Next may leave connection step `index` (the last one leads to the start page). */
export function gate(index: number, session: SessionView | null, numbersLoading: boolean): Gate {
  const step = steps[index]
  if (!step) return { ok: false, reason: 'There is no such step.' }
  if (!session) return { ok: false, reason: 'Connect to the demo or to your Twilio account first.' }
  if (step.id === 'connect' && numbersLoading) return { ok: false, reason: 'Wait until the phone numbers have loaded.' }
  return { ok: true }
}

// ---------------------------------------------------------------------------------------------
// Task flows

/** One step of a task flow. Its component receives `{ flow: FlowState }` as props. */
export interface FlowStep {
  id: string
  title: string
  hint: string
  component: Component<any>
  /** Next enabled? The reason is written next to it. Without a gate Next is always enabled. */
  gate?: (s: FlowState) => Gate
  /** Label of the Next button on this step ("Apply", "Finish"); "Next" by default. */
  nextLabel?: string
  /** Hide Back on this step (e.g. while or after applying). */
  noBack?: (s: FlowState) => boolean
}

export interface FlowDef {
  id: string
  title: string
  blurb: string
  steps: FlowStep[]
  /** Every flow edits one Spec; this is where a new wizard starts. */
  emptySpec: () => Spec
  /** Where the start page lists it (lower first); 100 by default. */
  order?: number
  /** Optional short text under the title on the start page, e.g. "Preset". */
  group?: string
  /** The side panel's live summary ({ flow } props); a generic one from the spec by default. */
  summary?: Component<any>
}

/**
 * The live state of one running flow, shared by the frame and every step of it (a Svelte
 * `$state` proxy: steps mutate `spec` and `data` in place and the frame re-validates).
 */
export interface FlowState {
  readonly def: FlowDef
  /** Index into `def.steps`. */
  step: number
  /** The spec being edited. Never holds a secret (passwords go to `setSipPassword`). */
  spec: Spec
  /** Every issue Rust's `validateSpec` found in `spec` (all severities). */
  issues: Issue[]
  /** True once `issues` belong to the current `spec` (false while a check is on its way). */
  checked: boolean
  /** Per-flow UI values saved with the draft (plain JSON, never a secret). */
  data: Record<string, unknown>
  /** The reviewed plan's id and view, set by the review step. */
  plan: PlanRef | null
  /** What the apply step ended with. */
  outcome: Outcome | null
  /** A long action of the current step ("Checking the domain…"): Next waits, this is the reason. */
  busy: string | null
}

/** The parts of `planSpec`'s PlanView the frame needs. */
export interface PlanRef {
  plan_id: string
  title: string
  empty: boolean
}

/** The parts of `applyPlan`'s ApplyOutcome the frame needs. */
export interface Outcome {
  ok: boolean
  rolled_back: boolean
  created: { description: string; sid: string }[]
  error: string | null
}

const registry = new Map<string, FlowDef>()

/** Adds a flow to the start page. Registering the same id again replaces it (hot reload). */
export function registerFlow(def: FlowDef): void {
  if (def.steps.length === 0) throw new Error(`flow ${def.id} has no steps`)
  registry.set(def.id, def)
}

/** The registered flows in start-page order. */
export function flows(): FlowDef[] {
  return [...registry.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.title.localeCompare(b.title))
}

export function findFlow(id: string): FlowDef | undefined {
  return registry.get(id)
}

// Opening a flow from inside another one ("Open a spec file" → the wizard for that spec with
// every step filled in). The frame says how it starts a flow with `setFlowOpener`.
type FlowOpener = (def: FlowDef, spec?: Spec, step?: number, data?: Record<string, unknown>) => void
let opener: FlowOpener | null = null

/** The frame's way to start a flow (App.svelte sets it). */
export function setFlowOpener(fn: FlowOpener | null): void {
  opener = fn
}

/** Starts `def` with `spec`; false when no frame is there to open it. */
export function openFlow(def: FlowDef, spec?: Spec, step = 0, data: Record<string, unknown> = {}): boolean {
  if (!opener) return false
  opener(def, spec, step, data)
  return true
}

/** A fresh state for `def` (the frame wraps it in `$state`). */
export function newFlowState(def: FlowDef, spec?: Spec, step = 0, data: Record<string, unknown> = {}): FlowState {
  return {
    def,
    step: Math.min(Math.max(0, step), def.steps.length - 1),
    spec: spec ?? def.emptySpec(),
    issues: [],
    checked: false,
    data,
    plan: null,
    outcome: null,
    busy: null,
  }
}

/** True when `path` is `prefix` itself or lies under it (`a` covers `a.b`, `a[0]`, `a[0].b`). */
export function pathUnder(path: string, prefix: string): boolean {
  if (prefix === '') return true
  if (path === prefix) return true
  return path.startsWith(prefix) && (path[prefix.length] === '.' || path[prefix.length] === '[')
}

/** The issues at or under any of `prefixes`, optionally of one severity. */
export function issuesAt(s: Pick<FlowState, 'issues'>, prefixes: string | string[], severity?: Issue['severity']): Issue[] {
  const list = typeof prefixes === 'string' ? [prefixes] : prefixes
  return s.issues.filter((i) => list.some((p) => pathUnder(i.path, p)) && (!severity || i.severity === severity))
}

/** The issues exactly at `path` (for a FieldIssue next to one field). */
export function issuesExactly(s: Pick<FlowState, 'issues'>, path: string): Issue[] {
  return s.issues.filter((i) => i.path === path)
}

/**
 * The usual gate: Next is enabled when Rust found no error under the step's paths. While a
 * check is on its way or the step is busy, Next waits and says why.
 */
export function gateOnIssues(s: FlowState, prefixes: string[]): Gate {
  if (s.busy) return { ok: false, reason: s.busy }
  if (!s.checked) return { ok: false, reason: 'Checking what you entered…' }
  const errors = issuesAt(s, prefixes, 'error')
  if (errors.length === 1) return { ok: false, reason: `Fix the problem marked above: ${errors[0].message}` }
  if (errors.length > 1) return { ok: false, reason: `Fix the ${errors.length} problems marked above (first: ${errors[0].message})` }
  return { ok: true }
}

/** The gate of a flow's current step, with the frame's own rules (busy) first. */
export function flowGate(s: FlowState): Gate {
  const step = s.def.steps[s.step]
  if (!step) return { ok: false, reason: 'There is no such step.' }
  if (s.busy) return { ok: false, reason: s.busy }
  if (step.gate) return step.gate(s)
  if (s.step === s.def.steps.length - 1) return { ok: false, reason: 'This is the last step.' }
  return { ok: true }
}

// ---------------------------------------------------------------------------------------------
// People-friendly values

/** "+14155550100" → "+1 415 555 0100" (NANP and London grouped; other numbers stay E.164). */
export function formatNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  if (m) return `+1 ${m[1]} ${m[2]} ${m[3]}`
  const london = /^\+4420(\d{4})(\d{4})$/.exec(e164)
  if (london) return `+44 20 ${london[1]} ${london[2]}`
  return e164
}
