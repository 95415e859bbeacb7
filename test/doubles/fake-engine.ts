/**
 * A scripted stand-in for the native engine, for unit tests of the core: each
 * model answers with its script's parts (one batch per piece) on real timers, honours the abort
 * signal like the engine (the iterator throws an AbortError), and reports a
 * timing record computed from what it sent.
 */
import type { ParamRange } from '../../main/common/param-ranges'
import type { Timing, Usage } from '../../main/common/timing'
import {
  type Engine,
  type EngineCall,
  type EngineError,
  type EngineErrorKind,
  type EngineParts,
  type EnginePrice,
  type EngineProvider,
  type EngineStream,
  engineError as realEngineError,
} from '../../main/core/engine'

export interface FakeScript {
  /** Text pieces, one part (and batch) each. */
  chunks?: string[]
  reasoning?: string[]
  ttftMs?: number
  gapMs?: number
  /** Fail instead of answering: after `afterChunks` chunks (0: when the call starts). */
  error?: { name: EngineErrorKind; message: string; status_code?: number; retryable?: boolean; afterChunks?: number }
  reusedConnection?: boolean
  promptTokens?: number
}

export const FAKE_PROVIDERS: EngineProvider[] = [
  {
    name: 'openai',
    wire: 'open_ai',
    models_path: '/models',
    label: 'OpenAI',
    default_base: 'https://api.openai.com/v1',
    key_env: 'OPENAI_API_KEY',
    base_env: 'OPENAI_API_BASE',
    key_required: true,
    local: false,
  },
  {
    name: 'anthropic',
    wire: 'anthropic',
    models_path: '/v1/models',
    label: 'Anthropic',
    default_base: 'https://api.anthropic.com',
    key_env: 'ANTHROPIC_API_KEY',
    base_env: 'ANTHROPIC_API_BASE',
    key_required: true,
    local: false,
  },
  {
    name: 'ollama',
    wire: 'ollama',
    models_path: '/api/tags',
    label: 'Ollama',
    default_base: 'http://localhost:11434',
    key_env: null,
    base_env: 'OLLAMA_API_BASE',
    key_required: false,
    local: true,
  },
  {
    name: 'lm_studio',
    wire: 'open_ai',
    models_path: '/models',
    label: 'LM Studio',
    default_base: 'http://localhost:1234/v1',
    key_env: 'LM_STUDIO_API_KEY',
    base_env: 'LM_STUDIO_API_BASE',
    key_required: false,
    local: true,
  },
]

/** A few entries shaped like the engine's price table (test/engine/cost-and-tokens.test.mjs checks the real one). */
export const FAKE_PRICES: EnginePrice[] = [
  { provider: 'openai', model: 'gpt-4o-mini', input: 0.15, output: 0.6 },
  { provider: 'anthropic', model: 'claude-sonnet-4-0', input: 3, output: 15, aliases: ['claude-sonnet-4-20250514'] },
]

/** A few rows shaped like the engine's table (test/engine/param-ranges.test.mjs checks the real one). */
export const FAKE_PARAM_RANGES: ParamRange[] = [
  { name: 'temperature', min: 0, max: 2, min_exclusive: false, integer: false },
  { name: 'top_p', min: 0, max: 1, min_exclusive: false, integer: false },
  { name: 'stream_timeout', min: 0, max: 86_400, min_exclusive: true, integer: false },
]

export class FakeEngine implements Engine {
  readonly calls: EngineCall[] = []
  readonly warmCalls: Array<{ model: string; api_base?: string; api_key?: string }> = []
  readonly scripts = new Map<string, FakeScript>()
  defaultScript: FakeScript = { chunks: ['Hello', ' world'], ttftMs: 5, gapMs: 2 }
  liveModels = new Map<string, string[] | Error>()
  warmOk = true

  script(model: string, script: FakeScript): this {
    this.scripts.set(model, script)
    return this
  }

  async stream(call: EngineCall): Promise<EngineStream> {
    this.calls.push(call)
    if (call.signal.aborted) throw named('AbortError', 'aborted before start')
    const script = this.scripts.get(call.model) ?? this.defaultScript
    if (script.error && (script.error.afterChunks ?? 0) === 0) throw engineError(script.error)
    return new FakeStream(script, call.signal, call.mock_response)
  }

  async listModels(params: { provider: string }): Promise<Array<{ id: string }>> {
    const models = this.liveModels.get(params.provider)
    if (models instanceof Error) throw models
    return (models ?? []).map((id) => ({ id }))
  }

  async warm(params: { model: string; api_base?: string; api_key?: string }): Promise<{ ok: boolean; ms: number }> {
    this.warmCalls.push(params)
    return { ok: this.warmOk, ms: 1 }
  }

  providers(): EngineProvider[] {
    return FAKE_PROVIDERS.map((p) => ({ ...p }))
  }

  paramRanges(): ParamRange[] {
    return FAKE_PARAM_RANGES.map((r) => ({ ...r }))
  }

  priceTable(): EnginePrice[] {
    return FAKE_PRICES.map((p) => ({ ...p }))
  }
}

class FakeStream implements EngineStream {
  timing: Timing | null = null
  usage: Usage | null = null
  readonly #start = performance.now()

  constructor(
    private readonly script: FakeScript,
    private readonly signal: AbortSignal,
    private readonly mock?: string,
  ) {}

  abort(): void {}

  async *[Symbol.asyncIterator](): AsyncIterator<EngineParts> {
    const s = this.script
    const pieces = this.mock ? this.mock.split(/(?<=\s)/) : (s.chunks ?? [])
    const offsets: number[] = []
    let firstToken: number | null = null
    let sent = 0
    try {
      await sleep(s.ttftMs ?? 0, this.signal)
      for (const r of s.reasoning ?? []) {
        const at = this.#now()
        firstToken ??= at
        offsets.push(at)
        yield [{ type: 'reasoning', text: r, at }]
        await sleep(s.gapMs ?? 0, this.signal)
      }
      for (const text of pieces) {
        if (s.error && sent === s.error.afterChunks) throw engineError(s.error)
        const at = this.#now()
        firstToken ??= at
        offsets.push(at)
        yield [{ type: 'text', text, at }]
        sent++
        await sleep(s.gapMs ?? 0, this.signal)
      }
      if (s.error && sent === s.error.afterChunks) throw engineError(s.error)
      yield [{ type: 'finish', reason: 'stop', at: this.#now() }]
    } finally {
      const end = this.#now()
      const tokens = offsets.length
      this.timing = fakeTiming({ firstToken, end, offsets, tokens, reused: s.reusedConnection ?? false })
      this.usage = {
        prompt_tokens: s.promptTokens ?? 10,
        completion_tokens: tokens,
        total_tokens: (s.promptTokens ?? 10) + tokens,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: s.reasoning?.length ?? 0 },
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      }
    }
  }

  #now(): number {
    return performance.now() - this.#start
  }
}

export function fakeTiming(t: {
  firstToken: number | null
  end: number
  offsets?: number[]
  tokens?: number
  reused?: boolean
  decode?: number | null
}): Timing {
  const tokens = t.tokens ?? 0
  const decode =
    t.decode !== undefined
      ? t.decode
      : t.firstToken !== null && tokens > 1
        ? ((tokens - 1) / (t.end - t.firstToken)) * 1000
        : null
  return {
    start_unix_ms: Date.now(),
    dns_ms: null,
    connect_ms: t.reused ? null : 1,
    tls_ms: null,
    request_sent_ms: 0.1,
    headers_ms: 0.5,
    first_event_ms: 0.5,
    first_token_ms: t.firstToken,
    end_ms: t.end,
    reused_connection: t.reused ?? false,
    http_version: '1.1',
    chunk_offsets_ms: t.offsets ?? [],
    output_tokens: tokens,
    output_tokens_source: 'provider',
    decode_tokens_per_s: decode,
    e2e_tokens_per_s: tokens > 0 ? (tokens / t.end) * 1000 : null,
    buffered: false,
    attempts: 1,
  }
}

/** The engine's own error class for a scripted failure, so the core sees what the engine throws. */
function engineError(e: NonNullable<FakeScript['error']>): EngineError {
  return realEngineError(e.name, e.message, { status_code: e.status_code ?? null, retryable: e.retryable ?? false })
}

function named(name: EngineErrorKind, message: string): EngineError {
  return realEngineError(name, message)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(named('AbortError', 'aborted'))
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(named('AbortError', 'aborted'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
