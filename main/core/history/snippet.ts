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
import { resolveColumn } from '../runs/resolve-call'
import { isSimulated } from '../runs/simulated'
import type { StoredSettings } from '../settings/settings-store'

export interface SnippetContext {
  providers: EngineProvider[]
  settings: StoredSettings
}

/**
 * Stands in for every key while the call is resolved, so no key value is ever read
 * into the snippet; the `api_key` field is then printed as an env-var reference.
 */
const KEY_PLACEHOLDER = '\u0000key\u0000'
const placeholderKeys = { forProvider: async () => KEY_PLACEHOLDER, forEndpoint: async () => KEY_PLACEHOLDER }

export async function buildSnippet(run: HistoryRun, columnId: string, ctx: SnippetContext): Promise<string | null> {
  const column = run.request.columns.find((c) => c.columnId === columnId)
  if (!column) return null
  const target = await resolveColumn(run.request, column, {
    keys: placeholderKeys,
    settings: ctx.settings,
    providers: ctx.providers,
  })
  const { messages, model, api_key, ...rest } = target.call
  const fields = Object.entries(rest).map(([k, v]) => `  ${propertyName(k)}: ${js(v)},`)
  const notes: string[] = []
  if (column.endpointId !== undefined) {
    const name = ctx.settings.endpoints.find((e) => e.id === column.endpointId)?.name ?? column.endpointName
    const env = `${(name ?? 'CUSTOM').toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`
    fields.push(`  api_key: ${envRef(env)},`)
    notes.push(comment(`Custom endpoint "${name ?? column.endpointId}": set ${env} to its key (if it needs one).`))
  } else if (isSimulated(column.model)) {
    notes.push('// Simulated column: the engine answers locally (mock_response), no key and no network.')
  } else {
    const provider = ctx.providers.find((p) => p.name === model.split('/')[0])
    if (api_key !== undefined && provider?.key_env) fields.push(`  api_key: ${envRef(provider.key_env)},`)
  }
  return [
    comment(`Reproduces column "${column.columnId}" (${modelLabel(column)}) of EdgeQuake Playground run ${run.runId}.`),
    '// Save as repro.mjs, then: npm install @edgequake/llm && node repro.mjs',
    ...notes,
    "import { completion } from '@edgequake/llm'",
    '',
    'const stream = await completion({',
    `  model: ${js(model)},`,
    `  messages: ${indent(JSON.stringify(messages, null, 2))},`,
    ...fields,
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
