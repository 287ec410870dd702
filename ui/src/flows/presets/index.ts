// Interop presets: connect Twilio to Genesys Cloud, Bolna, a pair of SBCs, an IP or a cloud PBX
// from a few answers, ending with the sheet for the other side. Also "Open a spec file", which
// opens the matching wizard with every step filled in.
import { registerFlow } from '../../lib/flow'
import Apply from '../elastic/Apply.svelte'
import Answers from './Answers.svelte'
import ChoosePreset from './ChoosePreset.svelte'
import Done from './Done.svelte'
import ImportSpec from './ImportSpec.svelte'
import Review from './Review.svelte'
import TwilioAnswers from './TwilioAnswers.svelte'
import { answersGate, applyGate, chooseGate, emptyPresetSpec, farGate, reviewGate } from './model'

registerFlow({
  id: 'presets',
  title: 'Connect a platform (presets)',
  blurb: 'Genesys Cloud, Bolna voice AI, a primary and backup SBC, an IP or cloud PBX: a few answers build the Twilio side and a sheet for the other side.',
  group: 'Preset',
  order: 30,
  emptySpec: emptyPresetSpec,
  steps: [
    { id: 'preset', title: 'Platform', hint: 'What you connect', component: ChoosePreset, gate: chooseGate },
    { id: 'answers', title: 'Their side', hint: 'Only what Switchboard cannot guess', component: Answers, gate: farGate },
    { id: 'twilio', title: 'Twilio side', hint: 'Address and numbers', component: TwilioAnswers, gate: answersGate },
    { id: 'review', title: 'Review', hint: 'Password and plan', component: Review, gate: reviewGate, nextLabel: 'Apply' },
    { id: 'apply', title: 'Apply', hint: 'Step by step', component: Apply, gate: applyGate, noBack: (s) => !s.outcome || s.outcome.ok },
    { id: 'done', title: 'Done', hint: 'The far-side sheet', component: Done, gate: () => ({ ok: true }), nextLabel: 'Finish', noBack: () => true },
  ],
})

registerFlow({
  id: 'import-spec',
  title: 'Open a spec file',
  blurb: 'A spec saved by Switchboard (TOML or JSON) opens its wizard with every step filled in.',
  group: 'Import',
  order: 90,
  emptySpec: emptyPresetSpec,
  steps: [{ id: 'file', title: 'Spec file', hint: 'TOML or JSON', component: ImportSpec, gate: () => ({ ok: false, reason: 'Choose a spec file.' }) }],
})
