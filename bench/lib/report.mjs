// Turns the measurements into the results table: one row per metric, a column
// per peer, ratio columns (edgequake ÷ peer) and the targets.

/** Peer columns, in table order. */
export const COLUMNS = [
  ['edgequake', '@edgequake/llm'],
  ['edgequake_parts', 'stream_parts (app path)'],
  ['openai', 'openai'],
  ['ai', 'ai+@ai-sdk/openai'],
  ['undici', 'undici (raw)'],
  ['litellm', 'LiteLLM (Py)'],
]
const RATIO_PEERS = ['openai', 'ai', 'undici', 'litellm']

/**
 * @typedef {Record<string, number|null|undefined>} Values peer → value
 * @typedef {object} Row
 * @property {string} measurement
 * @property {string} label
 * @property {string} unit
 * @property {'lower'|'higher'} better
 * @property {(r: any) => number|null|undefined} value
 * @property {number} digits
 * @property {{ text: string, needs: string[], check: (v: Values) => boolean } | null} target
 *   needs: the other peers whose values the check reads
 */

/** @param {number} streams @returns {Row[]} */
function rowsFor(streams) {
  const overheadTarget = {
    text: '≤ ⅓ openai, < undici',
    needs: ['openai', 'undici'],
    check: (/** @type {Values} */ v) => v.edgequake <= v.openai / 3 && v.edgequake < v.undici,
  }
  const ttftTarget = { text: '< 1 ms', needs: [], check: (/** @type {Values} */ v) => Math.abs(v.edgequake) < 1 }
  const loadTarget = { text: '≤ 15 ms', needs: [], check: (/** @type {Values} */ v) => v.edgequake <= 15 }
  return [
    row('overhead', 'Per-call overhead p50', 'µs', 'lower', (r) => r.p50_us, 0, overheadTarget),
    row('overhead', 'Per-call overhead p99', 'µs', 'lower', (r) => r.p99_us, 0, overheadTarget),
    row('throughput', 'Streaming, 10k-chunk reply', 'chunks/s', 'higher', (r) => r.chunks_per_s, 0, {
      text: '≥ 3× openai',
      needs: ['openai'],
      check: (v) => v.edgequake >= 3 * v.openai,
    }),
    row('memory', `RSS growth, ${streams} open streams`, 'MB', 'lower', (r) => r.rss_mb, 1, {
      text: '≤ ½ openai',
      needs: ['openai'],
      check: (v) => v.edgequake <= v.openai / 2,
    }),
    row('memory', `JS heap growth, ${streams} open streams`, 'MB', 'lower', (r) => r.heap_mb, 1, null),
    row('load', 'Module load, require()', 'ms', 'lower', (r) => r.require_ms, 1, loadTarget),
    row('load', 'Module load, import()', 'ms', 'lower', (r) => r.import_ms, 1, loadTarget),
    row('ttft', 'TTFT error, seen by consumer', 'ms', 'lower', (r) => r.consumer_error_ms, 2, ttftTarget),
    row('ttft', 'TTFT error, engine socket timing', 'ms', 'lower', (r) => r.socket_error_ms, 2, ttftTarget),
  ]
}

/** @returns {Row} */
function row(measurement, label, unit, better, value, digits, target) {
  return { measurement, label, unit, better, value, digits, target }
}

/**
 * @param {Record<string, Record<string, any>>} results measurement → peer → result
 * @param {{ streams: number }} opts
 */
export function buildTable(results, opts) {
  const out = []
  for (const r of rowsFor(opts.streams)) {
    const byPeer = results[r.measurement]
    if (!byPeer) continue
    /** @type {Values} */
    const values = {}
    /** @type {Record<string, string>} */
    const cells = {}
    for (const [peer] of COLUMNS) {
      const res = byPeer[peer]
      if (!res) cells[peer] = '—'
      else if (!res.ok) cells[peer] = 'ERROR'
      else {
        const v = r.value(res)
        values[peer] = v
        cells[peer] = v == null ? '—' : formatNumber(v, r.digits)
      }
    }
    const ratios = Object.fromEntries(RATIO_PEERS.map((p) => [p, formatRatio(values.edgequake, values[p])]))
    let verdict = ''
    if (r.target) {
      const needed = ['edgequake', ...r.target.needs]
      verdict = needed.every((p) => Number.isFinite(values[p])) ? (r.target.check(values) ? 'PASS' : 'MISS') : 'n/a'
    }
    out.push({
      metric: `${r.label} (${r.unit})`,
      better: r.better === 'lower' ? 'lower' : 'higher',
      cells,
      values,
      ratios,
      target: r.target?.text ?? '',
      verdict,
    })
  }
  return out
}

/** @param {number} v @param {number} digits */
function formatNumber(v, digits) {
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** edgequake ÷ peer, e.g. `0.21×`; `—` when either side is missing or not positive. */
function formatRatio(eq, other) {
  if (!Number.isFinite(eq) || !Number.isFinite(other) || other <= 0 || eq < 0) return '—'
  const r = eq / other
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`
}

const HEADERS = [
  'Metric',
  'better',
  ...COLUMNS.map(([, h]) => h),
  ...RATIO_PEERS.map((p) => `eq vs ${p}`),
  'target',
  'result',
]

/** @param {ReturnType<typeof buildTable>} table */
const tableCells = (table) =>
  table.map((r) => [
    r.metric,
    r.better,
    ...COLUMNS.map(([p]) => r.cells[p]),
    ...RATIO_PEERS.map((p) => r.ratios[p]),
    r.target,
    r.verdict,
  ])

/**
 * Fixed-width text table for the terminal.
 * @param {ReturnType<typeof buildTable>} table
 */
export function renderText(table) {
  const rows = [HEADERS, ...tableCells(table)]
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (r) => r.map((c, i) => (i < 2 || i >= widths.length - 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
  const sep = widths.map((w) => '-'.repeat(w)).join('-+-')
  return [line(HEADERS).join(' | '), sep, ...rows.slice(1).map((r) => line(r).join(' | '))].join('\n')
}

/**
 * Markdown table with the run's context, for the README.
 * @param {ReturnType<typeof buildTable>} table
 * @param {{ date: string, machine: string, notes: string[] }} meta
 */
export function renderMarkdown(table, meta) {
  const align = HEADERS.map((_, i) => (i < 2 || i >= HEADERS.length - 2 ? ':--' : '--:'))
  const esc = (/** @type {string} */ c) => c.replaceAll('|', '\\|')
  const lines = [
    `Benchmark run ${meta.date} on ${meta.machine}.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...tableCells(table).map((r) => `| ${r.map(esc).join(' | ')} |`),
    '',
    ...meta.notes.map((n) => `- ${n}`),
    '',
  ]
  return lines.join('\n')
}
