// Shared pieces of the hostile-server suite: one hostile server per test file, and
// calls pointed at one of its scenarios.

import { after, before } from 'node:test'
import { startHostileServer } from './hostile-server.mjs'

export { collectUntilError, failure, T } from '../engine/helpers.mjs'

export const MESSAGES = [{ role: 'user', content: 'hi' }]

/** Starts one hostile server before the file's tests and closes it after. */
export function hostilePerFile() {
  const holder = /** @type {{ server: Awaited<ReturnType<typeof startHostileServer>> }} */ ({ server: null })
  before(async () => {
    holder.server = await startHostileServer()
  })
  after(async () => {
    await holder.server?.close()
  })
  return holder
}

/** Parameters for an OpenAI-compatible call to `scenario` (`params` go to the scenario). */
export function call(server, scenario, over = {}, params = {}) {
  return {
    model: 'openai/gpt-4o-mini',
    messages: MESSAGES,
    api_key: 'sk-test-000000',
    api_base: server.base(scenario, params),
    timeout: 10,
    ...over,
  }
}
