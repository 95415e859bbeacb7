// scripts/gen-types.mjs --check fails CI when native/js/types/ no longer matches what
// the Rust definitions generate: a file changed, missing, or no longer generated.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { staleFiles } from '../../scripts/gen-types.mjs'

const files = (entries) => new Map(Object.entries(entries))

test('identical sets are up to date', () => {
  assert.deepEqual(staleFiles(files({ 'A.ts': 'a', 'B.ts': 'b' }), files({ 'B.ts': 'b', 'A.ts': 'a' })), [])
})

test('a changed, a missing and a no-longer-generated file are each stale', () => {
  const generated = files({ 'A.ts': 'a2', 'B.ts': 'b', 'New.ts': 'n' })
  const committed = files({ 'A.ts': 'a', 'B.ts': 'b', 'Gone.ts': 'g' })
  assert.deepEqual(staleFiles(generated, committed), ['A.ts', 'Gone.ts', 'New.ts'])
})
