// Only ui/src/ipc/ may import @tauri-apps/*: the seam that lets the UI run against mockIPC.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const src = join(__dirname, '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

describe('the IPC seam', () => {
  it('nothing outside src/ipc imports @tauri-apps', () => {
    const offenders = files(src)
      .filter((f) => /\.(ts|svelte|js)$/.test(f))
      .filter((f) => !relative(src, f).startsWith('ipc'))
      .filter((f) => /from\s+['"]@tauri-apps\//.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
    expect(readFileSync(join(src, 'ipc', 'index.ts'), 'utf8')).toMatch(/from '@tauri-apps\/api\/core'/)
  })
})
