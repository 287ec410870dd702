// A live FlowState for rendering one step of the BYOC or SIP phones flow on its own in a test
// (the frame is not involved: the test sets the issues Rust would have returned).
import { type FlowDef, type FlowState, type Issue, type Spec, findFlow, newFlowState } from '../src/lib/flow'
import '../src/flows/byoc/index'
import '../src/flows/sip/index'

export function flowFor(id: 'byoc' | 'sip_phones', edit?: (spec: any) => void): FlowState {
  const def = findFlow(id) as FlowDef
  const spec = def.emptySpec() as Spec
  edit?.(spec)
  const s = $state(newFlowState(def, spec))
  s.checked = true
  return s
}

export function setIssues(s: FlowState, issues: Issue[]): void {
  s.issues = issues
  s.checked = true
}
