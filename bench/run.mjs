#!/usr/bin/env node
// npm run bench: @edgequake/llm side by side with openai, ai + @ai-sdk/openai,
// raw undici and LiteLLM (Python), then the Python table (edgequake_python vs
// LiteLLM vs openai-python), all against one out-of-process fake provider.
// Prints the tables, writes bench/results/. Exits non-zero when any peer
// produced wrong output or failed (a broken peer posts no number).
//
//   node bench/run.mjs [--only overhead,throughput,memory,load,ttft,python]
//   BENCH_QUICK=1   ~10x fewer iterations (CI smoke run)
//   BENCH_NO_LITELLM=1   skip LiteLLM; BENCH_NO_PYTHON=1   skip every Python peer

import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, REPO_DIR } from './lib/child.mjs'
import { startFakeServer } from './lib/fake-server.mjs'
import { PEER_NAMES } from './lib/peers.mjs'
import { setupPython } from './lib/python.mjs'
import { buildTable, renderMarkdown, renderText } from './lib/report.mjs'
import {
  PY_SCRIPTS,
  PY_STREAMS,
  pythonTableCells,
  renderPythonMarkdown,
  renderPythonText,
  runPythonTable,
} from './python-table.mjs'

/** Measurement name → module, in the order they run. */
const MEASUREMENTS = {
  load: './load-time.mjs',
  overhead: './overhead.mjs',
  throughput: './throughput.mjs',
  ttft: './ttft.mjs',
  memory: './memory.mjs',
}

const { values: opts } = parseArgs({ options: { only: { type: 'string' } } })
const NAMES = [...Object.keys(MEASUREMENTS), 'python']
const chosen = opts.only ? opts.only.split(',').map((s) => s.trim()) : NAMES
const unknown = chosen.filter((s) => !NAMES.includes(s))
if (unknown.length) {
  console.error(`unknown measurement ${unknown.join(', ')}: one of ${NAMES.join(', ')}`)
  process.exit(2)
}
const selected = chosen.filter((s) => s in MEASUREMENTS)
const withPython = chosen.includes('python')
const quick = process.env.BENCH_QUICK === '1'
const log = (/** @type {string} */ line) => console.error(line)
const started = performance.now()

const cpus = os.cpus()
const machine = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.arch()}, Node ${process.version}`
log(`bench: ${machine}${quick ? ' (BENCH_QUICK)' : ''}`)

const loadStart = os.loadavg()[0]
const python = setupPython(log, { install: !quick })
const { litellm } = python
for (const [name, found] of Object.entries(python)) {
  if (typeof found === 'object' && !found.ok) console.log(`${name} (Python): not available (${found.reason})`)
}

const modules = Object.fromEntries(
  await Promise.all(selected.map(async (name) => [name, await import(MEASUREMENTS[name])])),
)
const scripts = {
  ...Object.fromEntries(Object.values(modules).flatMap((m) => (m.SCRIPT ? [[m.MODEL, m.SCRIPT]] : []))),
  ...(withPython ? PY_SCRIPTS : {}),
}
const fake = await startFakeServer(scripts)
log(`fake provider (pid ${fake.pid}) at ${fake.url}`)

/** @type {import('./lib/runner.mjs').Ctx} */
const ctx = { base: fake.base, quick, peers: PEER_NAMES, litellm, log }
/** @type {Record<string, Record<string, any>>} */
const results = {}
/** @type {Record<string, Record<string, any>>} */
let pyResults = {}
try {
  for (const name of selected) {
    results[name] = await modules[name].run(ctx)
    await fake.clearRequests()
  }
  if (withPython && python.edgequake.ok) {
    log(`python: ${Object.keys(PY_SCRIPTS).length} workloads × edgequake_python, LiteLLM, openai-python`)
    pyResults = await runPythonTable({ base: fake.base, quick, log, python })
  }
} finally {
  await fake.close()
}

const failures = [...Object.entries(results), ...Object.entries(pyResults).map(([m, r]) => [`python ${m}`, r])].flatMap(
  ([m, byPeer]) => Object.entries(byPeer).flatMap(([p, r]) => (r.ok ? [] : [`${m} · ${p}: ${r.error}`])),
)
const streams = results.memory ? (Object.values(results.memory).find((r) => r.ok)?.streams ?? 0) : 0
const table = buildTable(results, { streams })
const date = new Date().toISOString().slice(0, 10)
const notes = [
  `Versions: ${versions().join(', ')}; LiteLLM ${litellm.ok ? litellm.version : `not available (${litellm.reason})`}.`,
  `The fake provider runs in its own process on the same ${cpus.length}-core machine${cpus.length <= 2 ? ': server and client share 2 cores (about one each)' : ''}.`,
  `1-minute load average ${loadStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (above ${cpus.length} means other work shared the cores).`,
  'Ratios are edgequake ÷ peer: below 1× is better where lower is better, above 1× where higher is better.',
  'Overhead: sequential non-streaming calls, keep-alive, instant server, small fixed reply. Streaming: one 10,000-chunk reply, median of several. Memory: growth between before and with all streams open, each peer in a fresh process, after GC. TTFT error: time to first token minus the server-scripted 200 ms.',
  'LiteLLM is measured in Python (time.perf_counter, RSS from /proc); it has no JS heap, and one import figure stands in both load rows.',
]
if (quick) notes.unshift('BENCH_QUICK=1: about 10x fewer iterations; figures are rough.')

const text = renderText(table)
console.log(`\n@edgequake/llm benchmark — ${date} — ${machine}${quick ? ' — BENCH_QUICK' : ''}\n`)
console.log(text)
console.log(`\n${notes.map((n) => `* ${n}`).join('\n')}`)

const pyCells = pythonTableCells(pyResults)
const pyVersions = ['edgequake', 'litellm', 'openai'].map(
  (c) => `${c === 'edgequake' ? 'edgequake-python' : c} ${python[c].ok ? python[c].version : 'not available'}`,
)
const pyNotes = [
  `Versions: ${pyVersions.join(', ')}; ${pyPythonVersion()}.`,
  `Same fake provider, same run, same machine as the table above; each client in a fresh process per measurement.`,
  `Overhead: sequential whole calls (completion / chat.completions.create), keep-alive, instant server. Streaming: one 10,000-chunk reply through the sync iterator. RSS: growth with ${PY_STREAMS} concurrent stalled streams (acompletion / AsyncOpenAI). Import: \`import <module>\` in a fresh interpreter, median of 7. TTFT error: first token minus the server-scripted 200 ms.`,
  `1-minute load average ${loadStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (above ${cpus.length} means other work shared the cores).`,
  'Ratios are edgequake_python ÷ peer.',
]
if (pyCells.length) {
  console.log(`\nedgequake_python benchmark — ${date} — ${machine}${quick ? ' — BENCH_QUICK' : ''}\n`)
  console.log(renderPythonText(pyCells))
  console.log(`\n${pyNotes.map((n) => `* ${n}`).join('\n')}`)
}

const resultsDir = join(BENCH_DIR, 'results')
mkdirSync(resultsDir, { recursive: true })
const complete = !quick && !opts.only && failures.length === 0
const stem = complete ? 'latest' : 'last-run'
const json = {
  date: new Date().toISOString(),
  machine,
  quick,
  only: opts.only ?? null,
  litellm,
  notes,
  results,
  table,
  python: { setup: python, notes: pyNotes, results: pyResults, table: pyCells },
}
writeFileSync(join(resultsDir, `${stem}.json`), `${JSON.stringify(json, null, 2)}\n`)
writeFileSync(join(resultsDir, `${stem}.md`), renderMarkdown(table, { date, machine, notes }))
if (pyCells.length) {
  writeFileSync(join(resultsDir, `python-${stem}.md`), renderPythonMarkdown(pyCells, { date, machine, notes: pyNotes }))
}
log(`\nwrote bench/results/${stem}.json and ${stem}.md in ${((performance.now() - started) / 1000).toFixed(0)} s`)

if (failures.length) {
  console.error(`\nbench FAILED: ${failures.length} peer run(s) failed or produced wrong output:`)
  for (const f of failures) console.error(`  ${f}`)
  process.exit(1)
}

/** The bench venv's Python. */
function pyPythonVersion() {
  const r = spawnSync(
    python.python,
    ['-c', 'import platform; print(platform.python_implementation(), platform.python_version())'],
    {
      encoding: 'utf8',
    },
  )
  return r.status === 0 ? r.stdout.trim() : 'Python version unknown'
}

/** Installed versions of the JS peers. */
function versions() {
  const v = (/** @type {string} */ pkg) =>
    JSON.parse(readFileSync(join(REPO_DIR, 'node_modules', pkg, 'package.json'), 'utf8')).version
  return ['@edgequake/llm', 'openai', 'ai', '@ai-sdk/openai', 'undici'].map((p) => `${p} ${v(p)}`)
}
