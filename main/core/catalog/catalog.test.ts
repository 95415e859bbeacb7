import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { FakeEngine } from '../../../test/doubles/fake-engine'
import { createEngine, engineError } from '../engine'
import { createKeys } from '../settings/keys'
import { createMemorySecretStore, endpointSecretId } from '../settings/secret-store'
import { defaultSettings, type StoredSettings } from '../settings/settings-store'
import { createCatalog, recentFirst } from './catalog-service'
import { createPrices, KNOWN_MODELS } from './known-models'
import { DISCOVERY_TIMEOUT_MS, defaultLocalServers, discoverLocal } from './local-discovery'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections()
          s.close(() => r())
        }),
    ),
  )
})

/** A loopback server answering GET <path> with JSON; `hang` never answers. */
async function fakeServer(routes: Record<string, unknown>, hang = false): Promise<string> {
  const server = createServer((req, res) => {
    if (hang) return
    const body = routes[req.url ?? '']
    if (body === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function closedPort(): Promise<string> {
  const url = await fakeServer({})
  const s = servers.pop()!
  await new Promise<void>((r) => s.close(() => r()))
  return url
}

describe('local discovery', () => {
  test("probes every provider the engine's registry marks local, and only those", () => {
    expect(defaultLocalServers(createEngine()).map((s) => s.provider)).toEqual(['ollama', 'lm_studio', 'hosted_vllm'])
  })

  test('finds Ollama and LM Studio models through the engine; reports absent and hung servers quickly', async () => {
    const ollama = await fakeServer({ '/api/tags': { models: [{ name: 'llama3.2:latest' }, { name: 'qwen3:4b' }] } })
    const lmStudio = await fakeServer({ '/v1/models': { data: [{ id: 'qwen2.5-7b-instruct' }] } })
    const hung = await fakeServer({}, true)
    const absent = await closedPort()
    const found = await discoverLocal(
      createEngine(),
      [
        { provider: 'ollama', base: ollama },
        { provider: 'lm_studio', base: `${lmStudio}/v1` },
        { provider: 'ollama', base: hung },
        { provider: 'lm_studio', base: `${absent}/v1` },
      ],
      DISCOVERY_TIMEOUT_MS,
    )
    expect(found[0]).toEqual({ provider: 'ollama', models: ['llama3.2:latest', 'qwen3:4b'] })
    expect(found[1]).toEqual({ provider: 'lm_studio', models: ['qwen2.5-7b-instruct'] })
    expect(found[2]!.error).toMatch(/no answer within 500 ms/)
    expect(found[3]!.error).toMatch(/not running/)
  })
})

describe('catalog', () => {
  const setup = async (
    opts: { secrets?: Record<string, string>; settings?: StoredSettings; env?: NodeJS.ProcessEnv } = {},
  ) => {
    const engine = new FakeEngine()
    const secrets = createMemorySecretStore(opts.secrets)
    const keys = createKeys(secrets, () => engine.providers(), opts.env ?? {})
    // Discovery itself is tested above with the real engine; here its answers are scripted.
    engine.liveModels.set('ollama', ['llama3.2:latest'])
    engine.liveModels.set('lm_studio', engineError('APIConnectionError', 'connection refused'))
    const settings = opts.settings ?? defaultSettings()
    const catalog = createCatalog({
      engine,
      keys,
      secrets,
      settings: () => settings,
      localServers: () => [{ provider: 'ollama' }, { provider: 'lm_studio' }],
    })
    return { engine, catalog }
  }

  test('merges known models with prices, live lists when a key is set, local servers and simulated', async () => {
    const { engine, catalog } = await setup({ secrets: { openai: 'sk-x' } })
    engine.liveModels.set('openai', ['gpt-4o-mini', 'gpt-5-nano'])
    const groups = await catalog.catalog()
    const byProvider = Object.fromEntries(groups.map((g) => [g.provider, g]))
    expect(groups[0]!.provider).toBe('simulated')
    expect(byProvider.simulated!.models.map((m) => m.id)).toContain('simulated/alpha')
    const openai = byProvider.openai!
    expect(openai.keyStatus).toEqual({ set: true, source: 'saved' })
    expect(openai.liveError).toBeUndefined()
    const mini = openai.models.filter((m) => m.id === 'openai/gpt-4o-mini')
    expect(mini).toHaveLength(1)
    expect(mini[0]).toMatchObject({ source: 'known', price: { input: 0.15, output: 0.6 } })
    expect(openai.models.find((m) => m.id === 'openai/gpt-5-nano')).toMatchObject({ source: 'live' })
    expect(byProvider.anthropic!.liveError).toMatch(/No Anthropic key/)
    expect(byProvider.anthropic!.models.length).toBeGreaterThan(0)
    expect(byProvider.ollama!.models).toEqual([
      { id: 'ollama/llama3.2:latest', label: 'llama3.2:latest', source: 'local' },
    ])
    expect(byProvider.lm_studio!.liveError).toMatch(/not running/)
  })

  test('a failing live list is recorded in liveError, scrubbed, never thrown', async () => {
    const { engine, catalog } = await setup({ env: { ANTHROPIC_API_KEY: 'sk-ant-env-secret-1' } })
    engine.liveModels.set('anthropic', new Error('401 for key sk-ant-env-secret-1'))
    const anthropic = (await catalog.catalog()).find((g) => g.provider === 'anthropic')!
    expect(anthropic.keyStatus).toEqual({ set: true, source: 'env' })
    expect(anthropic.liveError).toContain('401')
    expect(anthropic.liveError).not.toContain('sk-ant-env-secret-1')
  })

  test("a live list refused by the provider shows the engine's detail, not its library hint", async () => {
    const { engine, catalog } = await setup({ env: { ANTHROPIC_API_KEY: 'sk-ant-env-secret-1' } })
    const refused = engineError('AuthenticationError', 'invalid x-api-key', {
      status_code: 401,
      hint: "check the API key: pass `api_key` or set the provider's key environment variable",
    })
    engine.liveModels.set('anthropic', refused)
    const anthropic = (await catalog.catalog()).find((g) => g.provider === 'anthropic')!
    expect(anthropic.liveError).toBe('invalid x-api-key')
  })

  test('custom endpoints are groups of openai/<model> with source custom', async () => {
    const settings = defaultSettings()
    settings.endpoints = [{ id: 'ep1', name: 'Box', baseUrl: 'http://127.0.0.1:9/v1' }]
    const { engine, catalog } = await setup({ settings, secrets: { [endpointSecretId('ep1')]: 'k' } })
    engine.liveModels.set('openai', ['my-model'])
    const group = (await catalog.catalog()).find((g) => g.provider === 'endpoint:ep1')!
    expect(group).toMatchObject({ label: 'Box', keyStatus: { set: true, source: 'saved' } })
    expect(group.models).toEqual([{ id: 'openai/my-model', label: 'my-model', source: 'custom' }])
  })

  test('recently used models and their groups come first', () => {
    const groups = recentFirst(
      [
        {
          provider: 'a',
          label: 'A',
          keyStatus: { set: false, source: null },
          models: [{ id: 'a/1', label: '1', source: 'known' }],
        },
        {
          provider: 'b',
          label: 'B',
          keyStatus: { set: false, source: null },
          models: [
            { id: 'b/1', label: '1', source: 'known' },
            { id: 'b/2', label: '2', source: 'known' },
          ],
        },
      ],
      ['b/2'],
    )
    expect(groups.map((g) => g.provider)).toEqual(['b', 'a'])
    expect(groups[0]!.models.map((m) => m.id)).toEqual(['b/2', 'b/1'])
  })

  test('the price table is well-formed and costs are per million tokens', () => {
    for (const m of KNOWN_MODELS) expect(m.id).toMatch(/^[a-z_]+\/\S+$/)
    expect(new Set(KNOWN_MODELS.map((m) => m.id)).size).toBe(KNOWN_MODELS.length)
    // Prices come from the engine's one table (here its real table through the real engine).
    const prices = createPrices(createEngine().priceTable())
    expect(prices.costUsd('openai/gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75)
    expect(prices.costUsd('openai/unknown', 1, 1)).toBeNull()
    // Every suggested model of the big three is priced by the engine's table.
    for (const m of KNOWN_MODELS.filter((k) => /^(openai|anthropic|gemini)\//.test(k.id))) {
      expect(prices.priceOf(m.id), m.id).toBeDefined()
    }
  })
})
