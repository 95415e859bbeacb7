// The model-list route is a registry fact: providers() reports it as `models_path`,
// and list_models() builds its request from the same fact. For every provider, the
// path the fake server receives (base URL without a path) is the one reported.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { list_models, providers } from '@edgequake/llm'
import { fakePerFile, KEY, T } from './helpers.mjs'

const h = fakePerFile()

describe('providers().models_path is the route list_models requests', () => {
  test('every wire has a route of its own, an absolute path without a query', () => {
    const byWire = new Map()
    for (const p of providers()) {
      assert.match(p.models_path, /^\/[a-z0-9/]+$/, p.name)
      const seen = byWire.get(p.wire)
      assert.ok(seen === undefined || seen === p.models_path, `${p.name}: one route per wire`)
      byWire.set(p.wire, p.models_path)
    }
    assert.equal(new Set(byWire.values()).size, byWire.size, 'each wire lists models at its own path')
  })

  for (const p of providers()) {
    test(`${p.name} (${p.wire}): GET ${p.models_path}`, T, async () => {
      h.fake.clearRequests()
      const models = await list_models({ provider: p.name, api_base: h.fake.url, api_key: KEY })
      assert.ok(Array.isArray(models) && models.length > 0, 'the fake answered the route with its model list')
      const req = h.fake.requests.at(-1)
      assert.equal(req.method, 'GET')
      assert.equal(req.path, p.models_path)
    })
  }
})
