/**
 * Finds local model servers on their default ports: Ollama (`GET /api/tags`)
 * and LM Studio (`GET /v1/models`, OpenAI's shape). A server that is not
 * running must not slow the picker down: each probe gives up after 500 ms.
 */
export const DISCOVERY_TIMEOUT_MS = 500

export interface LocalServer {
  provider: 'ollama' | 'lm_studio'
  /** Where to probe: Ollama's root, or LM Studio's OpenAI-compatible base (…/v1). */
  base: string
}

export interface Discovered {
  provider: LocalServer['provider']
  models: string[]
  /** Why nothing was found (not running, timeout, unexpected answer). */
  error?: string
}

/** Default probes; the engine's base environment variables (OLLAMA_API_BASE, LM_STUDIO_API_BASE) win. */
export function defaultLocalServers(env: NodeJS.ProcessEnv = process.env): LocalServer[] {
  return [
    { provider: 'ollama', base: env.OLLAMA_API_BASE || 'http://127.0.0.1:11434' },
    { provider: 'lm_studio', base: env.LM_STUDIO_API_BASE || 'http://127.0.0.1:1234/v1' },
  ]
}

export async function discoverLocal(servers: LocalServer[], timeoutMs = DISCOVERY_TIMEOUT_MS): Promise<Discovered[]> {
  return Promise.all(servers.map((s) => probe(s, timeoutMs)))
}

async function probe(server: LocalServer, timeoutMs: number): Promise<Discovered> {
  const base = server.base.replace(/\/+$/, '')
  const url = server.provider === 'ollama' ? `${base}/api/tags` : `${base}/models`
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok) return { provider: server.provider, models: [], error: `${url} answered ${res.status}` }
    const body = (await res.json()) as {
      models?: Array<{ name?: unknown; model?: unknown }>
      data?: Array<{ id?: unknown }>
    }
    const ids =
      server.provider === 'ollama'
        ? (body.models ?? []).map((m) => m.name ?? m.model)
        : (body.data ?? []).map((m) => m.id)
    return { provider: server.provider, models: ids.filter((id): id is string => typeof id === 'string') }
  } catch (err) {
    const e = err as Error
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'not running'
    return { provider: server.provider, models: [], error: `${why} at ${base}` }
  }
}
