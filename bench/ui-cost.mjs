// The renderer's own cost while columns stream, measured in Chromium (the issue's
// scenario: eight columns of markdown at ~200 tokens/s each, 1440×900, no GPU).
// Prints figures; asserts nothing (machines differ, and tests never time things).
//
//   npm run build:renderer && npm run build:main
//   node bench/ui-cost.mjs [--columns 8] [--rate 200] [--seconds 8] [--hide-sidebar] [--json] [--profile]
//
// What it measures, in the page:
// - frames: requestAnimationFrame deltas while the run streams → average fps, the
//   worst one-second window, p95/max frame time, frames over 50 ms;
// - long tasks: PerformanceObserver `longtask` (main-thread tasks over 50 ms) → count, max, total;
// - input latency: a keystroke typed into the system prompt every 250 ms while streaming,
//   from the keydown's timestamp to the next animation frame after its input event
//   was handled (what the user waits for to see the character) → p50/p95/max. With
//   --hide-sidebar (all eight columns on screen) there is no field to type in while a run
//   goes (the others are locked), so only frames and long tasks are measured.
// The fake provider (test/fake-provider/, its own process) and the browser-mode server
// (dist/main/web.cjs, its own process) run on this machine too, as in the numbers.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const ROOT = join(import.meta.dirname, '..')
const { values: opts } = parseArgs({
  options: {
    columns: { type: 'string', default: '8' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '8' },
    'hide-sidebar': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.EQ_CHROMIUM ?? '/usr/bin/chromium' },
  },
})
const columns = bounded('columns', opts.columns, 1, 8)
const rate = bounded('rate', opts.rate, 1, 2000)
const seconds = bounded('seconds', opts.seconds, 1, 120)

function bounded(name, raw, min, max) {
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`)
    process.exit(2)
  }
  return n
}

const BUNDLE = join(ROOT, 'dist/main/web.cjs')
if (!existsSync(BUNDLE) || !existsSync(join(ROOT, 'dist/renderer/index.html'))) {
  console.error('build first: npm run build:renderer && npm run build:main')
  process.exit(2)
}
if (!existsSync(opts.chromium)) {
  console.error(`no Chromium at ${opts.chromium}: apt-get install -y chromium (or --chromium PATH)`)
  process.exit(2)
}

/** Markdown as models write it: paragraphs with emphasis, lists, code blocks; one word per chunk. */
function markdownChunks(count) {
  const blocks = [
    'A **hash map** stores pairs in buckets, so a lookup jumps to the right one. ',
    'When two keys collide, the map keeps both in a *short list* and compares them. ',
    '\n\n- grow when the load factor passes `0.75`\n- rehash every entry\n- keep reads **O(1)**\n\n',
    '```ts\nconst ages = new Map<string, number>()\nages.set("ada", 36)\n```\n\n',
  ]
  const words = blocks.join('').match(/\S+\s*|\s+/g)
  return Array.from({ length: count }, (_, i) => words[i % words.length])
}

/** Spawns a child and waits for the line its URL is printed on. */
function start(args, env, pattern, what) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 20_000)
    const onData = (d) => {
      out += d.toString()
      const m = pattern.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${out}`)))
  })
  return { child, url }
}

const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })

const scratch = mkdtempSync(join(tmpdir(), 'eq-ui-cost-'))
const fake = start(
  [join(ROOT, 'test/fake-provider/cli.mjs'), '--port', '0'],
  process.env,
  /FAKE_PROVIDER_URL=(\S+)/,
  'fake provider',
)
let web
let browser
try {
  const fakeUrl = await fake.url
  const chunks = markdownChunks(Math.round(rate * seconds))
  const script = { chunks, chunk_delay_ms: Math.max(1, Math.round(1000 / rate)), first_token_delay_ms: 100 }
  const put = await fetch(`${fakeUrl}/__control/default`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(script),
  })
  if (!put.ok) throw new Error(`fake provider refused the script: ${await put.text()}`)

  web = start(
    [BUNDLE, '--port', '0'],
    {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(scratch, 'home'),
      EQ_DATA_DIR: join(scratch, 'data'),
      OPENAI_API_BASE: `${fakeUrl}/v1`,
      OPENAI_API_KEY: 'bench-key',
    },
    /(http:\/\/127\.0\.0\.1:\d+\/(?:[0-9a-f]{32}\/)?\?token=[0-9a-f]{64})/,
    'web server',
  )
  const launchUrl = await web.url
  const base = new URL(launchUrl)
  const token = base.searchParams.get('token')
  // The server lives under a random base path (main/web/PROTOCOL.md): the API is below it.
  const apiBase = `${base.origin}${base.pathname.replace(/\/$/, '')}`
  // The columns, as a saved draft: every one a distinct model served by the fake.
  const draft = {
    system: '',
    turns: [{ role: 'user', content: 'Explain how a hash map works, with a short TypeScript example.' }],
    params: {},
    columns: Array.from({ length: columns }, (_, i) => ({ model: `openai/bench-model-${i + 1}`, overrides: {} })),
  }
  const saved = await fetch(`${apiBase}/api/saveDraft`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-eq-token': token, origin: base.origin },
    body: JSON.stringify([draft]),
  })
  if (!saved.ok) throw new Error(`could not save the draft: ${await saved.text()}`)

  browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(launchUrl)
  await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-catalog') === 'ready')
  const sidebar = !opts['hide-sidebar']
  if (!sidebar) await page.getByTestId('toggle-sidebar').click()

  await page.evaluate(() => {
    const w = window
    w.__bench = { frames: [], longTasks: [], inputs: [], on: false }
    new PerformanceObserver((list) => {
      if (!w.__bench.on) return
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration)
    }).observe({ type: 'longtask', buffered: false })
    let last = 0
    const tick = (t) => {
      if (w.__bench.on && last > 0) w.__bench.frames.push([t, t - last])
      last = t
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    document.addEventListener(
      'input',
      (e) => {
        if (!w.__bench.on) return
        const started = w.__bench.lastKeyDown ?? e.timeStamp
        requestAnimationFrame((t) => w.__bench.inputs.push(t - started))
      },
      true,
    )
    document.addEventListener(
      'keydown',
      (e) => {
        w.__bench.lastKeyDown = e.timeStamp
      },
      true,
    )
  })

  const cdp = opts.profile ? await page.context().newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    await cdp.send('Profiler.start')
  }
  await page.evaluate(() => {
    window.__bench.on = true
  })
  await page.getByTestId('run').click()
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid^="column-"][data-status="streaming"]').length === n,
    columns,
    { timeout: 30_000 },
  )
  // Keystrokes while every column streams.
  const typing = (async () => {
    if (!sidebar) return
    await page.getByTestId('system-prompt').click()
    for (let i = 0; i < seconds * 4 - 4; i++) {
      const streaming = await page.locator('[data-testid^="column-"][data-status="streaming"]').count()
      if (streaming === 0) break
      await page.keyboard.press(i % 2 === 0 ? 'a' : 'Backspace')
      await page.waitForTimeout(250)
    }
  })()
  await page.waitForFunction(
    () => {
      const cols = [...document.querySelectorAll('[data-testid^="column-"][data-status]')]
      return cols.length > 0 && cols.every((c) => ['done', 'failed', 'stopped'].includes(c.dataset.status))
    },
    undefined,
    { timeout: (seconds + 60) * 1000 },
  )
  await typing
  const raw = await page.evaluate(() => {
    window.__bench.on = false
    return window.__bench
  })
  const failed = await page.locator('[data-testid^="column-"][data-status="failed"]').count()
  report(summarise(raw), failed)
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile)
} finally {
  await browser?.close().catch(() => {})
  if (web) await stop(web.child)
  await stop(fake.child)
  rmSync(scratch, { recursive: true, force: true })
}

function pct(sorted, p) {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

function summarise({ frames, longTasks, inputs }) {
  const deltas = frames.map(([, d]) => d).sort((a, b) => a - b)
  const span = frames.length > 0 ? frames.at(-1)[0] - frames[0][0] + frames[0][1] : 0
  // Worst one-second window: frames whose end falls in [t, t + 1000).
  let worstFps = null
  for (let i = 0, j = 0; i < frames.length; i++) {
    while (j < frames.length && frames[j][0] < frames[i][0] + 1000) j++
    if (frames[i][0] + 1000 <= frames.at(-1)[0]) worstFps = Math.min(worstFps ?? Number.POSITIVE_INFINITY, j - i)
  }
  const lt = [...longTasks].sort((a, b) => a - b)
  const inp = [...inputs].sort((a, b) => a - b)
  return {
    scenario: { columns, tokensPerSecond: rate, seconds, sidebar: !opts['hide-sidebar'], viewport: '1440x900' },
    machine: { cpus: cpus().length, loadavg1: Number(loadavg()[0].toFixed(2)), node: process.version },
    frames: {
      count: frames.length,
      avgFps: span > 0 ? Number(((frames.length * 1000) / span).toFixed(1)) : null,
      worstSecondFps: worstFps,
      p95Ms: round(pct(deltas, 95)),
      maxMs: round(deltas.at(-1) ?? null),
      over50Ms: deltas.filter((d) => d > 50).length,
    },
    longTasks: {
      count: lt.length,
      maxMs: round(lt.at(-1) ?? null),
      totalMs: round(lt.reduce((a, b) => a + b, 0)),
      over50Ms: lt.filter((d) => d > 50).length,
    },
    inputLatency: {
      samples: inp.length,
      p50Ms: round(pct(inp, 50)),
      p95Ms: round(pct(inp, 95)),
      maxMs: round(inp.at(-1) ?? null),
    },
  }
}

/** --profile: the page's functions by self time (sampled), to see where a frame's time goes. */
function printProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i])
    const f = n.callFrame
    const file = f.url.split('/').pop() || '(native)'
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  console.log(`profile: ${Math.round(total)} ms sampled; top self time:`)
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
  }
}

function round(v) {
  return v === null || v === undefined ? null : Math.round(v * 10) / 10
}

function report(s, failed) {
  if (opts.json) {
    console.log(JSON.stringify({ ...s, failedColumns: failed }, null, 2))
    return
  }
  const { scenario: sc, machine: m, frames: f, longTasks: l, inputLatency: i } = s
  console.log(
    `UI cost: ${sc.columns} columns × ${sc.tokensPerSecond} tok/s for ~${sc.seconds} s, ${sc.viewport}, prompt panel ${sc.sidebar ? 'shown' : 'hidden'}`,
  )
  console.log(
    `machine: ${m.cpus} cores, load ${m.loadavg1}, node ${m.node} (fake provider and server on the same machine)`,
  )
  console.log(
    `frames       avg ${f.avgFps} fps · worst second ${f.worstSecondFps} fps · p95 ${f.p95Ms} ms · max ${f.maxMs} ms · ${f.over50Ms} over 50 ms (of ${f.count})`,
  )
  console.log(`long tasks   ${l.count} · max ${l.maxMs ?? '—'} ms · total ${l.totalMs} ms · ${l.over50Ms} over 50 ms`)
  console.log(
    `input        ${i.samples} keystrokes · p50 ${i.p50Ms ?? '—'} ms · p95 ${i.p95Ms ?? '—'} ms · max ${i.maxMs ?? '—'} ms (keydown → next frame)`,
  )
  if (failed > 0) console.log(`warning: ${failed} column(s) failed: the figures cover a lighter load`)
}
