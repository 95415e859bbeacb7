import { describe, expect, test } from 'vitest'
import { fakeTiming } from '../../../test/doubles/fake-engine'
import type { HistoryColumn, HistoryRun } from '../../common/api'
import { arrivalsFromParts } from '../../common/measures'
import { htmlReport } from './html-report'
import { markdownReport } from './markdown-report'
import { buildReportModel } from './report-model'

const col = (columnId: string, iteration: number, ttft: number, extra: Partial<HistoryColumn> = {}): HistoryColumn => ({
  columnId,
  model: columnId === 'a' ? 'openai/<img src=x onerror=alert(1)>' : 'groq/x|y',
  iteration,
  output: 'out',
  reasoning: '',
  timing: fakeTiming({ firstToken: ttft, end: ttft + 100, tokens: 3 }),
  usage: {
    prompt_tokens: 3,
    completion_tokens: 3,
    total_tokens: 6,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  },
  error: null,
  costUsd: null,
  arrivals: arrivalsFromParts([
    { type: 'text', text: 'ab', at: ttft },
    { type: 'text', text: 'cd', at: ttft + 50 },
    { type: 'text', text: 'ef', at: ttft + 100 },
  ]),
  ...extra,
})

function run(slo?: HistoryRun['request']['slo']): HistoryRun {
  const columns: HistoryColumn[] = []
  for (let i = 0; i < 5; i++) columns.push(col('a', i, 100 + i), col('b', i, 300 + i))
  return {
    runId: 'run_1',
    createdAt: 0,
    prompt: '<script>alert(1)</script> | pipe',
    models: ['a', 'b'],
    iterations: 5,
    status: 'done',
    request: {
      messages: [{ role: 'user', content: 'x' }],
      params: {},
      columns: [
        { columnId: 'a', model: 'openai/<img src=x onerror=alert(1)>' },
        { columnId: 'b', model: 'groq/x|y' },
      ],
      repeat: { count: 5, mode: 'sequential' },
      ...(slo ? { slo } : {}),
    },
    columns,
    stats: [],
  }
}

describe('the report model', () => {
  test('recomputes stats, races, phases and the rank test from history', () => {
    const m = buildReportModel(run())
    expect(m.slo).toBeNull()
    expect(m.sloPassed).toBe(true)
    expect(m.columns.map((c) => c.stats.ttftMs!.samples)).toEqual([
      [100, 101, 102, 103, 104],
      [300, 301, 302, 303, 304],
    ])
    expect(m.columns[0]!.race.at(-1)).toEqual([200, 3])
    expect(m.columns[0]!.phases!.reduce((s, p) => s + p.ms, 0)).toBeCloseTo(102, 6)
    const ttft = m.comparisons.find((c) => c.metric === 'ttftMs')!
    expect(ttft.verdict).toMatchObject({ faster: 'a', p: 2 / 252 })
  })

  test('the gate fails when a model is below the goodput asked for', () => {
    const m = buildReportModel(run({ ttftMs: 200 }))
    expect(m.columns.map((c) => c.stats.goodput!.share)).toEqual([1, 0])
    expect(m.sloPassed).toBe(false)
    expect(m.runs.filter((r) => r.verdict!.within)).toHaveLength(5)
    expect(buildReportModel(run({ ttftMs: 1000 })).sloPassed).toBe(true)
  })
})

describe('the writers', () => {
  test('HTML escapes everything from the run and carries no script', () => {
    const html = htmlReport(buildReportModel(run({ e2eMs: 1000 })), 'Title <b>')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Title &lt;b&gt;')
    expect(html).not.toMatch(/<script/i)
  })

  test('Markdown escapes table pipes', () => {
    const md = markdownReport(buildReportModel(run({ e2eMs: 1000 })))
    expect(md).toContain('| groq/x\\|y |')
    expect(md).toContain('**SLO gate: passed**')
  })
})
