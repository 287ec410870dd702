// What an apply (or resume, rollback, teardown) run has done so far, folded from the engine's
// events. Kept outside ApplyRun so a step can show a finished run again without re-running it.
import type { ApplyEvent } from '../bindings/ApplyEvent'
import type { ApplyOutcome } from '../bindings/ApplyOutcome'
import type { AppError } from '../bindings/AppError'

export type RunStepState = 'waiting' | 'running' | 'done' | 'skipped' | 'failed' | 'reverted' | 'revert_failed'

export interface RunStep {
  id: number
  description: string
  state: RunStepState
  sid?: string
  /** Why it failed / was skipped, in plain words. */
  note?: string
}

export interface RunLog {
  started: boolean
  total: number
  steps: RunStep[]
  /** Set when a failure started the rollback. */
  rollback: { reason: string } | null
  outcome: ApplyOutcome | null
  error: AppError | null
}

export function newRunLog(planned: { id: number; description: string }[] = []): RunLog {
  return {
    started: false,
    total: planned.length,
    steps: planned.map((p) => ({ id: p.id, description: p.description, state: 'waiting' })),
    rollback: null,
    outcome: null,
    error: null,
  }
}

function stepOf(log: RunLog, id: number, description = ''): RunStep {
  let s = log.steps.find((x) => x.id === id)
  if (!s) {
    s = { id, description: description || `Step ${id + 1}`, state: 'waiting' }
    log.steps.push(s)
  }
  if (description) s.description = description
  return s
}

/** Applies one engine event to the log (mutates it: pass a $state proxy). */
export function fold(log: RunLog, e: ApplyEvent): void {
  switch (e.event) {
    case 'run_started':
      log.started = true
      log.total = Math.max(log.total, Number(e.steps))
      break
    case 'step_started':
      stepOf(log, Number(e.id), e.description).state = 'running'
      break
    case 'step_succeeded': {
      const s = stepOf(log, Number(e.id))
      s.state = 'done'
      if (e.sid) s.sid = e.sid
      break
    }
    case 'step_skipped': {
      const s = stepOf(log, Number(e.id))
      s.state = 'skipped'
      s.note = e.reason
      break
    }
    case 'step_failed': {
      const s = stepOf(log, Number(e.id))
      s.state = 'failed'
      s.note = e.error
      break
    }
    case 'rollback_started':
      log.rollback = { reason: e.reason }
      break
    case 'step_reverted':
      stepOf(log, Number(e.id), e.description).state = 'reverted'
      break
    case 'revert_failed': {
      const s = stepOf(log, Number(e.id))
      s.state = 'revert_failed'
      s.note = e.error
      break
    }
    case 'finished':
      break
  }
}

/** Steps finished (done or nothing to do) out of the total. */
export function progress(log: RunLog): { done: number; total: number } {
  const done = log.steps.filter((s) => s.state === 'done' || s.state === 'skipped' || s.state === 'reverted').length
  return { done, total: Math.max(log.total, log.steps.length) }
}
