#!/usr/bin/env node
// An npm registry on 127.0.0.1 for the release rehearsal: it knows the packages and
// versions given as JSON ({ name: [versions] }) and answers 404 for everything else.
// It records every request (method, path, Authorization header); GET /-/requests lists
// them, so a test can prove nothing was uploaded and which credentials npm sent. Runs as its own process because the release scripts call npm synchronously,
// which would block a server in the test's own event loop. Prints its URL, then serves
// until killed, or for 15 minutes at most.
//   node test/ship/fake-registry.mjs '{"@edgequake/llm-darwin-x64":["0.1.0"]}'

import { createServer } from 'node:http'

const existing = JSON.parse(process.argv[2] ?? '{}')
const requests = []

const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json')
  // No keep-alive: a client reusing a socket the server timed out meanwhile fails the test.
  res.setHeader('connection', 'close')
  if (req.url === '/-/requests') {
    res.end(JSON.stringify(requests))
    return
  }
  requests.push({ method: req.method, path: decodeURIComponent(req.url), authorization: req.headers.authorization })
  const name = decodeURIComponent(req.url.slice(1).split('?')[0])
  const versions = req.method === 'GET' ? existing[name] : undefined
  if (!versions) {
    res.statusCode = 404
    res.end('{"error":"not found"}')
    return
  }
  const manifests = Object.fromEntries(versions.map((v) => [v, { name, version: v }]))
  res.end(JSON.stringify({ name, 'dist-tags': { latest: versions.at(-1) }, versions: manifests }))
})

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}/\n`)
})
setTimeout(() => server.close(), 15 * 60_000).unref()
setTimeout(() => process.exit(0), 15 * 60_000 + 1000).unref()
