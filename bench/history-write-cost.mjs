#!/usr/bin/env node
/**
 * What durable history costs while streaming: the per-frame transaction the
 * history recorder commits (one UPDATE per column, all columns of a frame in
 * one transaction) under each SQLite journal/synchronous mode, for 8 columns.
 * A frame is ~16 ms: a commit must stay well under that for 8 columns to
 * stream smoothly. Prints p50/p99/max per commit and the commit rate reached.
 *   node bench/history-write-cost.mjs [frames=600] [dir=$TMPDIR]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const { Database } = require('node-sqlite3-wasm')

const FRAMES = Number(process.argv[2] ?? 600)
const BASE = process.argv[3] ?? tmpdir()
const COLUMNS = 8
const CHUNK = 'token '.repeat(4) // ~4 chunks per column per frame

const MODES = [
  { name: 'TRUNCATE + synchronous=OFF (before)', pragmas: 'PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = OFF;' },
  { name: 'DELETE + synchronous=FULL', pragmas: 'PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;' },
  { name: 'TRUNCATE + synchronous=FULL', pragmas: 'PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = FULL;' },
  {
    name: 'WAL (exclusive) + synchronous=NORMAL (now)',
    pragmas: 'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;',
  },
  {
    name: 'WAL (exclusive) + synchronous=FULL',
    pragmas: 'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;',
  },
]

function measure(mode) {
  const dir = mkdtempSync(join(BASE, 'eq-history-cost-'))
  const db = new Database(join(dir, 'history.sqlite'))
  try {
    db.exec(mode.pragmas)
    db.exec(`CREATE TABLE columns (run_id TEXT, column_id TEXT, iteration INTEGER, output TEXT NOT NULL DEFAULT '',
      reasoning TEXT NOT NULL DEFAULT '', PRIMARY KEY (run_id, column_id, iteration))`)
    for (let c = 0; c < COLUMNS; c++)
      db.run('INSERT INTO columns (run_id, column_id, iteration) VALUES (?, ?, 0)', ['r', `c${c}`])
    const times = []
    const start = performance.now()
    for (let f = 0; f < FRAMES; f++) {
      const t0 = performance.now()
      db.exec('BEGIN IMMEDIATE')
      for (let c = 0; c < COLUMNS; c++) {
        db.run(
          'UPDATE columns SET output = output || ?, reasoning = reasoning || ? WHERE run_id = ? AND column_id = ? AND iteration = ?',
          [CHUNK, '', 'r', `c${c}`, 0],
        )
      }
      db.exec('COMMIT')
      times.push(performance.now() - t0)
    }
    const total = performance.now() - start
    times.sort((a, b) => a - b)
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))]
    return { p50: q(0.5), p99: q(0.99), max: times.at(-1), perSecond: (FRAMES / total) * 1000 }
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`${COLUMNS} columns, ${FRAMES} frames, one transaction per frame, in ${BASE}`)
console.log('| mode | commit p50 (ms) | p99 (ms) | max (ms) | commits/s |')
console.log('| :-- | --: | --: | --: | --: |')
for (const mode of MODES) {
  const r = measure(mode)
  console.log(
    `| ${mode.name} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} | ${Math.round(r.perSecond)} |`,
  )
}
