// How the tests call each wire: path, auth headers, a minimal valid body and
// the decoder for its stream and non-stream replies. Shared by both test files.

import { decodeAnthropic, decodeGemini, decodeOllama, decodeOpenai, send } from './wire-client.mjs'

export const KEY = 'sk-test-key'

/**
 * @typedef {Object} WireCase
 * @property {string} name The provider tag the server logs.
 * @property {(stream: boolean) => string} path
 * @property {Record<string, string>} headers
 * @property {(stream: boolean) => Record<string, unknown>} body
 * @property {(raw: string) => import('./wire-client.mjs').Decoded} decode
 * @property {(json: any) => string} textOf Non-stream reply text.
 */

const userMessages = [{ role: 'user', content: 'hello there fake' }]

/** @type {WireCase[]} */
export const WIRES = [
  {
    name: 'openai',
    path: () => '/v1/chat/completions',
    headers: { authorization: `Bearer ${KEY}` },
    body: (stream) => ({ model: 'gpt-4o-mini', messages: userMessages, stream }),
    decode: decodeOpenai,
    textOf: (j) => j.choices[0].message.content,
  },
  {
    name: 'azure',
    path: () => '/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21',
    headers: { 'api-key': KEY },
    body: (stream) => ({ messages: userMessages, stream }),
    decode: decodeOpenai,
    textOf: (j) => j.choices[0].message.content,
  },
  {
    name: 'anthropic',
    path: () => '/v1/messages',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: (stream) => ({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      system: 'be brief',
      messages: userMessages,
      stream,
    }),
    decode: decodeAnthropic,
    textOf: (j) => j.content.find((/** @type {any} */ b) => b.type === 'text')?.text ?? '',
  },
  {
    name: 'gemini',
    path: (stream) => `/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    headers: { 'x-goog-api-key': KEY },
    body: () => ({ contents: [{ role: 'user', parts: [{ text: 'hello there fake' }] }] }),
    decode: decodeGemini,
    textOf: (j) =>
      j.candidates[0].content.parts
        .filter((/** @type {any} */ p) => p.text && !p.thought)
        .map((/** @type {any} */ p) => p.text)
        .join(''),
  },
  {
    name: 'ollama',
    path: () => '/api/chat',
    headers: {},
    body: (stream) => ({ model: 'llama3.2', messages: userMessages, stream }),
    decode: decodeOllama,
    textOf: (j) => j.message.content,
  },
]

/** @param {string} name */
export const wire = (name) => /** @type {WireCase} */ (WIRES.find((w) => w.name === name))

/**
 * @param {string} base
 * @param {WireCase} w
 * @param {{stream?: boolean, script?: object, headers?: Record<string, string>, body?: object,
 *   onChunk?: Parameters<typeof send>[1]['onChunk']}} [opts]
 */
export function call(base, w, opts = {}) {
  const stream = opts.stream ?? true
  return send(base, {
    path: w.path(stream),
    headers: { ...w.headers, ...opts.headers },
    body: { ...w.body(stream), ...opts.body },
    script: opts.script,
    onChunk: opts.onChunk,
  })
}
