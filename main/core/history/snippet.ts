/**
 * A runnable JavaScript snippet that reproduces one column's call with
 * `@edgequake/llm`: the model, messages and parameters as sent. The key is read
 * from an environment variable; its value is never written. Everything taken
 * from the run or the settings is escaped for where it lands: string literals,
 * property names, `process.env` names, and `//` comments (a line break there
 * would turn the rest of the text into code).
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
    fields.push(`api_key: ${envRef(env)},`)
    notes.push(comment(`Custom endpoint "${name ?? column.endpointId}": set ${env} to its key (if it needs one).`))
  } else if (isSimulated(model)) {
    const output = run.columns.find((c) => c.columnId === columnId && c.iteration === 0)?.output ?? ''
    model = simulatedEngineModel(model)
    fields.push(`mock_response: ${js(output)},`)
    fields.push(`mock_ttft_ms: ${js(ctx.simulated.ttftMs)},`)
    fields.push(`mock_tokens_per_second: ${js(ctx.simulated.tokensPerSecond)},`)
    notes.push('// Simulated column: the engine answers locally (mock_response), no key and no network.')
  } else {
    const provider = ctx.providers.find((p) => p.name === model.split('/')[0])
    if (provider?.key_env) fields.push(`api_key: ${envRef(provider.key_env)},`)
  }
  const params = mergeParams(request.params, column.params)
  const paramLines = Object.entries(params).map(([k, v]) => `  ${propertyName(k)}: ${js(v)},`)
  return [
    comment(`Reproduces column "${column.columnId}" (${modelLabel(column)}) of EdgeQuake Playground run ${run.runId}.`),
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

/** A JavaScript literal: JSON, with strings in single quotes and every line terminator escaped. */
function js(value: unknown): string {
  if (typeof value !== 'string') return escapeLineTerminators(JSON.stringify(value) ?? 'undefined')
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${escapeLineTerminators(body)}'`
}

/** JSON.stringify leaves U+2028/U+2029 raw: legal in strings since ES2019, but not in a comment. */
function escapeLineTerminators(text: string): string {
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** A `//` comment of one line, whatever the text holds. */
function comment(text: string): string {
  return `// ${text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ⏎ ')}`
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : js(name)
}

function envRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `process.env.${name}` : `process.env[${js(name)}]`
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ')
}
