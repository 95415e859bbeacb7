// The one place where URLs are matched to provider wires. Everything after
// routing goes through the Wire interface, never through provider names.

import { anthropicWire } from './anthropic-wire.mjs'
import { geminiWire } from './gemini-wire.mjs'
import { ollamaWire } from './ollama-wire.mjs'
import { azureWire, openaiWire } from './openai-wire.mjs'
import { azureResponsesWire, responsesWire } from './responses-wire.mjs'

/** @typedef {import('./types.mjs').Wire} Wire */

/**
 * @typedef {Object} Route
 * @property {'chat'|'models'|'embeddings'} kind
 * @property {string} provider Tag written to the request log.
 * @property {Wire} wire
 * @property {Record<string, string>} params Values captured from the path.
 */

/** @param {string} s */
function decode(s) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s // a malformed escape is still a usable (if odd) model name
  }
}

const AZURE = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/
const AZURE_EMBED = /^\/openai\/deployments\/([^/]+)\/embeddings$/
const GEMINI_EMBED = /\/(?:v1beta|v1)\/models\/([^/:]+):batchEmbedContents$/
const GEMINI_CHAT = /\/(?:v1beta|v1alpha|v1)\/models\/([^/:]+):(streamGenerateContent|generateContent)$/
const ANTHROPIC_CHAT = /(?:^|\/)v1\/messages$/

/**
 * @param {string} method
 * @param {string} path URL path without the query.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {Record<string, string>} query
 * @returns {Route|null}
 */
export function matchRoute(method, path, headers, query) {
  if (method === 'POST') {
    const azureEmbed = AZURE_EMBED.exec(path)
    if (azureEmbed) return embed(azureWire, { deployment: decode(azureEmbed[1]) })
    const geminiEmbed = GEMINI_EMBED.exec(path)
    if (geminiEmbed) return embed(geminiWire, { model: decode(geminiEmbed[1]) })
    if (path.endsWith('/embeddings')) return embed(openaiWire, {})
    if (path === '/openai/responses') return chat(azureResponsesWire, {})
    if (path.endsWith('/responses')) return chat(responsesWire, {})
    if (path === '/api/embed') return embed(ollamaWire, {})
    const azure = AZURE.exec(path)
    if (azure) return chat(azureWire, { deployment: decode(azure[1]) })
    // Any prefix: '', /v1, /openai/v1, /inference/v1, /api/v1 ... (OpenAI-compatible bases).
    if (path.endsWith('/chat/completions')) return chat(openaiWire, {})
    if (ANTHROPIC_CHAT.test(path)) return chat(anthropicWire, {})
    const gemini = GEMINI_CHAT.exec(path)
    if (gemini) return chat(geminiWire, { model: decode(gemini[1]), method: gemini[2] })
    if (path === '/api/chat') return chat(ollamaWire, {})
  }
  if (method === 'GET') {
    if (path === '/api/tags') return models('ollama', ollamaWire)
    if (/\/(?:v1beta|v1alpha)\/models$/.test(path)) return models('gemini', geminiWire)
    // Azure lists a resource's models at /openai/models?api-version=…, with its own auth.
    if (path === '/openai/models' && query['api-version'] !== undefined) return models('azure', azureWire)
    if (path.endsWith('/models')) {
      // Anthropic and OpenAI share GET /v1/models; the version header tells them apart.
      if (headers['anthropic-version']) return models('anthropic', anthropicWire)
      if (headers['x-goog-api-key'] || query.key) return models('gemini', geminiWire)
      return models('openai', openaiWire)
    }
  }
  return null
}

/** @param {Wire} wire @param {Record<string, string>} params @returns {Route} */
const chat = (wire, params) => ({ kind: 'chat', provider: wire.name, wire, params })

/** @param {Wire} wire @param {Record<string, string>} params @returns {Route} */
const embed = (wire, params) => ({ kind: 'embeddings', provider: wire.name, wire, params })

/** @param {string} provider @param {Wire} wire @returns {Route} */
const models = (provider, wire) => ({ kind: 'models', provider, wire, params: {} })
