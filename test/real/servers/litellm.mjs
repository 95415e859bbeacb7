// LiteLLM's proxy on a free 127.0.0.1 port with a master key made per start. Its
// models: `mock-gpt` (LiteLLM's own mock_response, streamed as LiteLLM streams it on
// the OpenAI and Gemini routes; on /v1/messages a mock_response model answers
// unstreamed), three error models that make LiteLLM raise its real 429 /
// 400-context-window / 500, and `smollm2` / `llama-via-litellm`, forwarded to the
// llama.cpp server: real tokens, and LiteLLM's own streamed /v1/messages.

import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LITELLM_BIN } from './manifest.mjs'
import { answers, freePort, serverEnv, startProcess } from './process.mjs'

export const MOCK_TEXT = 'Hello from the LiteLLM proxy mock, streamed the way LiteLLM streams it.'

const model = (name, params) =>
  `  - model_name: ${name}\n    litellm_params:\n${Object.entries(params)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
    .join('\n')}`

function config() {
  const mock = (name, response) => model(name, { model: `openai/${name}`, api_key: 'unused', mock_response: response })
  const toLlama = (name) =>
    model(name, { model: 'openai/smollm2', api_key: 'unused', api_base: 'os.environ/EQ_LLAMA_BASE' })
  return [
    'model_list:',
    mock('mock-gpt', MOCK_TEXT),
    mock('rate-limited', 'litellm.RateLimitError'),
    mock('context-window', 'litellm.ContextWindowExceededError'),
    mock('server-error', 'litellm.InternalServerError'),
    toLlama('smollm2'),
    toLlama('llama-via-litellm'),
    'litellm_settings:',
    '  num_retries: 0',
    'general_settings:',
    // Anthropic's /v1/messages served through the chat-completions path, so every model answers it.
    '  use_chat_completions_url_for_anthropic_messages: true',
    '',
  ].join('\n')
}

/**
 * @param {{ llamaUrl: string }} o
 * @returns {Promise<{ url: string, key: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startLitellm({ llamaUrl }) {
  if (!existsSync(LITELLM_BIN)) {
    throw new Error("LiteLLM's proxy is not installed: run `node scripts/setup-real-servers.mjs`")
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const key = `sk-eq-${randomBytes(16).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'eq-litellm-'))
  writeFileSync(join(dir, 'config.yaml'), config())
  const env = serverEnv({
    LITELLM_MASTER_KEY: key,
    EQ_LLAMA_BASE: `${llamaUrl}/v1`,
    // The bundled model price map instead of fetching it; no telemetry.
    LITELLM_LOCAL_MODEL_COST_MAP: 'True',
    LITELLM_TELEMETRY: 'False',
    HF_HUB_OFFLINE: '1',
  })
  try {
    const proc = await startProcess({
      name: 'litellm',
      cmd: LITELLM_BIN,
      args: ['--config', join(dir, 'config.yaml'), '--host', '127.0.0.1', '--port', String(port), '--num_workers', '1'],
      env,
      cwd: dir,
      // Importing the proxy takes 10–25 s on a busy 2-core machine.
      timeoutMs: 120_000,
      ready: () => answers(`${url}/health/liveliness`),
    })
    const stop = async () => {
      await proc.stop()
      rmSync(dir, { recursive: true, force: true })
    }
    return { url, key, stop, output: proc.output }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
