/**
 * What a column runs: a model id plus, for a custom endpoint from Settings, that
 * endpoint's identity. The same model id can be served by a provider and by an
 * endpoint (`openai/gpt-4o-mini` from OpenAI, or from a local vLLM), so every place
 * that names, remembers or routes a model uses the pair, never the id alone: the
 * picker, the recent list, column headers, the race legend, stats, history,
 * exports and snippets.
 */

export interface ModelRef {
  /** `provider/model`; a custom endpoint's models are `openai/<id>` (its wire). */
  model: string
  /** Set when a custom endpoint serves the model. */
  endpointId?: string
  /** The endpoint's name when the ref was made (main fills it in at run start). */
  endpointName?: string
}

/** Prefix of a recent-list key for an endpoint's model, and of the catalog's endpoint groups. */
export const ENDPOINT_PREFIX = 'endpoint:'

/**
 * A stable string naming the pair, for the recent list and option identity:
 * `provider/model`, or `endpoint:<endpointId>/<model>` for an endpoint's model.
 */
export function refKey(ref: ModelRef): string {
  return ref.endpointId === undefined ? ref.model : `${ENDPOINT_PREFIX}${ref.endpointId}/${ref.model}`
}

/** The inverse of `refKey` (endpoint ids never contain `/`). */
export function parseRefKey(key: string): ModelRef {
  if (!key.startsWith(ENDPOINT_PREFIX)) return { model: key }
  const rest = key.slice(ENDPOINT_PREFIX.length)
  const slash = rest.indexOf('/')
  if (slash <= 0) return { model: key }
  return { model: rest.slice(slash + 1), endpointId: rest.slice(0, slash) }
}

/** The engine model id of an endpoint's model: endpoints speak the OpenAI wire, so `openai/<id>`. */
export function endpointModel(model: string): string {
  return model.startsWith('openai/') ? model : `openai/${model}`
}

/** The provider part of `provider/model` (empty for a bare id). */
export function providerOf(model: string): string {
  const slash = model.indexOf('/')
  return slash < 0 ? '' : model.slice(0, slash)
}

/** The model id an endpoint is asked for: the part after the wire's `openai/`. */
export function bareModel(model: string): string {
  return model.startsWith('openai/') ? model.slice('openai/'.length) : model
}

/**
 * How a column's model is shown everywhere: `provider/model`, or
 * `<model> @ <endpoint name>` so an endpoint's model never reads as the provider's.
 */
export function modelLabel(ref: ModelRef): string {
  if (ref.endpointId === undefined) return ref.model
  return `${bareModel(ref.model)} @ ${ref.endpointName ?? ref.endpointId}`
}

/** The provider part of `provider/model` ('' when there is none). */
export function providerOfModel(model: string): string {
  const slash = model.indexOf('/')
  return slash <= 0 ? '' : model.slice(0, slash)
}
