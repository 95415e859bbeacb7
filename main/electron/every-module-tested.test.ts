import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// The shell's promise: every module of main/electron/ has unit tests beside it (with the
// Electron APIs it touches faked), so none can again ship without ever having run.
test('every module in main/electron has a test file beside it', () => {
  const dir = __dirname
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  expect(modules.length).toBeGreaterThan(10)
  const untested = modules.filter((f) => !existsSync(join(dir, f.replace(/\.ts$/, '.test.ts'))))
  expect(untested).toEqual([])
})
