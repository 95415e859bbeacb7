/**
 * Resolves each column of a run into the engine call it makes: shared
 * parameters merged with the column's overrides, the system prompt and turns as
 * messages, and where the call goes (a provider with its key, a custom
 * endpoint with its base URL and key, or the simulated provider's mock).
 * Runs before the columns start, so no async work sits between their starts.
 */
import type { ColumnSpec, RunParams, RunRequest } from '../../common/api'
import { endpointModel, providerOf } from '../../common/model-ref'
import { InputError } from '../api/input-error'
import type { Prices } from '../catalog/known-models'
import type { EngineCall, EngineMessage, EngineProvider } from '../engine'
import type { Keys } from '../settings/keys'
import { ENDPOINT_NO_KEY } from '../settings/secret-store'
import type { StoredSettings } from '../settings/settings-store'
import type { ErrorContext } from './error-mapping'
import { isSimulated, SIMULATED_LABEL, simulatedAnswer, simulatedEngineModel } from './simulated'

export interface ColumnTarget {
  call: Omit<EngineCall, 'signal'>
  errorContext: Omit<ErrorContext, 'secrets'>
  simulated: boolean
  /** Cost of a finished call, or null when no price is known. */
  cost(promptTokens: number, completionTokens: number): number | null
}

export interface ResolveDeps {
  keys: Pick<Keys, 'forProvider' | 'forEndpoint'>
  settings: StoredSettings
  /** The engine's registry: provider labels and which providers are local. */
  providers: readonly EngineProvider[]
  /** The engine's price table; absent = costs unknown. */
  prices?: Prices
}

export async function resolveTargets(request: RunRequest, deps: ResolveDeps): Promise<Map<string, ColumnTarget>> {
  const targets = new Map<string, ColumnTarget>()
  for (const column of request.columns) targets.set(column.columnId, await resolveColumn(request, column, deps))
  return targets
}

/** The one function from a column to its engine call (runs and snippets both use it). */
export async function resolveColumn(
  request: RunRequest,
  column: ColumnSpec,
  { keys, settings, providers, prices }: ResolveDeps,
): Promise<ColumnTarget> {
  const base: Omit<EngineCall, 'signal' | 'model'> = {
    messages: toMessages(request),
    ...mergeParams(request.params, column.params),
  }
  // The engine's idle timeout: a stream that goes silent fails as `Timeout` instead of holding its column.
  if (settings.streamTimeoutS !== null) base.stream_timeout = settings.streamTimeoutS
  if (column.endpointId !== undefined) {
    const endpoint = settings.endpoints.find((e) => e.id === column.endpointId)
    if (!endpoint) throw new InputError(`column "${column.columnId}": the custom endpoint no longer exists`)
    const model = endpointModel(column.model)
    return {
      call: {
        ...base,
        model,
        api_base: endpoint.baseUrl,
        api_key: (await keys.forEndpoint(endpoint.id)) ?? ENDPOINT_NO_KEY,
      },
      errorContext: {
        providerLabel: endpoint.name,
        endpoint: true,
        local: isLoopback(endpoint.baseUrl),
        streamTimeoutS: settings.streamTimeoutS,
      },
      simulated: false,
      cost: () => null,
    }
  }
  if (isSimulated(column.model)) {
    const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? ''
    return {
      call: {
        ...base,
        model: simulatedEngineModel(column.model),
        mock_response: simulatedAnswer(lastUser, column.model),
        mock_ttft_ms: settings.simulated.ttftMs,
        mock_tokens_per_second: settings.simulated.tokensPerSecond,
      },
      errorContext: {
        providerLabel: SIMULATED_LABEL,
        endpoint: false,
        local: true,
        streamTimeoutS: settings.streamTimeoutS,
      },
      simulated: true,
      cost: () => 0,
    }
  }
  const provider = providerOf(column.model)
  const facts = providers.find((p) => p.name === provider)
  const key = await keys.forProvider(provider)
  const call: Omit<EngineCall, 'signal'> = { ...base, model: column.model }
  if (key) call.api_key = key
  return {
    call,
    errorContext: {
      providerLabel: facts?.label ?? provider,
      endpoint: false,
      local: facts?.local ?? false,
      streamTimeoutS: settings.streamTimeoutS,
    },
    simulated: false,
    cost: (prompt, completion) => prices?.costUsd(column.model, prompt, completion) ?? null,
  }
}

function toMessages(request: RunRequest): EngineMessage[] {
  const messages: EngineMessage[] = []
  if (request.system) messages.push({ role: 'system', content: request.system })
  for (const turn of request.messages) messages.push({ role: turn.role, content: turn.content })
  return messages
}

/** The column's overrides win; an override left undefined keeps the shared value. */
export function mergeParams(shared: RunParams, own: RunParams | undefined): RunParams {
  const merged: RunParams = { ...shared }
  for (const [k, v] of Object.entries(own ?? {})) if (v !== undefined) (merged as Record<string, unknown>)[k] = v
  return merged
}

function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost')
  } catch {
    return false
  }
}
