// Runs the cases that used to kill the host process (SIGABRT) or hang a stream,
// one after another, in a child process the survival test watches. Prints one JSON
// line per case; exits 0 only if it lived through all of them.
//   node survival-child.mjs <hostile-server-url>

import { completion } from '@edgequake/llm'

const url = process.argv[2]
const messages = [{ role: 'user', content: 'hi' }]
const net = (scenario, extra = {}) => ({
  model: 'openai/gpt-4o-mini',
  messages,
  api_key: 'sk-test-000000',
  api_base: `${url}/${scenario}`,
  timeout: 5,
  ...extra,
})
const mock = (extra) => ({ model: 'openai/gpt-4o-mini', messages, mock_response: 'hello there', timeout: 1, ...extra })

/** name → parameters. Every one must settle with a typed error or a result. */
export const CASES = {
  'timeout 1e19': mock({ timeout: 1e19 }),
  'timeout 1e300': mock({ timeout: 1e300 }),
  'first_byte_timeout 1e19': mock({ first_byte_timeout: 1e19 }),
  'first_byte_timeout 2 ** 64': mock({ first_byte_timeout: 2 ** 64 }),
  'stream_timeout 1e30': mock({ stream_timeout: 1e30, stream: true }),
  'timeout Infinity': mock({ timeout: Number.POSITIVE_INFINITY }),
  'temperature NaN': mock({ temperature: Number.NaN }),
  'mock_ttft_ms 1e20': mock({ mock_ttft_ms: 1e20, stream: true }),
  'mock_tokens_per_second 1e-300': mock({ mock_tokens_per_second: 1e-300, stream: true }),
  'mock_tokens_per_second 1e300': mock({ mock_tokens_per_second: 1e300 }),
  'num_retries 4294967295': mock({ num_retries: 4294967295 }),
  'max_event_bytes 1e30': mock({ max_event_bytes: 1e30 }),
  'tool index u32::MAX (stream)': net('huge-index~index=4294967295', { stream: true }),
  'tool index 1e9 (whole)': net('huge-index-json~index=1000000000'),
  'retry-after inf': net('retry-after~value=inf', { num_retries: 1, stream: true }),
  'retry-after Infinity': net('retry-after~value=Infinity', { num_retries: 1 }),
  'retry-after 1e20': net('retry-after~value=1e20', { num_retries: 1, stream: true }),
  'retry-after-ms 1e300': net('retry-after~header=retry-after-ms~value=1e300', { num_retries: 2 }),
  'retry-after NaN': net('retry-after~value=NaN', { num_retries: 1, timeout: 2 }),
}

async function settle(params) {
  try {
    const out = await completion(params)
    if (params.stream) for await (const _ of out);
    return { ok: true }
  } catch (err) {
    return { ok: false, name: err?.name, message: err?.message }
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  for (const [name, params] of Object.entries(CASES)) {
    const result = await settle(params)
    process.stdout.write(`${JSON.stringify({ case: name, ...result })}\n`)
  }
  process.exit(0)
}
