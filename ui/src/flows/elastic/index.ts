// The Elastic SIP trunk flow: from nothing to a working trunk — name and address, how Twilio
// knows the calls are yours, where incoming calls go, which numbers, recording, then the plan,
// the apply and the sheet for the PBX.
import { registerFlow } from '../../lib/flow'
import Apply from './Apply.svelte'
import Auth from './Auth.svelte'
import Done from './Done.svelte'
import Numbers from './Numbers.svelte'
import Options from './Options.svelte'
import Origination from './Origination.svelte'
import Review from './Review.svelte'
import Trunk from './Trunk.svelte'
import { applyGate, authGate, emptyElastic, numbersGate, optionsGate, originationGate, reviewGate, trunkGate } from './model'

registerFlow({
  id: 'elastic',
  title: 'Elastic SIP Trunk',
  blurb: 'Connect your PBX or SBC to the phone network through Twilio: calls out, calls in, your numbers on it.',
  order: 10,
  emptySpec: emptyElastic,
  steps: [
    { id: 'trunk', title: 'Trunk', hint: 'Name and address', component: Trunk, gate: trunkGate },
    { id: 'auth', title: 'Who may call out', hint: 'IP addresses, passwords', component: Auth, gate: authGate },
    { id: 'origination', title: 'Incoming calls', hint: 'Where Twilio sends them', component: Origination, gate: originationGate },
    { id: 'numbers', title: 'Numbers', hint: 'Which numbers ring here', component: Numbers, gate: numbersGate },
    { id: 'options', title: 'Options', hint: 'Recording, codecs', component: Options, gate: optionsGate },
    { id: 'review', title: 'Review', hint: 'The plan, before anything changes', component: Review, gate: reviewGate, nextLabel: 'Apply' },
    {
      id: 'apply',
      title: 'Apply',
      hint: 'Step by step',
      component: Apply,
      gate: applyGate,
      noBack: (s) => !s.outcome || s.outcome.ok,
    },
    { id: 'done', title: 'Done', hint: 'What to set on your PBX', component: Done, gate: () => ({ ok: true }), nextLabel: 'Finish', noBack: () => true },
  ],
})
