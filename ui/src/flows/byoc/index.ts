// The BYOC flow: your carrier stays, Twilio handles the calls — the carrier connection, its SBCs
// in failover order, the BYOC trunk, optional routing by number, then the plan, the apply, the
// sheet for the carrier and an outbound test call.
import { registerFlow } from '../../lib/flow'
import Apply from '../elastic/Apply.svelte'
import { applyGate, reviewGate } from '../elastic/model'
import Review from '../elastic/Review.svelte'
import Done from './Done.svelte'
import { emptyByoc, policyGate, routingGate, targetsGate, trunkGate } from './model'
import Policy from './Policy.svelte'
import Routing from './Routing.svelte'
import Targets from './Targets.svelte'
import Trunk from './Trunk.svelte'

registerFlow({
  id: 'byoc',
  title: 'BYOC trunk',
  blurb: 'Keep your carrier and your numbers; let Twilio handle the calls (Bring Your Own Carrier), with an outbound test call at the end.',
  order: 20,
  emptySpec: emptyByoc,
  steps: [
    { id: 'policy', title: 'Carrier', hint: 'Name the connection', component: Policy, gate: policyGate },
    { id: 'targets', title: 'Carrier SBCs', hint: 'Where Twilio sends calls', component: Targets, gate: targetsGate },
    { id: 'trunk', title: 'BYOC trunk', hint: 'What happens to incoming calls', component: Trunk, gate: trunkGate },
    { id: 'routing', title: 'Routing by number', hint: 'Optional; calls from your carrier', component: Routing, gate: routingGate },
    { id: 'review', title: 'Review', hint: 'The plan, before anything changes', component: Review, gate: reviewGate, nextLabel: 'Apply' },
    { id: 'apply', title: 'Apply', hint: 'Step by step', component: Apply, gate: applyGate, noBack: (s) => !s.outcome || s.outcome.ok },
    { id: 'done', title: 'Done', hint: 'For your carrier; a test call', component: Done, gate: () => ({ ok: true }), nextLabel: 'Finish', noBack: () => true },
  ],
})
