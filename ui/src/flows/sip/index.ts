// The SIP phones flow: desk and softphones that get their dial tone straight from Twilio — the
// phones and their passwords, the SIP domain, which numbers ring which phones, the dial plan,
// then the plan, the apply and one setup sheet per phone.
import { registerFlow } from '../../lib/flow'
import Apply from '../elastic/Apply.svelte'
import { applyGate, reviewGate } from '../elastic/model'
import Review from '../elastic/Review.svelte'
import DialPlanStep from './DialPlanStep.svelte'
import { dialPlanGate } from './dialplan.svelte'
import Domain from './Domain.svelte'
import Done from './Done.svelte'
import Incoming from './Incoming.svelte'
import { domainGate, emptySip, incomingGate, phonesGate } from './model'
import Phones from './Phones.svelte'

registerFlow({
  id: 'sip_phones',
  title: 'SIP phones',
  blurb: 'Desk phones and softphones that register straight to Twilio (a SIP domain): passwords, numbers, dial plan and a setup sheet per phone.',
  order: 30,
  emptySpec: emptySip,
  steps: [
    { id: 'phones', title: 'Phones', hint: 'Usernames and passwords', component: Phones, gate: phonesGate },
    { id: 'domain', title: 'SIP domain', hint: 'Where phones connect', component: Domain, gate: domainGate },
    { id: 'incoming', title: 'Incoming calls', hint: 'Which numbers ring which phones', component: Incoming, gate: incomingGate },
    { id: 'dialplan', title: 'Dial plan', hint: 'What the phones send', component: DialPlanStep, gate: dialPlanGate },
    { id: 'review', title: 'Review', hint: 'The plan, before anything changes', component: Review, gate: reviewGate, nextLabel: 'Apply' },
    { id: 'apply', title: 'Apply', hint: 'Step by step', component: Apply, gate: applyGate, noBack: (s) => !s.outcome || s.outcome.ok },
    { id: 'done', title: 'Done', hint: 'A sheet per phone', component: Done, gate: () => ({ ok: true }), nextLabel: 'Finish', noBack: () => true },
  ],
})
