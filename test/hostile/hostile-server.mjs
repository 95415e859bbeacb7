// A deliberately hostile HTTP server on a raw socket (node:net), so it can do what
// no well-behaved framework would: cut a stream with or without framing, reset a
// connection, answer HTML or gzip, redirect, send lines and bodies of any size,
// echo the caller's key, stall after the headers, close a keep-alive connection as
// the next request arrives. The scenario is the first path segment of the request
// (`api_base: http://127.0.0.1:PORT/<scenario>~key=value~...`), so one server
// serves a suite whatever route each provider appends to its base.

import { createServer } from 'node:net'
import { gzipSync } from 'node:zlib'

/** Reads one HTTP/1.1 request (head + Content-Length body) from `state.buffer`. */
function takeRequest(state) {
  const end = state.buffer.indexOf('\r\n\r\n')
  if (end < 0) return null
  const head = state.buffer.subarray(0, end).toString('latin1')
  const [requestLine, ...lines] = head.split('\r\n')
  const headers = {}
  for (const line of lines) {
    const at = line.indexOf(':')
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim()
  }
  const length = Number(headers['content-length'] ?? 0)
  if (state.buffer.length < end + 4 + length) return null
  const body = state.buffer.subarray(end + 4, end + 4 + length).toString('utf8')
  state.buffer = state.buffer.subarray(end + 4 + length)
  const [method, path] = requestLine.split(' ')
  return { method, path, headers, body }
}

/** The secret the request carried, in whichever header its provider uses. */
export function keyOf(req) {
  const h = req.headers
  const bearer = h.authorization?.startsWith('Bearer ') ? h.authorization.slice(7) : undefined
  return bearer ?? h['x-api-key'] ?? h['api-key'] ?? h['x-goog-api-key'] ?? ''
}

const sse = (obj) => `data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`
const chunkOf = (content, finish = null) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  model: 'm',
  choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
})
const whole = (content) => ({
  id: 'c1',
  object: 'chat.completion',
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
})
const GOOD_STREAM = sse(chunkOf('Hel')) + sse(chunkOf('lo')) + sse(chunkOf(null, 'stop')) + sse('[DONE]')

function head(status, headers = {}) {
  const reason = { 200: 'OK', 302: 'Found', 401: 'Unauthorized', 429: 'Too Many Requests', 500: 'Error' }[status]
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
  return `HTTP/1.1 ${status} ${reason ?? 'X'}\r\n${lines.join('\r\n')}\r\n\r\n`
}
const chunked = (text) => {
  const bytes = Buffer.from(text)
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
}
const SSE_CHUNKED = { 'content-type': 'text/event-stream', 'transfer-encoding': 'chunked' }
const JSON_CLOSE = (body) => ({
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(body),
  connection: 'close',
})

/** Writes `total` bytes of `fill` in slices, stopping when the peer goes away. */
function flood(socket, total, fill, stats, done) {
  const slice = Buffer.alloc(64 << 10, fill)
  let sent = 0
  const pump = () => {
    while (sent < total && !socket.destroyed) {
      const n = Math.min(slice.length, total - sent)
      sent += n
      stats.flooded = sent
      if (!socket.write(n === slice.length ? slice : slice.subarray(0, n))) return socket.once('drain', pump)
    }
    if (!socket.destroyed) done()
  }
  pump()
}

/** Every scenario: (socket, request, stats, params) → writes the reply. */
const SCENARIOS = {
  good: (s) =>
    s.end(`${head(200, { ...SSE_CHUNKED, connection: 'close' }) + chunked(GOOD_STREAM).toString()}0\r\n\r\n`),
  // Body delimited by the connection's end (no length, no chunking), cut before [DONE].
  'eof-cut': (s) =>
    s.end(
      head(200, { 'content-type': 'text/event-stream', connection: 'close' }) +
        sse(chunkOf('Hel')) +
        sse(chunkOf('lo')),
    ),
  // Correct chunked framing, ended cleanly, but the wire's own end never came.
  'chunked-cut': (s) =>
    s.end(Buffer.concat([Buffer.from(head(200, SSE_CHUNKED)), chunked(sse(chunkOf('Hel'))), Buffer.from('0\r\n\r\n')])),
  // A TCP reset in the middle of the stream.
  rst: (s) => {
    s.write(Buffer.concat([Buffer.from(head(200, SSE_CHUNKED)), chunked(sse(chunkOf('Hel')))]))
    setTimeout(() => s.resetAndDestroy(), 30)
  },
  // A FIN in the middle of a chunk.
  'fin-mid-chunk': (s) => {
    s.write(Buffer.concat([Buffer.from(head(200, SSE_CHUNKED)), chunked(sse(chunkOf('Hel')))]))
    setTimeout(() => s.end('40\r\ndata: {"partial'), 30)
  },
  // A captive portal or proxy page answering a streamed call.
  html: (s) => {
    const body = '<!DOCTYPE html><html><head><title>Hotel WiFi login</title></head><body>Please sign in</body></html>'
    s.end(
      head(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, connection: 'close' }) +
        body,
    )
  },
  // Compressed although we asked for identity.
  'gzip-stream': (s) => {
    const body = gzipSync(GOOD_STREAM)
    s.end(
      Buffer.concat([
        Buffer.from(
          head(200, {
            'content-type': 'text/event-stream',
            'content-encoding': 'gzip',
            'content-length': body.length,
            connection: 'close',
          }),
        ),
        body,
      ]),
    )
  },
  'gzip-json': (s) => {
    const body = gzipSync(JSON.stringify(whole('Hello')))
    s.end(
      Buffer.concat([
        Buffer.from(
          head(200, {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': body.length,
            connection: 'close',
          }),
        ),
        body,
      ]),
    )
  },
  br: (s) =>
    s.end(
      `${head(200, {
        'content-type': 'text/event-stream',
        'content-encoding': 'br',
        'content-length': 4,
        connection: 'close',
      })}xxxx`,
    ),
  redirect: (s, req) =>
    s.end(
      head(302, {
        location: `http://127.0.0.1:9/elsewhere?key=${encodeURIComponent(keyOf(req))}`,
        'content-length': 0,
        connection: 'close',
      }),
    ),
  // One SSE line that never ends (body delimited by the connection's end).
  'huge-line': (s, _req, stats) => {
    s.write(head(200, { 'content-type': 'text/event-stream', connection: 'close' }))
    s.write('data: {"x":"')
    flood(s, 512 << 20, 'a', stats, () => s.end())
  },
  // A 300 MB error body of which a client needs a few hundred characters.
  'huge-error': (s, _req, stats) => {
    s.write(head(500, { 'content-type': 'text/plain', 'content-length': 300 << 20, connection: 'close' }))
    flood(s, 300 << 20, 'e', stats, () => s.end())
  },
  // A tool-call index that would size an allocation.
  'huge-index': (s, _req, _stats, params) => {
    const call = {
      index: Number(params.get('index') ?? 4294967295),
      id: 't',
      type: 'function',
      function: { name: 'f', arguments: '{}' },
    }
    const bad = {
      id: 'c1',
      object: 'chat.completion.chunk',
      model: 'm',
      choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }],
    }
    s.end(
      head(200, { ...SSE_CHUNKED, connection: 'close' }) +
        chunked(sse(chunkOf('a')) + sse(bad) + sse(chunkOf(null, 'tool_calls')) + sse('[DONE]')).toString() +
        '0\r\n\r\n',
    )
  },
  'huge-index-json': (s, _req, _stats, params) => {
    const call = {
      index: Number(params.get('index') ?? 1e9),
      id: 't',
      type: 'function',
      function: { name: 'f', arguments: '{}' },
    }
    const body = JSON.stringify({
      ...whole(null),
      choices: [
        { index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' },
      ],
    })
    s.end(head(200, JSON_CLOSE(body)) + body)
  },
  // 429 with a retry-after no client can honour.
  'retry-after': (s, _req, _stats, params) => {
    const name = params.get('header') ?? 'retry-after'
    const body = '{"error":{"message":"slow down","type":"rate_limit_error"}}'
    s.end(head(429, { [name]: params.get('value') ?? 'inf', ...JSON_CLOSE(body) }) + body)
  },
  // The key echoed back in each place an error is read from.
  'echo-401': (s, req) => {
    const body = JSON.stringify({
      error: {
        message: `Incorrect API key provided: ${keyOf(req)}. Key ${encodeURIComponent(keyOf(req))}`,
        type: 'invalid_request_error',
      },
    })
    s.end(head(401, JSON_CLOSE(body)) + body)
  },
  'echo-401-text': (s, req) => {
    const body = `${'x'.repeat(290)} unauthorized key=${keyOf(req)} ${'y'.repeat(5000)}`
    s.end(
      head(401, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), connection: 'close' }) +
        body,
    )
  },
  'echo-stream': (s, req) => {
    const err = { error: { message: `key ${keyOf(req)} was revoked`, type: 'authentication_error', code: 401 } }
    s.end(
      head(200, { ...SSE_CHUNKED, connection: 'close' }) +
        chunked(sse(chunkOf('a')) + sse(err)).toString() +
        '0\r\n\r\n',
    )
  },
  'echo-unparseable': (s, req) => {
    const body = `{"oops": ${keyOf(req)} not json`
    s.end(head(200, JSON_CLOSE(body)) + body)
  },
  // Headers, then silence.
  stall: (s) => {
    s.write(head(200, SSE_CHUNKED))
    s.write(chunked(sse(chunkOf('a'))))
  },
  'stall-headers-only': (s) => s.write(head(200, SSE_CHUNKED)),
  // A non-JSON 200.
  garbage: (s) => {
    const body = 'this is not json'
    s.end(head(200, JSON_CLOSE(body)) + body)
  },
  // A mid-stream error whose code is an HTTP status (OpenRouter's shape).
  'midstream-429': (s) => {
    const err = { error: { message: 'Rate limit exceeded upstream', code: 429 } }
    s.end(
      head(200, { ...SSE_CHUNKED, connection: 'close' }) +
        chunked(sse(chunkOf('a')) + sse(err)).toString() +
        '0\r\n\r\n',
    )
  },
}

/**
 * `stale`: answers the first request on each connection with keep-alive, then
 * closes the connection (without answering) when a second request arrives on it —
 * the race a real server's keep-alive timeout produces.
 */
function staleKeepAlive(socket, req, stats, conn) {
  conn.requests += 1
  if (conn.requests > 1) {
    stats.staleClosed += 1
    socket.destroy()
    return
  }
  const body = req.body.includes('"stream":true') ? null : JSON.stringify(whole('fresh'))
  if (body === null) {
    socket.write(`${head(200, SSE_CHUNKED) + chunked(GOOD_STREAM).toString()}0\r\n\r\n`)
  } else {
    socket.write(head(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) + body)
  }
}

export async function startHostileServer() {
  const stats = { connections: 0, requests: [], flooded: 0, staleClosed: 0, open: 0 }
  const sockets = new Set()
  const server = createServer((socket) => {
    stats.connections += 1
    stats.open += 1
    sockets.add(socket)
    const state = { buffer: Buffer.alloc(0) }
    const conn = { requests: 0 }
    socket.on('error', () => {})
    socket.on('close', () => {
      stats.open -= 1
      sockets.delete(socket)
    })
    socket.on('data', (data) => {
      state.buffer = Buffer.concat([state.buffer, data])
      for (let req = takeRequest(state); req; req = takeRequest(state)) {
        stats.requests.push({ method: req.method, path: req.path, headers: req.headers })
        const [scenario, ...pairs] = decodeURIComponent(req.path.split('/')[1] ?? '').split('~')
        const params = new URLSearchParams(pairs.join('&'))
        if (scenario === 'stale') staleKeepAlive(socket, req, stats, conn)
        else (SCENARIOS[scenario] ?? SCENARIOS.good)(socket, req, stats, params)
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    /** `api_base` for a scenario; `params` ({ name: value }) are passed to it. */
    base: (scenario, params = {}) =>
      `http://127.0.0.1:${port}/${[scenario, ...Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`)].join('~')}`,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
