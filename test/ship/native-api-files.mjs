// The JavaScript files @edgequake/llm ships beside its loader: the API (js/*.cjs,
// *.mjs, *.d.ts) and the types generated from Rust (js/types/*.ts), derived from
// the tree so the pack test and the release rehearsal expect the same list.

import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** @param {string} nativeDir the package folder (native/) */
export function apiFiles(nativeDir) {
  const api = readdirSync(join(nativeDir, 'js')).filter((f) => /\.(cjs|mjs|d\.ts)$/.test(f))
  const types = readdirSync(join(nativeDir, 'js', 'types')).filter((f) => f.endsWith('.ts'))
  return [...api.map((f) => `js/${f}`), ...types.map((f) => `js/types/${f}`)]
}
