// Interop presets (Genesys Cloud BYOC, Bolna, the generic ones): their questions, the answers
// checked as the user types, the build into a spec plus the far-side sheet, the sheet saved as a
// file, "Register on Bolna" (the API key stays in Rust's keychain) and reading an imported spec
// file. Types are generated from Rust (src-tauri/src/commands/presets.rs).
import { invoke } from '@tauri-apps/api/core'
import type { AnswersCheck } from '../bindings/AnswersCheck'
import type { BolnaKeyStatus } from '../bindings/BolnaKeyStatus'
import type { BolnaRegistration } from '../bindings/BolnaRegistration'
import type { ImportedSpec } from '../bindings/ImportedSpec'
import type { PresetBuildResult } from '../bindings/PresetBuildResult'
import type { PresetForm } from '../bindings/PresetForm'
import type { PresetSummary } from '../bindings/PresetSummary'
import type { SavedFile } from '../bindings/SavedFile'
import type { SheetFormat } from '../bindings/SheetFormat'

/** Question id → answer (text, a list, or a number). Empty answers mean "use the default". */
export type Answers = Record<string, string | string[] | number>

export const listPresets = () => invoke<PresetSummary[]>('list_presets')

export const presetForm = (presetId: string) => invoke<PresetForm>('preset_form', { presetId })

/** Which questions apply to these answers, their defaults, and every problem (`answers.<id>`). */
export const checkPresetAnswers = (presetId: string, answers: Answers) =>
  invoke<AnswersCheck>('check_preset_answers', { request: { presetId, answers } })

/** The spec for Twilio and the far-side sheet, or the issues that stop the build. */
export const buildPreset = (presetId: string, answers: Answers) =>
  invoke<PresetBuildResult>('build_preset', { request: { presetId, answers } })

/** The far-side sheet as a printable, self-contained HTML page. */
export const farSideSheetHtml = (presetId: string, answers: Answers) =>
  invoke<string>('far_side_sheet_html', { request: { presetId, answers } })

/** Writes the far-side sheet into the user's Downloads/switchboard folder; returns the path. */
export const saveFarSideSheet = (presetId: string, answers: Answers, format: SheetFormat) =>
  invoke<SavedFile>('save_far_side_sheet', { request: { presetId, answers }, format })

/** Whether a Bolna API key is kept in the keychain. */
export const bolnaKeyStatus = () => invoke<BolnaKeyStatus>('bolna_key')

export const forgetBolnaKey = () => invoke<BolnaKeyStatus>('forget_bolna')

/**
 * Registers the Bolna preset's trunk and numbers on Bolna. `apiKey` (when given) is kept in the
 * keychain for next time; `sipPassword` is needed for username/password trunks only.
 */
export const registerOnBolna = (answers: Answers, apiKey?: string, sipPassword?: string) =>
  invoke<BolnaRegistration>('register_on_bolna', { request: { answers, apiKey, sipPassword } })

/** Reads a spec file's text (TOML or JSON) into a Spec and its issues. */
export const importSpecFile = (fileName: string, text: string) =>
  invoke<ImportedSpec>('import_spec_file', { request: { fileName, text } })
