// Errors: HTTP status → LiteLLM class on every wire, the fields every error
// carries, mid-stream errors, and bad input rejected before any request is
// made. Key leaks: keys.test.mjs.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'
import * as llm from '@edgequake/llm'
import {
  closedPort,
  collectUntilError,
  failure,
  fakePerFile,
  PROVIDERS,
  params,
  provider,
  T,
  WIRES,
} from './helpers.mjs'

const { completion } = llm
/** The module object (CJS exports), indexed by class name. */
const llmModule = createRequire(import.meta.url)('@edgequake/llm')
const h = fakePerFile()

const STATUS_CLASS = [
  [400, 'BadRequestError', false],
  [401, 'AuthenticationError', false],
  [403, 'PermissionDeniedError', false],
  [404, 'NotFoundError', false],
  [408, 'Timeout', true],
  [422, 'UnprocessableEntityError', false],
  [429, 'RateLimitError', true],
  [500, 'InternalServerError', true],
  [503, 'ServiceUnavailableError', true],
]

/** Asserts the common error fields. */
function assertErr(err, { cls, status, p, retryable }) {
  assert.ok(err instanceof llm.EdgeQuakeLLMError, `an EdgeQuakeLLMError (got ${err?.name}: ${err?.message})`)
  assert.ok(err instanceof Error)
  assert.ok(err instanceof llmModule[cls], `expected ${cls}, got ${err.name}: ${err.message}`)
  assert.equal(err.name, cls)
  assert.equal(err.status_code, status)
  assert.equal(err.llm_provider, p.name)
  assert.equal(err.model, p.model.slice(p.name.length + 1))
  if (retryable !== undefined) assert.equal(err.retryable, retryable)
  assert.equal(typeof err.stack, 'string')
}

describe('HTTP status → error class on every wire', () => {
  for (const p of WIRES) {
    for (const [status, cls, retryable] of STATUS_CLASS) {
      test(`${p.name}: ${status} → ${cls}`, T, async () => {
        const msg = `upstream says no (${status}) ref=Q7`
        const err = await failure(completion(params(p, h.fake, { status, error: { message: msg } })))
        assertErr(err, { cls, status, p, retryable })
        assert.ok(err.message.includes(msg), `message carries the provider's message: ${err.message}`)
      })
    }
    test(`${p.name}: streamed call with an HTTP error throws the same class from the iterator`, T, async () => {
      const s = await completion(params(p, h.fake, { status: 429, error: { message: 'slow down' } }, { stream: true }))
      const r = await collectUntilError(s)
      assert.ok(r.err, 'the iterator throws')
      assertErr(r.err, { cls: 'RateLimitError', status: 429, p, retryable: true })
      assert.match(r.err.message, /slow down/)
      assert.equal(r.tokenChunks, 0)
      assert.ok(s.timing, 'timing set after the failure')
      assert.equal(s.timing.first_token_ms, null)
    })

    test(`${p.name}: streamed call with an HTTP error yields no chunk before throwing`, T, async () => {
      const s = await completion(params(p, h.fake, { status: 429 }, { stream: true }))
      const r = await collectUntilError(s)
      assert.ok(r.err)
      assert.deepEqual(r.chunks, [], `no chunk expected, got ${JSON.stringify(r.chunks)}`)
    })
  }

  test('anthropic 529 overloaded → ServiceUnavailableError', T, async () => {
    const p = provider('anthropic')
    const err = await failure(completion(params(p, h.fake, { status: 529 })))
    assertErr(err, { cls: 'ServiceUnavailableError', status: 529, p, retryable: true })
    assert.match(err.message, /Overloaded/)
  })

  test('the compatible family maps the same way (groq 429, mistral 401, openrouter 503)', T, async () => {
    for (const [name, status, cls] of [
      ['groq', 429, 'RateLimitError'],
      ['mistral', 401, 'AuthenticationError'],
      ['openrouter', 503, 'ServiceUnavailableError'],
      ['deepseek', 400, 'BadRequestError'],
    ]) {
      const p = provider(name)
      const err = await failure(completion(params(p, h.fake, { status })))
      assertErr(err, { cls, status, p })
    }
  })

  for (const p of WIRES.filter((x) => x.wire !== 'ollama')) {
    const opts = T
    test(`${p.name}: a rejected key → AuthenticationError`, opts, async () => {
      const err = await failure(completion(params(p, h.fake, { text: 'x' }, { api_key: 'bad-key-1' })))
      assert.ok(err instanceof llm.AuthenticationError, `${p.name}: got ${err.name}: ${err.message}`)
      assert.equal(err.llm_provider, p.name)
      assert.equal(err.retryable, false)
    })
  }
})

describe('special 400s', () => {
  const CONTEXT = [
    [
      'openai',
      {
        status: 400,
        error: {
          message:
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
          code: 'context_length_exceeded',
          param: 'messages',
        },
      },
    ],
    ['anthropic', { status: 400, error: { message: 'prompt is too long: 210345 tokens > 200000 maximum' } }],
    [
      'gemini',
      {
        status: 400,
        error: { message: 'The input token count (1048580) exceeds the maximum number of tokens allowed (1048576).' },
      },
    ],
    [
      'groq',
      {
        status: 400,
        error: { message: 'Please reduce the length of the messages or completion.', code: 'context_length_exceeded' },
      },
    ],
  ]
  for (const [name, script] of CONTEXT) {
    const opts = T
    test(`${name}: context-window 400 → ContextWindowExceededError`, opts, async () => {
      const p = provider(name)
      const err = await failure(completion(params(p, h.fake, script)))
      assertErr(err, { cls: 'ContextWindowExceededError', status: 400, p, retryable: false })
      assert.ok(err instanceof llm.BadRequestError, 'a BadRequestError subclass')
      assert.ok(err.message.includes(script.error.message))
    })
  }

  const POLICY = [
    [
      'openai',
      {
        status: 400,
        error: {
          message: 'Your request was rejected as a result of our safety system.',
          code: 'content_policy_violation',
        },
      },
    ],
    [
      'azure',
      {
        status: 400,
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
          code: 'content_filter',
        },
      },
    ],
  ]
  for (const [name, script] of POLICY) {
    test(`${name}: content policy 400 → ContentPolicyViolationError`, T, async () => {
      const p = provider(name)
      const err = await failure(completion(params(p, h.fake, script)))
      assertErr(err, { cls: 'ContentPolicyViolationError', status: 400, p, retryable: false })
      assert.ok(err instanceof llm.BadRequestError)
      assert.ok(err.message.includes(script.error.message))
    })
  }

  test('a plain 400 stays BadRequestError', T, async () => {
    const p = provider('openai')
    const err = await failure(
      completion(params(p, h.fake, { status: 400, error: { message: 'Invalid value for top_p' } })),
    )
    assert.equal(err.name, 'BadRequestError')
  })
})

describe('connection errors', () => {
  for (const p of WIRES) {
    test(`${p.name}: refused connection → APIConnectionError`, T, async () => {
      const port = await closedPort()
      const err = await failure(
        completion({ ...params(p, h.fake, null), api_base: p.base(`http://127.0.0.1:${port}`) }),
      )
      assert.ok(err instanceof llm.APIConnectionError, `got ${err.name}: ${err.message}`)
      assert.equal(err.status_code, null)
      assert.equal(err.llm_provider, p.name)
      assert.equal(err.retryable, true)
      // Fails on the refusal itself (not a timeout waited out, nor a retry): the
      // message is the connect failure, with the hint to check the server.
      assert.match(err.message, /could not reach .*is the server up/)
    })
  }

  for (const p of WIRES) {
    test(`${p.name}: server disconnect mid-stream → APIConnectionError after the chunks`, T, async () => {
      const s = await completion(
        params(p, h.fake, { text: 'one two three four five', disconnect_after: 2 }, { stream: true }),
      )
      const r = await collectUntilError(s)
      assert.ok(r.err, 'the iterator throws')
      assert.ok(r.err instanceof llm.APIConnectionError, `got ${r.err.name}: ${r.err.message}`)
      assert.equal(r.text, 'one two')
      assert.ok(s.timing, 'timing set after a failure')
      assert.equal(s.timing.chunk_offsets_ms.length, 2)
    })
  }
})

describe('mid-stream error events', () => {
  const EXPECT = {
    openai: 'InternalServerError',
    azure: 'InternalServerError',
    anthropic: 'ServiceUnavailableError',
    gemini: 'ServiceUnavailableError',
    ollama: 'InternalServerError',
  }
  for (const p of WIRES) {
    test(`${p.name}: chunks that arrived, then ${EXPECT[p.wire]}`, T, async () => {
      const msg = 'the model crashed mid-way'
      const s = await completion(
        params(
          p,
          h.fake,
          { text: 'alpha beta gamma delta', mid_stream_error_after: 2, error: { message: msg } },
          { stream: true },
        ),
      )
      const r = await collectUntilError(s)
      assert.equal(r.text, 'alpha beta')
      assert.equal(r.tokenChunks, 2)
      assert.ok(r.err, 'the iterator throws')
      assert.equal(r.err.name, EXPECT[p.wire], r.err.message)
      assert.ok(r.err instanceof llm.EdgeQuakeLLMError)
      assert.equal(r.err.llm_provider, p.name)
      assert.ok(r.err.message.includes(msg), r.err.message)
      assert.ok(s.timing, 'timing set after the error')
      assert.equal(s.timing.chunk_offsets_ms.length, 2)
      assert.equal(typeof s.timing.end_ms, 'number')
      // The iterator is finished: next() says done.
      const again = await s[Symbol.asyncIterator]().next()
      assert.equal(again.done, true)
    })

    test(`${p.name}: no usage chunk after a mid-stream error`, T, async () => {
      const s = await completion(
        params(p, h.fake, { text: 'alpha beta gamma', mid_stream_error_after: 1 }, { stream: true }),
      )
      const r = await collectUntilError(s)
      assert.ok(r.err)
      assert.equal(r.chunks.length, 1, `only the content chunk, got ${JSON.stringify(r.chunks)}`)
      assert.equal(r.chunks.filter((c) => c.usage).length, 0)
    })
  }

  test('groq-style `event: error` mid-stream', T, async () => {
    const p = provider('groq')
    const s = await completion(
      params(p, h.fake, { text: 'a b c', mid_stream_error_after: 1, error_style: 'groq' }, { stream: true }),
    )
    const r = await collectUntilError(s)
    assert.equal(r.text, 'a')
    assert.ok(r.err instanceof llm.EdgeQuakeLLMError, String(r.err))
    assert.equal(r.err.llm_provider, 'groq')
  })

  test('error before any content (after 0) still throws from the iterator', T, async () => {
    for (const p of WIRES) {
      const s = await completion(params(p, h.fake, { text: 'x y', mid_stream_error_after: 0 }, { stream: true }))
      const r = await collectUntilError(s)
      assert.equal(r.text, '', p.name)
      assert.ok(r.err instanceof llm.EdgeQuakeLLMError, `${p.name}: ${r.err}`)
    }
  })

  test('non-stream request with a mid-stream fault becomes the HTTP error', T, async () => {
    const err = await failure(
      completion(params(provider('anthropic'), h.fake, { text: 'x', mid_stream_error_after: 0 })),
    )
    assert.equal(err.name, 'ServiceUnavailableError')
    assert.equal(err.status_code, 529)
  })
})

describe('bad input fails before any request', () => {
  /** Runs `p` and asserts a BadRequestError-or-given class with a message matching `re`, and no request. */
  async function rejectsEarly(call, re, cls = 'BadRequestError') {
    h.fake.clearRequests()
    const err = await failure(call)
    assert.ok(err instanceof llm.EdgeQuakeLLMError, `${err?.name}: ${err?.message}`)
    assert.equal(err.name, cls, err.message)
    assert.match(err.message, re)
    assert.equal(err.status_code, null)
    assert.equal(h.fake.requests.length, 0, 'no request was made')
    return err
  }
  const base = () => params(provider('openai'), h.fake, { text: 'x' })

  test('unknown provider', T, async () => {
    const err = await rejectsEarly(completion({ ...base(), model: 'nosuchprovider/some-model' }), /nosuchprovider/)
    assert.match(err.message, /provider/i)
  })
  test('bare model name that cannot be inferred', T, async () => {
    await rejectsEarly(completion({ ...base(), model: 'llama-unknown' }), /provider/i)
  })
  test('missing model', T, async () => {
    const p = base()
    delete p.model
    await rejectsEarly(completion(p), /model/)
  })
  test('empty messages', T, async () => {
    await rejectsEarly(completion({ ...base(), messages: [] }), /messages/)
  })
  test('messages is a string', T, async () => {
    await rejectsEarly(completion({ ...base(), messages: 'hi' }), /messages/)
  })
  test('content is a number', T, async () => {
    await rejectsEarly(completion({ ...base(), messages: [{ role: 'user', content: 42 }] }), /content/)
  })
  test('unknown role', T, async () => {
    await rejectsEarly(completion({ ...base(), messages: [{ role: 'wizard', content: 'hi' }] }), /role|wizard/)
  })
  test('misspelled parameter (temprature)', T, async () => {
    const err = await rejectsEarly(completion({ ...base(), temprature: 0.5 }), /temprature/)
    assert.match(err.message, /temperature/, 'suggests the right spelling')
  })
  test('temperature out of range', T, async () => {
    await rejectsEarly(completion({ ...base(), temperature: 5 }), /temperature/)
    await rejectsEarly(completion({ ...base(), temperature: -1 }), /temperature/)
  })
  test('temperature of the wrong type', T, async () => {
    await rejectsEarly(completion({ ...base(), temperature: 'hot' }), /temperature/)
  })
  test('tool message without tool_call_id', T, async () => {
    await rejectsEarly(
      completion({
        ...base(),
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'tool', content: '{"ok":true}' },
        ],
      }),
      /tool_call_id/,
    )
  })
  test('completion() with no object', T, async () => {
    await assert.rejects(completion('openai/gpt-4o-mini'), llm.BadRequestError)
    await assert.rejects(completion(null), llm.BadRequestError)
    assert.equal(h.fake.requests.length, 0)
  })
  test('signal that is not an AbortSignal', T, async () => {
    await rejectsEarly(completion({ ...base(), signal: 'stop' }), /signal/)
  })
  test('num_retries negative / timeout not a number', T, async () => {
    await rejectsEarly(completion({ ...base(), num_retries: -1 }), /num_retries/)
    await rejectsEarly(completion({ ...base(), timeout: 'soon' }), /timeout/)
  })

  test('missing key for a provider that needs one names the env var', T, async () => {
    for (const name of ['groq', 'anthropic', 'gemini', 'openai']) {
      const p = provider(name)
      const env = llm.providers().find((x) => x.name === name).key_env
      const saved = process.env[env]
      delete process.env[env]
      try {
        const call = params(p, h.fake, { text: 'x' })
        delete call.api_key
        const err = await rejectsEarly(completion(call), new RegExp(env), 'AuthenticationError')
        assert.equal(err.llm_provider, name)
      } finally {
        if (saved !== undefined) process.env[env] = saved
      }
    }
  })

  test('a key from the environment is used when api_key is absent', T, async () => {
    const saved = process.env.GROQ_API_KEY
    process.env.GROQ_API_KEY = 'env-key-from-test'
    try {
      h.fake.clearRequests()
      const call = params(provider('groq'), h.fake, { text: 'env ok' })
      delete call.api_key
      const r = await completion(call)
      assert.equal(r.choices[0].message.content, 'env ok')
      assert.equal(h.fake.requests[0].headers.authorization, 'Bearer env-key-from-test')
    } finally {
      if (saved === undefined) delete process.env.GROQ_API_KEY
      else process.env.GROQ_API_KEY = saved
    }
  })

  test('keyless local providers need no key (ollama, lm_studio, hosted_vllm)', T, async () => {
    for (const name of ['ollama', 'lm_studio', 'hosted_vllm']) {
      const env = llm.providers().find((x) => x.name === name).key_env
      const saved = env ? process.env[env] : undefined
      if (env) delete process.env[env]
      try {
        const call = params(provider(name), h.fake, { text: 'local ok', skip_auth: true })
        delete call.api_key
        const r = await completion(call)
        assert.equal(r.choices[0].message.content, 'local ok', name)
      } finally {
        if (env && saved !== undefined) process.env[env] = saved
      }
    }
  })

  test('unsupported parameter on anthropic (seed) → error; accepted and dropped with drop_params', T, async () => {
    const p = provider('anthropic')
    const err = await rejectsEarly(completion(params(p, h.fake, { text: 'x' }, { seed: 7 })), /seed/)
    assert.match(err.message, /drop_params/)
    assert.equal(err.llm_provider, 'anthropic')
    h.fake.clearRequests()
    const r = await completion(params(p, h.fake, { text: 'dropped' }, { seed: 7, drop_params: true }))
    assert.equal(r.choices[0].message.content, 'dropped')
    assert.equal(h.fake.requests.length, 1)
    assert.equal(h.fake.requests[0].body.seed, undefined)
  })

  test('every provider accepts the common parameters without a request-time error', T, async () => {
    for (const p of PROVIDERS) {
      const r = await completion(params(p, h.fake, { text: 'fine' }, { temperature: 0.1, max_tokens: 10, stop: 'END' }))
      assert.equal(r.choices[0].message.content, 'fine', p.name)
    }
  })
})
