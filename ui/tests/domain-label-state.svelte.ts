// Live state for tests/domain-label-harness.svelte: what a flow step binds the field to.
import type { DomainAvailability } from '../src/bindings/DomainAvailability'

export interface FieldBox {
  value: string
  domain: string
  availability: DomainAvailability | null | undefined
}

export function fieldBox(init: Partial<FieldBox> = {}): FieldBox {
  const b = $state<FieldBox>({ value: '', domain: '', availability: null, ...init })
  return b
}
