// Small HTTP helpers shared by the server, the control API and the handlers.

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * Read the whole request body as text.
 * @param {IncomingMessage} req
 * @returns {Promise<string>}
 */
export async function readBody(req) {
  /** @type {Buffer[]} */
  const parts = []
  for await (const part of req) parts.push(part)
  return Buffer.concat(parts).toString('utf8')
}

/**
 * Parse a body as JSON. `bad` distinguishes "no body" (null, fine for GET)
 * from "a body that is not JSON" (a 400 in the provider's format).
 * @param {string} raw
 * @returns {{body: any, bad: boolean}}
 */
export function parseJson(raw) {
  if (raw.trim() === '') return { body: null, bad: false }
  try {
    return { body: JSON.parse(raw), bad: false }
  } catch {
    return { body: null, bad: true }
  }
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string|number>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
