/** The command line both binaries share: arguments, usage, and which data directory and keys it uses. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { createEngine } from '../core/engine'
import { HISTORY_FILE } from '../core/history/history-db'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import { EXIT } from './cli-io'
import { type CommandContext, runCommand } from './command'

let dir: string
let out: { stdout: string; stderr: string }
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-command-'))
  out = { stdout: '', stderr: '' }
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function context(over: Partial<CommandContext> = {}): CommandContext {
  return {
    program: 'eqp',
    engine: createEngine,
    dataDirHelp: 'the test default',
    io: {
      stdout: {
        write: (t) => {
          out.stdout += t
        },
      },
      stderr: {
        write: (t) => {
          out.stderr += t
        },
      },
      env: {},
    },
    ...over,
  }
}

test('--help prints the usage with the program and the default data directory; exit 0', async () => {
  expect(await runCommand(['--help'], context())).toBe(EXIT.ok)
  expect(out.stdout).toMatch(/^usage: eqp bench <spec.json\|spec.yaml>/)
  expect(out.stdout).toMatch(/--data-dir DIR +the history to record the run in \(default: the test default\)/)
})

test('an unknown flag, another command, a missing or extra spec: exit 2 with the usage', async () => {
  for (const argv of [
    ['bench', 's.yaml', '--outt', 'x'],
    ['run', 's.yaml'],
    ['bench'],
    ['bench', 'a.yaml', 'b.yaml'],
  ]) {
    out.stderr = ''
    expect(await runCommand(argv, context())).toBe(EXIT.usage)
    expect(out.stderr).toMatch(/usage: eqp bench/)
  }
  expect(out.stderr).not.toMatch(/Unknown option/)
})

test('the context’s data directory and key store are used unless --data-dir names another', async () => {
  const spec = join(dir, 's.yaml')
  writeFileSync(spec, 'models: [simulated/alpha]\nprompt: hi\nsimulated: {ttft_ms: 5, tokens_per_second: 4000}\n')
  const opened: string[] = []
  const openSecrets = async (dataDir: string) => {
    opened.push(dataDir)
    return createFileSecretStore(dataDir)
  }
  const appDir = join(dir, 'app')
  const args = ['bench', spec, '--out', join(dir, 'out')]
  expect(await runCommand(args, context({ dataDir: appDir, openSecrets }))).toBe(EXIT.ok)
  expect(await runCommand([...args, '--data-dir', join(dir, 'other')], context({ dataDir: appDir, openSecrets }))).toBe(
    EXIT.ok,
  )
  expect(opened).toEqual([appDir, join(dir, 'other')])
  for (const d of [appDir, join(dir, 'other')]) expect(existsSync(join(d, HISTORY_FILE))).toBe(true)
})
