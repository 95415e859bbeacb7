// Request flow for a matched route, the same for every wire:
// script → route check → auth → body validation → scripted failure → reply.

import { embeddingsReply } from './embeddings-wire.mjs'
import { injectComments, makeFramer } from './framing.mjs'
import { sendJson } from './http-io.mjs'
import { DEFAULT_MODELS, listModels } from './models-wire.mjs'
import { sendBody, streamResponse } from './pacing.mjs'
import { buildPlan, resolveScript, ScriptError, scriptedFailure } from './script.mjs'

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./state.mjs').State} State */
/** @typedef {import('./types.mjs').Clock} Clock */
/** @typedef {import('./types.mjs').Script} Script */

/**
 * @typedef {Object} Ctx
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {Route} route
 * @property {any} body
 * @property {boolean} badJson
 * @property {Record<string, string>} query
 * @property {State} state
 * @property {Clock} clock
 */

/**
 * The script for this request, or a 400 already sent when the
 * x-fake-script header is unusable.
 * @param {Ctx} ctx
 * @param {string} model
 * @returns {Script|null}
 */
function scriptFor(ctx, model) {
  try {
    return resolveScript(ctx.state, ctx.req.headers['x-fake-script'], model)
  } catch (err) {
    if (!(err instanceof ScriptError)) throw err
    sendJson(ctx.res, 400, ctx.route.wire.errorBody(400, { message: err.message }))
    return null
  }
}

/**
 * Checks every real provider makes before doing work, in its own format.
 * @param {Ctx} ctx
 * @param {Script} script
 */
function gate(ctx, script) {
  const { wire } = ctx.route
  return wire.routeCheck?.(ctx.query) ?? (script.skip_auth ? null : wire.authenticate(ctx.req.headers, ctx.query))
}

/** @param {Ctx} ctx */
export async function handleChat(ctx) {
  const { res, route, body, query, state, clock } = ctx
  const wire = route.wire
  const model = wire.modelOf(body, route.params)
  const script = scriptFor(ctx, model)
  if (!script) return
  const rejected =
    gate(ctx, script) ??
    (ctx.badJson
      ? { status: 400, body: wire.errorBody(400, { message: 'Request body is not valid JSON.' }) }
      : wire.validate(body))
  if (rejected) return sendJson(res, rejected.status, rejected.body)

  const failure = scriptedFailure(script, state)
  const extra = script.headers && typeof script.headers === 'object' ? script.headers : {}
  if (failure) {
    const delayMs = Number(script.headers_delay_ms) || 0
    return sendBody(res, failure.status, extra, () => wire.errorBody(failure.status, failure.error), { delayMs, clock })
  }

  const stream = wire.isStream(body, route.params, query)
  const plan = buildPlan(script, {
    provider: wire.name,
    model,
    stream,
    body,
    seq: ++state.seq,
    quirkDefaults: wire.quirkDefaults,
  })
  const headers = { 'x-request-id': `req_fake_${plan.seq}`, ...plan.headers }
  const t = plan.timing

  if (!stream) {
    if (plan.fault?.kind === 'error') {
      // A non-stream request cannot fail "mid-stream": answer with the HTTP error it would become.
      const status = wire.midStreamStatus
      return sendBody(res, status, headers, () => wire.errorBody(status, plan.error), {
        delayMs: t.headersDelay,
        clock,
      })
    }
    return sendBody(res, 200, headers, (c) => wire.renderJson(plan, c, { params: route.params, query }), {
      delayMs: t.headersDelay + t.firstTokenDelay,
      quirks: plan.quirks,
      fault: plan.fault,
      clock,
    })
  }

  let rendered = wire.renderStream(plan, makeFramer(plan.quirks))
  if (plan.quirks.comments && wire.contentType.startsWith('text/event-stream'))
    rendered = injectComments(rendered, plan.quirks)
  const streamHeaders = { 'content-type': wire.contentType, 'cache-control': 'no-cache', ...headers }
  return streamResponse(res, rendered, plan, streamHeaders, clock)
}

/**
 * Embeddings: script → auth → scripted failure (status, headers) → the wire's reply.
 * @param {Ctx} ctx
 */
export function handleEmbeddings(ctx) {
  const { route, body, state } = ctx
  const model = route.params.deployment ?? route.params.model ?? String(body?.model ?? '')
  const script = scriptFor(ctx, model)
  if (!script) return
  const rejected = gate(ctx, script)
  if (rejected) return sendJson(ctx.res, rejected.status, rejected.body)
  const failure = scriptedFailure(script, state)
  const headers = script.headers && typeof script.headers === 'object' ? script.headers : {}
  if (failure) {
    return sendBody(ctx.res, failure.status, headers, () => route.wire.errorBody(failure.status, failure.error), {
      delayMs: Number(script.headers_delay_ms) || 0,
      clock: ctx.clock,
    })
  }
  const [status, reply] = embeddingsReply(route.wire.name, body, model)
  return sendBody(ctx.res, status, headers, () => reply, {
    delayMs: Number(script.headers_delay_ms) || 0,
    clock: ctx.clock,
  })
}

/** @param {Ctx} ctx */
export function handleModels(ctx) {
  const script = scriptFor(ctx, '')
  if (!script) return
  const rejected = gate(ctx, script)
  if (rejected) return sendJson(ctx.res, rejected.status, rejected.body)
  const provider = ctx.route.provider
  sendJson(ctx.res, 200, listModels(provider, ctx.state.models.get(provider) ?? DEFAULT_MODELS[provider]))
}
