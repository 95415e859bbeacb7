// Embeddings endpoints, one reply shape per wire, with deterministic vectors
// (a function of the text, so tests can compare): OpenAI (and every
// OpenAI-compatible base, and Azure's deployment route) `POST …/embeddings`,
// Gemini `:batchEmbedContents`, Ollama `POST /api/embed`.
// OpenAI https://platform.openai.com/docs/api-reference/embeddings/create
// Gemini https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
// Ollama https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings

import { createHash } from 'node:crypto'

/** Default vector length when the request names none. */
const DIMS = 4

/**
 * The fake's vector for `text`: values in [-1, 1) from a hash, rounded to 1e-4.
 * @param {string} text
 * @param {number} dims
 */
export function fakeVector(text, dims) {
  const out = []
  for (let i = 0; i < dims; i++) {
    const h = createHash('sha256').update(`${i}:${text}`).digest()
    out.push(Math.round((h.readUInt16BE(0) / 32768 - 1) * 1e4) / 1e4)
  }
  return out
}

/** Words in the texts, like the chat wires' prompt count. */
const countTokens = (/** @type {string[]} */ texts) => texts.join(' ').split(/\s+/).filter(Boolean).length

/** @param {unknown} input @returns {string[]|null} */
function texts(input) {
  if (typeof input === 'string') return [input]
  if (Array.isArray(input) && input.length > 0 && input.every((t) => typeof t === 'string')) return input
  return null
}

/**
 * The reply body for one embeddings request, or a 400 `[status, body]`.
 * @param {string} wire 'openai' | 'azure' | 'gemini' | 'ollama'
 * @param {any} body
 * @param {string} model
 * @returns {[number, unknown]}
 */
export function embeddingsReply(wire, body, model) {
  if (wire === 'gemini') {
    const requests = Array.isArray(body?.requests) ? body.requests : null
    if (!requests?.length)
      return [400, { error: { code: 400, message: 'requests is empty', status: 'INVALID_ARGUMENT' } }]
    const embeddings = requests.map((/** @type {any} */ r) => ({
      values: fakeVector(r?.content?.parts?.[0]?.text ?? '', r?.outputDimensionality ?? DIMS),
    }))
    return [200, { embeddings }]
  }
  const list = texts(body?.input)
  if (!list) {
    return wire === 'ollama'
      ? [400, { error: 'invalid input type' }]
      : [400, { error: { message: "'input' must be a string or an array of strings", type: 'invalid_request_error' } }]
  }
  const dims = body?.dimensions ?? DIMS
  const vectors = list.map((t) => fakeVector(t, dims))
  if (wire === 'ollama') {
    return [
      200,
      {
        model,
        embeddings: vectors,
        total_duration: 1_500_000,
        load_duration: 500_000,
        prompt_eval_count: countTokens(list),
      },
    ]
  }
  const data = vectors.map((v, index) => ({
    object: 'embedding',
    index,
    embedding: body?.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
  }))
  const n = countTokens(list)
  return [200, { object: 'list', data, model, usage: { prompt_tokens: n, total_tokens: n } }]
}
