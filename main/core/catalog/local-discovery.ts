/**
 * Finds local model servers: every provider the engine's registry marks `local`
 * (Ollama, LM Studio, vLLM), asked for its models through the engine's own
 * `list_models` — the same routes, base-URL environment variables
 * (`OLLAMA_API_BASE`, …) and error classes as a real call, no second HTTP client.
 * A server that is not running must not slow the picker down: each probe gives
 * up after 500 ms, and all run at once.
 */
import { type Engine, errorText, isEngineError } from '../engine'

export const DISCOVERY_TIMEOUT_MS = 500

export interface LocalServer {
  /** A local provider's registry name (`ollama`, `lm_studio`, `hosted_vllm`). */
  provider: string
  /** Where to probe; default: the provider's base-URL env var, else its default base. */
  base?: string
}

export interface Discovered {
  provider: string
  models: string[]
  /** Why nothing was found (not running, timeout, unexpected answer). */
  error?: string
}

/** Every local provider of the registry, at its configured or default base. */
export function defaultLocalServers(engine: Pick<Engine, 'providers'>): LocalServer[] {
  return engine
    .providers()
    .filter((p) => p.local)
    .map((p) => ({ provider: p.name }))
}

export async function discoverLocal(
  engine: Pick<Engine, 'listModels'>,
  servers: LocalServer[],
  timeoutMs = DISCOVERY_TIMEOUT_MS,
): Promise<Discovered[]> {
  return Promise.all(servers.map((s) => probe(engine, s, timeoutMs)))
}

async function probe(engine: Pick<Engine, 'listModels'>, server: LocalServer, timeoutMs: number): Promise<Discovered> {
  try {
    const models = await engine.listModels({
      provider: server.provider,
      ...(server.base ? { api_base: server.base } : {}),
      timeout: timeoutMs / 1000,
    })
    return { provider: server.provider, models: models.map((m) => m.id) }
  } catch (err) {
    const where = server.base ?? 'its default address'
    const kind = isEngineError(err) ? err.name : null
    const why =
      kind === 'Timeout'
        ? `no answer within ${timeoutMs} ms`
        : kind === 'APIConnectionError'
          ? 'not running'
          : errorText(err) || 'unexpected answer'
    return { provider: server.provider, models: [], error: `${why} at ${where}` }
  }
}
