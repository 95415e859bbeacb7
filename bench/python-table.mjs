// The Python table: edgequake_python side by side with LiteLLM and the official
// openai SDK, in Python, against the same fake provider in the same run.
// Each measurement runs each client in a fresh process (python_peer.py).
// Targets are the (#12); reported, not enforced, like the JS table's.

import { runPythonPeer } from './lib/python.mjs'
import * as memory from './memory.mjs'
import * as overhead from './overhead.mjs'
import * as throughput from './throughput.mjs'
import * as ttft from './ttft.mjs'

/** Concurrent stalled streams for the Python RSS row (edgequake-python's guide: 100). */
export const PY_STREAMS = 100
const CLIENTS = /** @type {const} */ (['edgequake', 'litellm', 'openai'])
const HEADERS = [
  'Metric',
  'better',
  'edgequake_python',
  'LiteLLM',
  'openai (Py)',
  'eq vs litellm',
  'eq vs openai',
  'target',
  'result',
]

/** Fake-provider scripts the Python measurements use (model → script). */
export const PY_SCRIPTS = Object.fromEntries([overhead, throughput, ttft, memory].map((m) => [m.MODEL, m.SCRIPT]))

/** Measurement → arguments for python_peer.py (the same workloads as the JS table's). */
const MEASUREMENTS = {
  load: () => ({ runs: 7 }),
  overhead: () => ({ model: overhead.MODEL, reply: overhead.REPLY }),
  throughput: () => ({ model: throughput.MODEL, chunks: 10_000, 'chunk-text': 'tok' }),
  ttft: () => ({ model: ttft.MODEL, delay: 200, reply: 'first token after a pause' }),
  memory: () => ({ model: memory.MODEL, streams: PY_STREAMS, first: memory.FIRST }),
}

/**
 * @param {{ base: string, quick: boolean, log: (l: string) => void,
 *   python: Record<string, { ok: boolean, version?: string, reason?: string }> }} ctx
 * @returns {Promise<Record<string, Record<string, any>>>} measurement → client → result
 */
export async function runPythonTable(ctx) {
  /** @type {Record<string, Record<string, any>>} */
  const results = {}
  for (const [name, args] of Object.entries(MEASUREMENTS)) {
    results[name] = {}
    for (const client of CLIENTS) {
      if (!ctx.python[client]?.ok) continue
      const t0 = performance.now()
      try {
        results[name][client] = { ok: true, ...(await runPythonPeer(client, name, ctx, args())) }
        ctx.log(`  python ${name} · ${client}: ok (${((performance.now() - t0) / 1000).toFixed(1)} s)`)
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err)
        ctx.log(`  python ${name} · ${client}: FAILED: ${error}`)
        results[name][client] = { ok: false, error }
      }
    }
  }
  return results
}

/** @typedef {Record<string, number | undefined>} V */
const ROWS = [
  {
    m: 'overhead',
    label: 'Per-call overhead p50 (µs)',
    better: 'lower',
    get: (/** @type {any} */ r) => r.p50_us,
    digits: 0,
    target: {
      text: '≤ 200 µs and ≤ 1/15 LiteLLM',
      needs: ['litellm'],
      check: (/** @type {V} */ v) => v.edgequake <= 200 && v.edgequake <= v.litellm / 15,
    },
  },
  { m: 'overhead', label: 'Per-call overhead p99 (µs)', better: 'lower', get: (r) => r.p99_us, digits: 0 },
  {
    m: 'load',
    label: 'Import time (ms)',
    better: 'lower',
    get: (r) => r.import_ms,
    digits: 1,
    target: { text: '≤ 50 ms (aim ≤ 20)', needs: [], check: (v) => v.edgequake <= 50 },
  },
  {
    m: 'memory',
    label: `RSS growth, ${PY_STREAMS} concurrent streams (MB)`,
    better: 'lower',
    get: (r) => r.rss_mb,
    digits: 1,
    target: { text: '≤ 8 MB (aim ≤ 4)', needs: [], check: (v) => v.edgequake <= 8 },
  },
  {
    m: 'throughput',
    label: 'Streaming, 10k-chunk reply (chunks/s)',
    better: 'higher',
    get: (r) => r.chunks_per_s,
    digits: 0,
    target: { text: '≥ 10× LiteLLM', needs: ['litellm'], check: (v) => v.edgequake >= 10 * v.litellm },
  },
  {
    m: 'ttft',
    label: 'TTFT error, seen by consumer (ms)',
    better: 'lower',
    get: (r) => r.consumer_error_ms,
    digits: 2,
    target: { text: '≤ openai-python', needs: ['openai'], check: (v) => v.edgequake <= v.openai },
  },
  {
    m: 'ttft',
    label: 'TTFT error, engine socket timing (ms)',
    better: 'lower',
    get: (r) => r.socket_error_ms,
    digits: 2,
  },
]

/** @param {Record<string, Record<string, any>>} results @returns {string[][]} */
export function pythonTableCells(results) {
  const out = []
  for (const row of ROWS) {
    const byClient = results[row.m]
    if (!byClient) continue
    /** @type {V} */
    const v = {}
    const cells = CLIENTS.map((c) => {
      const r = byClient[c]
      if (!r) return '—'
      if (!r.ok) return 'ERROR'
      const x = row.get(r)
      if (x == null) return '—'
      v[c] = x
      return x.toLocaleString('en-US', { minimumFractionDigits: row.digits, maximumFractionDigits: row.digits })
    })
    const ratio = (/** @type {string} */ c) =>
      Number.isFinite(v.edgequake) && Number.isFinite(v[c]) && v[c] > 0 ? `${fmtRatio(v.edgequake / v[c])}×` : '—'
    let verdict = ''
    if (row.target) {
      const known = ['edgequake', ...row.target.needs].every((c) => Number.isFinite(v[c]))
      verdict = known ? (row.target.check(v) ? 'PASS' : 'MISS') : 'n/a'
    }
    out.push([row.label, row.better, ...cells, ratio('litellm'), ratio('openai'), row.target?.text ?? '', verdict])
  }
  return out
}

const fmtRatio = (/** @type {number} */ r) => (r >= 10 ? r.toFixed(1) : r.toFixed(r < 0.01 ? 4 : 2))

/** @param {string[][]} cells */
export function renderPythonText(cells) {
  const rows = [HEADERS, ...cells]
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (/** @type {string[]} */ r) =>
    r.map((c, i) => (i < 2 || i >= widths.length - 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)].join('\n')
}

/** @param {string[][]} cells @param {{ date: string, machine: string, notes: string[] }} meta */
export function renderPythonMarkdown(cells, meta) {
  const align = HEADERS.map((_, i) => (i < 2 || i >= HEADERS.length - 2 ? ':--' : '--:'))
  return [
    `Python benchmark run ${meta.date} on ${meta.machine}.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...cells.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...meta.notes.map((n) => `- ${n}`),
    '',
  ].join('\n')
}
