/**
 * The loopback fake provider (test/fake-provider/) run as its own process and
 * driven through its HTTP control API. Out of process on purpose: in the test
 * runner's process, anything that blocks the runner's event loop (loading
 * fetch, parsing a large event stream) would delay the fake's scripted timers
 * and show up as provider latency in the TTFT checks.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'

/** A fake-provider script; see test/fake-provider/README.md for every field. */
export interface FakeScript {
  text?: string
  chunks?: string[]
  chunk_count?: number
  chunk_text?: string
  reasoning?: string[]
  headers_delay_ms?: number
  first_token_delay_ms?: number
  chunk_delay_ms?: number
  status?: number
  stall_after?: number
  mid_stream_error_after?: number
  skip_auth?: boolean
  [field: string]: unknown
}

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
  provider: string | null
}

export interface FakeProvider {
  url: string
  setDefaultScript(script: FakeScript | null): Promise<void>
  setModelScript(model: string, script: FakeScript | null): Promise<void>
  clearScripts(): Promise<void>
  setModels(provider: 'openai' | 'anthropic' | 'gemini' | 'ollama', ids: string[] | null): Promise<void>
  requests(): Promise<LoggedRequest[]>
  clearRequests(): Promise<void>
  reset(): Promise<void>
  close(): Promise<void>
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(process.cwd(), 'test/fake-provider/cli.mjs'), '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`fake provider did not start: ${out}`)), 10_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /FAKE_PROVIDER_URL=(\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`fake provider exited (${code}): ${out}`)))
  })
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/__control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as unknown
    if (!res.ok) throw new Error(`fake provider control ${method} ${path}: ${JSON.stringify(json)}`)
    return json
  }
  const ok = async (method: string, path: string, body?: unknown) => {
    await control(method, path, body)
  }
  return {
    url,
    setDefaultScript: (script) => (script ? ok('PUT', 'default', script) : ok('DELETE', 'default')),
    setModelScript: (model, script) =>
      script
        ? ok('PUT', `scripts/${encodeURIComponent(model)}`, script)
        : ok('DELETE', `scripts/${encodeURIComponent(model)}`),
    clearScripts: () => ok('DELETE', 'scripts'),
    setModels: (provider, ids) => ok('PUT', `models/${provider}`, ids),
    requests: async () => (await control('GET', 'requests')) as LoggedRequest[],
    clearRequests: () => ok('DELETE', 'requests'),
    reset: () => ok('POST', 'reset'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
