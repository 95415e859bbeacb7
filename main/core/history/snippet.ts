/**
 * A runnable JavaScript snippet that reproduces one column's call with
 * `@edgequake/llm`: the model, messages and parameters as sent. The key is read
 * from an environment variable; its value is never written.
 */
import type { HistoryRun } from '../../common/api'
import { modelLabel } from '../../common/model-ref'
import type { EngineProvider } from '../engine'
import { mergeParams } from '../runs/resolve-call'
import type { StoredEndpoint } from '../settings/settings-store'
import { isSimulated, simulatedEngineModel } from '../simulated'

export interface SnippetContext {
  providers: EngineProvider[]
  endpoints: StoredEndpoint[]
  simulated: { ttftMs: number; tokensPerSecond: number }
}

export function buildSnippet(run: HistoryRun, columnId: string, ctx: SnippetContext): string | null {
  const column = run.request.columns.find((c) => c.columnId === columnId)
  if (!column) return null
  const { request } = run
  const messages = [
    ...(request.system ? [{ role: 'system', content: request.system }] : []),
    ...request.messages.map((m) => ({ role: m.role, content: m.content })),
  ]
  const fields: string[] = []
  const notes: string[] = []
  let model = column.model
  if (column.endpointId !== undefined) {
    const endpoint = ctx.endpoints.find((e) => e.id === column.endpointId)
    model = model.startsWith('openai/') ? model : `openai/${model}`
    const name = endpoint?.name ?? column.endpointName
    const env = `${(name ?? 'CUSTOM').toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`
    fields.push(`api_base: ${js(endpoint?.baseUrl ?? 'http://localhost:8000/v1')},`)
    fields.push(`api_key: process.env.${env},`)
    notes.push(`// Custom endpoint "${name ?? column.endpointId}": set ${env} to its key (if it needs one).`)
  } else if (isSimulated(model)) {
    const output = run.columns.find((c) => c.columnId === columnId && c.iteration === 0)?.output ?? ''
    model = simulatedEngineModel(model)
    fields.push(`mock_response: ${js(output)},`)
    fields.push(`mock_ttft_ms: ${ctx.simulated.ttftMs},`)
    fields.push(`mock_tokens_per_second: ${ctx.simulated.tokensPerSecond},`)
    notes.push('// Simulated column: the engine answers locally (mock_response), no key and no network.')
  } else {
    const provider = ctx.providers.find((p) => p.name === model.split('/')[0])
    if (provider?.key_env) fields.push(`api_key: process.env.${provider.key_env},`)
  }
  const params = mergeParams(request.params, column.params)
  const paramLines = Object.entries(params).map(([k, v]) => `  ${k}: ${js(v)},`)
  return [
    `// Reproduces column "${column.columnId}" (${modelLabel(column)}) of EdgeQuake Playground run ${run.runId}.`,
    '// Save as repro.mjs, then: npm install @edgequake/llm && node repro.mjs',
    ...notes,
    "import { completion } from '@edgequake/llm'",
    '',
    'const stream = await completion({',
    `  model: ${js(model)},`,
    `  messages: ${indent(JSON.stringify(messages, null, 2))},`,
    ...paramLines,
    ...fields.map((f) => `  ${f}`),
    '  stream: true,',
    '})',
    '',
    'for await (const chunk of stream) {',
    "  process.stdout.write(chunk.choices[0]?.delta?.content ?? '')",
    '}',
    "console.log('\\n\\nTTFT', stream.timing?.first_token_ms, 'ms; decode', stream.timing?.decode_tokens_per_s, 'tokens/s')",
    '',
  ].join('\n')
}

function js(value: unknown): string {
  return typeof value === 'string'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`
    : JSON.stringify(value)
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ')
}
