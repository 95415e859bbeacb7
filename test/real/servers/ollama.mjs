// Ollama (built from the Go module proxy by scripts/setup-real-servers.mjs) on a free
// 127.0.0.1 port, its models in the project cache, and the SmolLM2 GGUF registered as
// `smollm2` (`ollama create`, fast once the blob exists).

import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CACHE, ggufPath, MODEL, OLLAMA_BIN, OLLAMA_MODELS } from './manifest.mjs'
import { answers, freePort, serverEnv, startProcess } from './process.mjs'

/**
 * num_thread 1: two threads contend with everything else on a 2-core machine (measured
 * here: 9 tokens/s with 2 threads under load, 74 with 1). num_ctx keeps the KV cache small.
 */
const MODELFILE = (gguf) => `FROM ${gguf}\nPARAMETER num_thread 1\nPARAMETER num_ctx 2048\n`

/** @returns {Promise<{ url: string, stop: () => Promise<void>, output: () => string }>} */
export async function startOllama() {
  const gguf = ggufPath()
  if (!existsSync(OLLAMA_BIN) || !gguf) {
    throw new Error('Ollama or the SmolLM2 GGUF is not installed: run `node scripts/setup-real-servers.mjs`')
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const home = join(CACHE, 'ollama-home')
  mkdirSync(home, { recursive: true })
  const env = serverEnv({
    HOME: home,
    OLLAMA_HOST: `127.0.0.1:${port}`,
    OLLAMA_MODELS,
    // Keep the model loaded between tests (the default unloads it after 5 idle minutes).
    OLLAMA_KEEP_ALIVE: '30m',
  })
  const proc = await startProcess({
    name: 'ollama',
    cmd: OLLAMA_BIN,
    args: ['serve'],
    env,
    timeoutMs: 30_000,
    ready: () => answers(`${url}/api/version`),
  })
  const scratch = mkdtempSync(join(tmpdir(), 'eq-ollama-'))
  try {
    writeFileSync(join(scratch, 'Modelfile'), MODELFILE(gguf))
    execFileSync(OLLAMA_BIN, ['create', MODEL, '-f', join(scratch, 'Modelfile')], {
      env,
      stdio: 'pipe',
      timeout: 120_000,
    })
  } catch (err) {
    await proc.stop()
    throw new Error(`ollama create ${MODEL} failed: ${err.stderr ?? err.message}\n${proc.output().slice(-2000)}`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return { url, stop: proc.stop, output: proc.output }
}
