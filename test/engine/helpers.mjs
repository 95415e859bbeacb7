import assert from 'node:assert/strict'
// Shared helpers for the @edgequake/llm binding tests: one loopback fake
// provider per test file, the provider table, and small stream utilities.

import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { after, before } from 'node:test'
import { encodeScriptHeader, startFakeProvider } from '../fake-provider/server.mjs'

export { encodeScriptHeader, startFakeProvider }

/** Keeps every networked test bounded. */
export const T = { timeout: 10_000 }

export const KEY = 'test-key'

/**
 * Starts one fake provider before the file's tests and closes it after.
 * Returns a holder whose `fake` is set once `before` has run.
 * @returns {{ fake: Awaited<ReturnType<typeof startFakeProvider>> }}
 */
export function fakePerFile() {
  const holder = /** @type {any} */ ({ fake: null })
  before(async () => {
    holder.fake = await startFakeProvider({ port: 0 })
  })
  after(async () => {
    await holder.fake?.close()
  })
  return holder
}

/**
 * Every provider the engine knows, pointed at the fake.
 * `wire`: the fake's route (log `provider`); `wireModel`: the model the wire sees.
 */
export const PROVIDERS = [
  { name: 'openai', model: 'openai/gpt-4o-mini', wire: 'openai', wireModel: 'gpt-4o-mini', base: (u) => `${u}/v1` },
  {
    name: 'azure',
    model: 'azure/my-deployment',
    wire: 'azure',
    wireModel: 'my-deployment',
    base: (u) => u,
    extra: { api_version: '2024-10-21' },
  },
  {
    name: 'anthropic',
    model: 'anthropic/claude-sonnet-4-0',
    wire: 'anthropic',
    wireModel: 'claude-sonnet-4-0',
    base: (u) => u,
  },
  { name: 'gemini', model: 'gemini/gemini-2.0-flash', wire: 'gemini', wireModel: 'gemini-2.0-flash', base: (u) => u },
  { name: 'ollama', model: 'ollama/llama3.2', wire: 'ollama', wireModel: 'llama3.2', base: (u) => u },
  {
    name: 'groq',
    model: 'groq/llama-3.1-8b-instant',
    wire: 'openai',
    wireModel: 'llama-3.1-8b-instant',
    base: (u) => `${u}/v1`,
  },
  {
    name: 'together_ai',
    model: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    wire: 'openai',
    wireModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    base: (u) => `${u}/v1`,
  },
  {
    name: 'deepseek',
    model: 'deepseek/deepseek-chat',
    wire: 'openai',
    wireModel: 'deepseek-chat',
    base: (u) => `${u}/v1`,
  },
  { name: 'xai', model: 'xai/grok-3-mini', wire: 'openai', wireModel: 'grok-3-mini', base: (u) => `${u}/v1` },
  {
    name: 'mistral',
    model: 'mistral/mistral-small-latest',
    wire: 'openai',
    wireModel: 'mistral-small-latest',
    base: (u) => `${u}/v1`,
  },
  {
    name: 'openrouter',
    model: 'openrouter/openai/gpt-4o-mini',
    wire: 'openai',
    wireModel: 'openai/gpt-4o-mini',
    base: (u) => `${u}/v1`,
  },
  {
    name: 'fireworks_ai',
    model: 'fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct',
    wire: 'openai',
    wireModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    base: (u) => `${u}/v1`,
  },
  { name: 'perplexity', model: 'perplexity/sonar', wire: 'openai', wireModel: 'sonar', base: (u) => `${u}/v1` },
  {
    name: 'lm_studio',
    model: 'lm_studio/qwen2.5-7b-instruct',
    wire: 'openai',
    wireModel: 'qwen2.5-7b-instruct',
    base: (u) => `${u}/v1`,
  },
  {
    name: 'hosted_vllm',
    model: 'hosted_vllm/meta-llama/Llama-3.1-8B-Instruct',
    wire: 'openai',
    wireModel: 'meta-llama/Llama-3.1-8B-Instruct',
    base: (u) => `${u}/v1`,
  },
]

/** @param {string} name */
export const provider = (name) => {
  const p = PROVIDERS.find((x) => x.name === name)
  if (!p) throw new Error(`no provider ${name} in the table`)
  return p
}

/** One provider per wire (the family is covered once by openai). */
export const WIRES = ['openai', 'azure', 'anthropic', 'gemini', 'ollama'].map(provider)

export const MESSAGES = [{ role: 'user', content: 'Say hello to the test' }]

/**
 * completion() parameters for `p` against `fake`, answered by `script`
 * (sent in the x-fake-script header), with `over` merged last.
 * @param {(typeof PROVIDERS)[number]} p
 * @param {{ url: string }} fake
 * @param {object | null} script
 * @param {object} [over]
 */
export function params(p, fake, script, over = {}) {
  /** @type {Record<string, any>} */
  const out = {
    model: p.model,
    messages: MESSAGES,
    api_base: p.base(fake.url),
    api_key: KEY,
    ...(p.extra ?? {}),
    ...over,
  }
  if (script) out.extra_headers = { ...(over.extra_headers ?? {}), 'x-fake-script': encodeScriptHeader(script) }
  return out
}

/**
 * Drains a stream, keeping everything the tests look at.
 * @param {AsyncIterable<any>} stream
 */
export async function collect(stream) {
  const chunks = []
  for await (const c of stream) chunks.push(c)
  const summary = summarize(chunks)
  // Without `stream_options.include_usage` no chunk carries usage: the stream's own.
  return { ...summary, usage: summary.usage ?? /** @type {any} */ (stream).usage ?? null }
}

/** @param {any[]} chunks */
export function summarize(chunks) {
  let text = ''
  let reasoning = ''
  let finish = null
  let usage = null
  let tokenChunks = 0
  for (const c of chunks) {
    if (c.usage) usage = c.usage
    const ch = c.choices?.[0]
    if (!ch) continue
    const d = ch.delta ?? {}
    if (d.content) text += d.content
    if (d.reasoning_content) reasoning += d.reasoning_content
    if (d.content || d.reasoning_content || d.tool_calls?.length) tokenChunks++
    if (ch.finish_reason) finish = ch.finish_reason
  }
  return { chunks, text, reasoning, finish, usage, tokenChunks }
}

/**
 * Drains a stream until it throws; returns the chunks that arrived and the error.
 * @param {AsyncIterable<any>} stream
 */
export async function collectUntilError(stream) {
  const chunks = []
  try {
    for await (const c of stream) chunks.push(c)
  } catch (err) {
    return { chunks, err, ...summarize(chunks) }
  }
  return { chunks, err: null, ...summarize(chunks) }
}

/** A 127.0.0.1 port with nothing listening (bound then released). */
export async function closedPort() {
  const srv = createServer()
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(undefined)))
  const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address())
  await new Promise((resolve) => srv.close(() => resolve(undefined)))
  return port
}

/** Word-ish tokens exactly as the fake splits `text` (one chunk each). */
export const tokenize = (/** @type {string} */ text) => text.match(/\s*\S+|\s+$/g) ?? []

/** Milliseconds since `t0` (performance.now()). */
export const since = (/** @type {number} */ t0) => performance.now() - t0

/**
 * Established server-side connections on the fake's `port`, read from the
 * kernel's socket table (/proc/net/tcp): a connection leaves ESTABLISHED the
 * moment the client (the engine, in Rust) closes it. Falls back to counting this
 * process's TCP socket handles (the fake's accepted sockets) off Linux.
 * @param {number} port
 */
export function serverSockets(port) {
  let table
  try {
    table = readFileSync('/proc/net/tcp', 'utf8')
  } catch {
    return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length
  }
  const hex = port.toString(16).toUpperCase().padStart(4, '0')
  let n = 0
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/)
    // cols[1] local "0100007F:PORT", cols[3] state, 01 = ESTABLISHED
    if (cols.length > 3 && cols[1].endsWith(`:${hex}`) && cols[3] === '01') n++
  }
  return n
}

/** Polls `fn` until it returns true or `ms` pass; resolves to the last value. */
export async function waitFor(fn, ms = 1000, step = 5) {
  const end = performance.now() + ms
  for (;;) {
    const v = fn()
    if (v || performance.now() > end) return v
    await new Promise((r) => setTimeout(r, step))
  }
}

/** The requests the fake logged for chat routes (models and unknown routes excluded). */
export const chatRequests = (fake) => fake.requests.filter((r) => r.provider !== null && r.method === 'POST')

/** Awaits a rejection and returns the error. */
export async function failure(promise) {
  try {
    await promise
  } catch (err) {
    return err
  }
  assert.fail('expected the call to fail')
}
