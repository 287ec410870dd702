// The phones' passwords, held in this window's memory only between the Phones step (where they
// are generated and handed to Rust's keychain) and the provisioning sheets on the Done page,
// which show each one once. Never in the spec, a draft, a file or a log.
const held = new Map<string, string>()

export function holdPassword(username: string, password: string): void {
  held.set(username, password)
}

/** The password of `username` if this window still holds it. */
export function heldPassword(username: string): string | null {
  return held.get(username) ?? null
}

/** Forgets every held password (after the sheets were printed, or when the flow ends). */
export function forgetPasswords(): void {
  held.clear()
}
