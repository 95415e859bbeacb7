// Test-side helpers: a raw HTTP client that keeps every received chunk, and
// tiny SSE / NDJSON decoders per wire. Independent of the server's code
// (bar the header encoder) so the tests check bytes, not shared assumptions.

import http from 'node:http'
import { encodeScriptHeader } from './script.mjs'

/**
 * @typedef {Object} Reply
 * @property {number} status 0 when the request itself failed.
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {Buffer[]} chunks As received from the socket.
 * @property {string} text
 * @property {Error|null} error Set when the body ended abnormally.
 */

/**
 * @param {string} base
 * @param {{method?: string, path: string, headers?: Record<string, string>, body?: unknown,
 *   script?: object, onChunk?: (chunk: Buffer, all: Buffer[], req: http.ClientRequest) => void}} opts
 * @returns {Promise<Reply>}
 */
export function send(base, opts) {
  const { method = 'POST', path, headers = {}, body, script, onChunk } = opts
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  /** @type {Record<string, string>} */
  const h = { ...headers }
  if (script) h['x-fake-script'] = encodeScriptHeader(script)
  if (data !== undefined) h['content-type'] = 'application/json'
  return new Promise((resolve) => {
    const req = http.request(new URL(path, base), { method, headers: h, agent: false }, (res) => {
      /** @type {Buffer[]} */
      const chunks = []
      res.on('data', (c) => {
        chunks.push(c)
        onChunk?.(c, chunks, req)
      })
      res.on('error', () => {}) // reported through `complete` below
      res.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          chunks,
          text,
          error: res.complete ? null : new Error('body ended early'),
        })
      })
    })
    req.on('error', (error) => resolve({ status: 0, headers: {}, chunks: [], text: '', error }))
    req.end(data)
  })
}

/**
 * SSE per the WHATWG rules we rely on: CRLF or LF, optional space after the
 * colon, comment lines, multi-line data.
 * @param {string} text
 * @returns {{event: string|null, data: string}[]}
 */
export function parseSse(text) {
  const events = []
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event = null
    const data = []
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue
      const i = line.indexOf(':')
      const field = i < 0 ? line : line.slice(0, i)
      let value = i < 0 ? '' : line.slice(i + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (data.length) events.push({ event, data: data.join('\n') })
  }
  return events
}

/** @param {string} text @returns {any[]} */
export const parseNdjson = (text) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))

/**
 * @typedef {Object} Decoded
 * @property {string} text
 * @property {string} reasoning
 * @property {{id?: string, name: string, arguments: string}[]} tools
 * @property {string|null} finish Native value.
 * @property {any} usage
 * @property {any[]} errors
 * @property {number} contentChunks
 */

/** @returns {Decoded} */
const empty = () => ({ text: '', reasoning: '', tools: [], finish: null, usage: null, errors: [], contentChunks: 0 })

/** @param {string} raw */
export function decodeOpenai(raw) {
  const out = empty()
  for (const e of parseSse(raw)) {
    if (e.data === '[DONE]') break
    const j = JSON.parse(e.data)
    if (j.error) {
      out.errors.push({ event: e.event, ...j })
      continue
    }
    if (j.usage) out.usage = j.usage
    const c = j.choices?.[0]
    if (!c) continue
    const d = c.delta
    if (d.content) {
      out.text += d.content
      out.contentChunks++
    }
    out.reasoning += d.reasoning_content ?? d.reasoning ?? ''
    for (const t of d.tool_calls ?? []) {
      out.tools[t.index] ??= { id: t.id, name: '', arguments: '' }
      out.tools[t.index].name += t.function?.name ?? ''
      out.tools[t.index].arguments += t.function?.arguments ?? ''
    }
    if (c.finish_reason) out.finish = c.finish_reason
  }
  return out
}

/** @param {string} raw */
export function decodeAnthropic(raw) {
  const out = empty()
  /** @type {Record<number, any>} */
  const blocks = {}
  for (const e of parseSse(raw)) {
    const j = JSON.parse(e.data)
    if (j.type === 'error') out.errors.push(j)
    if (j.type === 'message_start') out.usage = { ...j.message.usage }
    if (j.type === 'content_block_start') blocks[j.index] = { ...j.content_block, partial: '' }
    if (j.type === 'content_block_delta') {
      const d = j.delta
      if (d.type === 'text_delta') {
        out.text += d.text
        out.contentChunks++
      }
      if (d.type === 'thinking_delta') out.reasoning += d.thinking
      if (d.type === 'input_json_delta') blocks[j.index].partial += d.partial_json
    }
    if (j.type === 'content_block_stop' && blocks[j.index].type === 'tool_use') {
      const b = blocks[j.index]
      out.tools.push({ id: b.id, name: b.name, arguments: b.partial })
    }
    if (j.type === 'message_delta') {
      out.finish = j.delta.stop_reason
      out.usage.output_tokens = j.usage.output_tokens
    }
  }
  return out
}

/** @param {string} raw */
export function decodeGemini(raw) {
  const out = empty()
  for (const e of parseSse(raw)) {
    const j = JSON.parse(e.data)
    if (j.error) {
      out.errors.push(j)
      continue
    }
    out.usage = j.usageMetadata
    const cand = j.candidates[0]
    for (const p of cand.content?.parts ?? []) {
      if (p.thought) out.reasoning += p.text
      else if (p.functionCall)
        out.tools.push({ name: p.functionCall.name, arguments: JSON.stringify(p.functionCall.args) })
      else if (p.text) {
        out.text += p.text
        out.contentChunks++
      }
    }
    if (cand.finishReason) out.finish = cand.finishReason
  }
  return out
}

/** @param {string} raw */
export function decodeOllama(raw) {
  const out = empty()
  for (const j of parseNdjson(raw)) {
    if (j.error) {
      out.errors.push(j)
      continue
    }
    if (j.message.content) {
      out.text += j.message.content
      out.contentChunks++
    }
    out.reasoning += j.message.thinking ?? ''
    for (const t of j.message.tool_calls ?? [])
      out.tools.push({ name: t.function.name, arguments: JSON.stringify(t.function.arguments) })
    if (j.done) {
      out.finish = j.done_reason
      out.usage = j
    }
  }
  return out
}
