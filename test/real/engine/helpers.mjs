// Shared helpers for the engine tests against real servers: the servers for the file
// (the runner's, or started here), call shapes per wire, and stream draining.

import assert from 'node:assert/strict'
import { after, before } from 'node:test'
import { acquireServers } from '../servers/index.mjs'

export { collect, collectUntilError, failure } from '../../engine/helpers.mjs'
export { llamaTotals, MOCK_TEXT, MODEL, OLLAMA_MODEL } from '../servers/index.mjs'

/** Real models on 2 shared cores: generous bounds, never speed assertions. */
export const T = { timeout: 120_000 }

export const PROMPT = [{ role: 'user', content: 'Name three colors, one per line.' }]

/**
 * The real servers `names`, available once `before` has run, released `after`.
 * @param {import('../servers/index.mjs').ServerName[]} names
 */
export function serversPerFile(names) {
  const holder = /** @type {{ s: Required<import('../servers/index.mjs').Servers> }} */ ({
    s: /** @type {any} */ (null),
  })
  let release = async () => {}
  before(
    async () => {
      const got = await acquireServers(names)
      holder.s = got.servers
      release = got.release
    },
    { timeout: 180_000 },
  )
  after(() => release(), { timeout: 30_000 })
  return holder
}

/** Asserts a usage block is whole and consistent. */
export function assertUsage(usage, label = '') {
  assert.ok(usage, `${label}: usage is present`)
  assert.ok(usage.prompt_tokens > 0, `${label}: prompt_tokens ${usage.prompt_tokens}`)
  assert.ok(usage.completion_tokens > 0, `${label}: completion_tokens ${usage.completion_tokens}`)
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, `${label}: total_tokens`)
}

/** Runs `fn` on each of `items`, `width` at a time; resolves to every outcome. */
export async function interleaved(items, width, fn) {
  const outcomes = []
  for (let i = 0; i < items.length; i += width) {
    outcomes.push(...(await Promise.allSettled(items.slice(i, i + width).map(fn))))
  }
  return outcomes
}
