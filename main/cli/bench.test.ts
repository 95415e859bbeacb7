/**
 * The CLI end to end: spec → run through the real engine's Simulated provider
 * (`mock_response`, no network) → reports on disk, the run in history, the exit code.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createPlayground } from '../core/create-playground'
import { createEngine } from '../core/engine'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import { runBench } from './bench'
import { EXIT } from './cli-io'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eq-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function io() {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: {
      stdout: {
        write: (t: string) => {
          out.stdout += t
        },
      },
      stderr: {
        write: (t: string) => {
          out.stderr += t
        },
      },
      env: {},
    },
  }
}

function spec(name: string, body: string): string {
  const path = join(dir, name)
  writeFileSync(path, body)
  return path
}

const FAST = 'simulated: {ttft_ms: 5, tokens_per_second: 4000}'

describe('edgequake bench', () => {
  test('a passing spec writes the three reports, records the run in history and exits 0', async () => {
    const path = spec(
      'pass.yaml',
      `name: CI gate\nmodels: [simulated/alpha, simulated/beta]\nprompt: "Say <b>hi</b> & go"\nruns: 3\ncache: cold\n` +
        `slo: {ttft_ms: 60000, e2e_ms: 600000}\n${FAST}\n`,
    )
    const dataDir = join(dir, 'data')
    const { io: cliIo, out } = io()
    const code = await runBench({ spec: path, dataDir, out: join(dir, 'out'), engine: createEngine() }, cliIo)
    expect(out.stderr).toMatch(/6\/6 runs/)
    expect(code).toBe(EXIT.ok)
    expect(out.stdout).toMatch(/simulated\/alpha\s+3\s/)
    expect(out.stdout).toMatch(/SLO gate passed/)
    const files = readdirSync(join(dir, 'out')).sort()
    expect(files.map((f) => f.replace(/^run_[^.]+/, 'RUN'))).toEqual(['RUN.html', 'RUN.json', 'RUN.md'])
    const html = readFileSync(join(dir, 'out', files[0]!), 'utf8')
    expect(html).toContain('<svg')
    expect(html).toContain('Say &lt;b&gt;hi&lt;/b&gt; &amp; go')
    expect(html).not.toMatch(/<script/i)
    expect(html).toMatch(/SLO gate passed/)
    const json = JSON.parse(readFileSync(join(dir, 'out', files[1]!), 'utf8'))
    expect(json.format).toBe('edgequake-playground/report@1')
    expect(json.runs).toHaveLength(6)
    expect(json.runs.every((r: { promptCache: string }) => r.promptCache === 'cold')).toBe(true)
    expect(readFileSync(join(dir, 'out', files[2]!), 'utf8')).toMatch(/\| simulated\/beta \| 3 \|/)
    // The app opening this data directory finds the run, with its report.
    const app = createPlayground({
      engine: createEngine(),
      dataDir,
      secrets: createFileSecretStore(dataDir),
      env: {},
      localServers: [],
    })
    try {
      const [summary] = await app.api.listHistory()
      expect(summary!.models).toEqual(['simulated/alpha', 'simulated/beta'])
      expect(await app.api.exportRun(summary!.runId, 'html')).toContain('<svg')
      // The spec's simulated pace was the run's only: the app's setting is back to its default.
      expect((await app.api.getSettings()).simulated.ttftMs).toBe(250)
    } finally {
      await app.close()
    }
  })

  test('an SLO no run can meet fails the gate with exit code 1', async () => {
    const path = spec(
      'fail.json',
      JSON.stringify({
        models: ['simulated/alpha'],
        prompt: 'hi',
        runs: 2,
        slo: { ttft_ms: 1 },
        simulated: { ttft_ms: 30, tokens_per_second: 4000 },
      }),
    )
    const { io: cliIo, out } = io()
    const code = await runBench({ spec: path, noHistory: true, out: join(dir, 'out'), engine: createEngine() }, cliIo)
    expect(code).toBe(EXIT.sloFailed)
    expect(out.stdout).toMatch(/0% \(0\/2\)/)
    expect(out.stdout).toMatch(/SLO gate FAILED/)
  })

  test('a bad spec exits 2 and says what is wrong', async () => {
    const cases: Array<[string, RegExp]> = [
      ['models: []\nprompt: hi\n', /models: list at least one model/],
      ['models: [simulated/alpha]\nprompt: hi\nslo: {ttft: 5}\n', /slo.ttft is not a limit/],
      ['models: [simulated/alpha]\nprompt: hi\nrunz: 5\n', /unknown spec key "runz"/],
      ['models: [simulated/alpha]\nprompt: hi\nruns: 2\nmode: concurrent\ncache: alternate\n', /needs sequential runs/],
      ['models: [simulated/alpha]\nprompt: [unclosed\n', /not valid YAML/],
    ]
    for (const [body, message] of cases) {
      const { io: cliIo, out } = io()
      const code = await runBench({ spec: spec('bad.yaml', body), noHistory: true, engine: createEngine() }, cliIo)
      expect(code).toBe(EXIT.usage)
      expect(out.stderr).toMatch(message)
    }
  })

  test('load mode: a sweep against the Simulated provider writes its reports; a cloud model is refused', async () => {
    const path = spec(
      'load.yaml',
      `models: [simulated/alpha]\nprompt: hi\n${FAST}\nload: {kind: sweep, max_concurrency: 2, requests_per_level: 2, warmup: 1}\n`,
    )
    const { io: cliIo, out } = io()
    const code = await runBench({ spec: path, noHistory: true, out: join(dir, 'load'), engine: createEngine() }, cliIo)
    expect(code).toBe(EXIT.ok)
    expect(out.stderr).toMatch(/simulated\/alpha: 5 requests/)
    expect(out.stdout).toMatch(/Concurrency/)
    expect(
      readdirSync(join(dir, 'load'))
        .map((f) => f.split('.').pop())
        .sort(),
    ).toEqual(['html', 'json', 'md'])
    const cloud = spec(
      'cloud.yaml',
      'models: [openai/gpt-4o-mini]\nprompt: hi\nload: {levels: [1], requests_per_level: 1}\n',
    )
    const refused = io()
    expect(await runBench({ spec: cloud, noHistory: true, engine: createEngine() }, refused.io)).toBe(EXIT.usage)
    expect(refused.out.stderr).toMatch(/load mode is for servers you own: OpenAI is a cloud provider/)
  })

  test('the built binary: npm run cli’s bundle exits with the gate’s code', () => {
    const root = resolve(__dirname, '../..')
    const build = spawnSync(process.execPath, ['scripts/build-main.mjs', '--only', 'cli', '--quiet'], { cwd: root })
    expect(build.status).toBe(0)
    const path = spec(
      'gate.yaml',
      `models: [simulated/gamma]\nprompt: hi\nslo: {ttft_ms: 1}\nsimulated: {ttft_ms: 20, tokens_per_second: 4000}\n`,
    )
    const run = spawnSync(
      process.execPath,
      ['dist/main/cli.cjs', 'bench', path, '--no-history', '--out', join(dir, 'o')],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, EQ_DATA_DIR: join(dir, 'unused') },
      },
    )
    expect(run.stdout).toMatch(/SLO gate FAILED/)
    expect(run.status).toBe(EXIT.sloFailed)
    const usage = spawnSync(process.execPath, ['dist/main/cli.cjs', 'bench'], { cwd: root, encoding: 'utf8' })
    expect(usage.status).toBe(EXIT.usage)
    expect(usage.stderr).toMatch(/usage: edgequake bench/)
  })
})
