// The JavaScript peers, each behind the same two calls so every measurement
// drives them identically:
//   complete(model, messages)                → the reply text (non-streaming)
//   stream(model, messages, onText, signal)  → resolves when the stream ends;
//                                              onText(text) per non-empty content delta
// Each consumer reads chunks the way that library's users do (OpenAI chunk
// objects, the AI SDK's textStream, raw SSE events), so what is measured is the
// library as used, not a shortcut around it. `modules` is what the load-time
// measurement imports. The Python peers live in ../python_peer.py.

export const API_KEY = 'sk-bench'

/**
 * @typedef {object} StreamEnd
 * @property {{ first_token_ms: number | null } | null} [timing] the engine's socket-level timing (edgequake only)
 *
 * @typedef {object} Client
 * @property {(model: string, messages: object[]) => Promise<string>} complete
 * @property {(model: string, messages: object[], onText: (text: string) => void, signal?: AbortSignal) => Promise<StreamEnd>} stream
 *
 * @typedef {object} Peer
 * @property {string} label shown in the table header
 * @property {string[]} modules imported by the load-time measurement
 * @property {(base: string) => Promise<Client>} open base is the OpenAI wire base, `${url}/v1`
 * @property {string[]} [only] the measurements this peer runs in (default: all)
 */

/** @type {Record<string, Peer>} */
export const PEERS = {
  edgequake: {
    label: '@edgequake/llm',
    modules: ['@edgequake/llm'],
    async open(base) {
      const { completion } = await import('@edgequake/llm')
      const common = { api_base: base, api_key: API_KEY }
      return {
        async complete(model, messages) {
          const r = await completion({ model: `openai/${model}`, messages, ...common })
          return r.choices[0].message.content
        },
        async stream(model, messages, onText, signal) {
          const s = await completion({ model: `openai/${model}`, messages, stream: true, signal, ...common })
          for await (const c of s) {
            const t = c.choices[0]?.delta?.content
            if (t) onText(t)
          }
          return { timing: s.timing }
        },
      }
    },
  },

  // The playground's own path: the same engine read as stream parts (stream_parts),
  // without OpenAI chunk shaping. Streams only; its complete() is the engine's.
  edgequake_parts: {
    label: '@edgequake/llm stream_parts',
    modules: ['@edgequake/llm'],
    only: ['throughput', 'ttft'],
    async open(base) {
      const { stream_parts } = await import('@edgequake/llm')
      const engine = await PEERS.edgequake.open(base)
      return {
        complete: engine.complete,
        async stream(model, messages, onText, signal) {
          const s = await stream_parts({ model: `openai/${model}`, messages, signal, api_base: base, api_key: API_KEY })
          for await (const batch of s) {
            for (const part of batch) if (part.type === 'text' && part.text) onText(part.text)
          }
          return { timing: s.timing }
        },
      }
    },
  },

  openai: {
    label: 'openai',
    modules: ['openai'],
    async open(base) {
      const { default: OpenAI } = await import('openai')
      const client = new OpenAI({ baseURL: base, apiKey: API_KEY })
      return {
        async complete(model, messages) {
          const r = await client.chat.completions.create({ model, messages })
          return r.choices[0].message.content
        },
        async stream(model, messages, onText, signal) {
          const s = await client.chat.completions.create({ model, messages, stream: true }, { signal })
          for await (const c of s) {
            const t = c.choices[0]?.delta?.content
            if (t) onText(t)
          }
          return {}
        },
      }
    },
  },

  ai: {
    label: 'ai+@ai-sdk/openai',
    modules: ['ai', '@ai-sdk/openai'],
    async open(base) {
      const { generateText, streamText } = await import('ai')
      const { createOpenAI } = await import('@ai-sdk/openai')
      // .chat(): the Chat Completions API, the wire every other peer speaks.
      const provider = createOpenAI({ baseURL: base, apiKey: API_KEY })
      return {
        async complete(model, messages) {
          const r = await generateText({ model: provider.chat(model), messages })
          return r.text
        },
        async stream(model, messages, onText, signal) {
          // streamText reports errors to onError and ends textStream quietly;
          // rethrow so a failed stream cannot pass for a short one.
          let failure
          const r = streamText({
            model: provider.chat(model),
            messages,
            abortSignal: signal,
            onError: ({ error }) => {
              failure = error
            },
          })
          for await (const t of r.textStream) if (t) onText(t)
          if (failure) throw failure
          return {}
        },
      }
    },
  },

  undici: {
    label: 'undici (raw)',
    modules: ['undici'],
    async open(base) {
      const { request } = await import('undici')
      const url = `${base}/chat/completions`
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }
      const post = async (payload, signal) => {
        const res = await request(url, { method: 'POST', headers, body: JSON.stringify(payload), signal })
        if (res.statusCode !== 200) {
          throw new Error(`undici: HTTP ${res.statusCode}: ${(await res.body.text()).slice(0, 200)}`)
        }
        return res.body
      }
      return {
        async complete(model, messages) {
          const body = await post({ model, messages })
          const r = /** @type {any} */ (await body.json())
          return r.choices[0].message.content
        },
        async stream(model, messages, onText, signal) {
          const body = await post({ model, messages, stream: true }, signal)
          body.setEncoding('utf8')
          await readSse(body, (data) => {
            if (data === '[DONE]') return
            const t = JSON.parse(data).choices?.[0]?.delta?.content
            if (t) onText(t)
          })
          return {}
        },
      }
    },
  },
}

export const PEER_NAMES = Object.keys(PEERS)

/**
 * The hand-written SSE reader of the undici floor: LF or CRLF lines, `data:`
 * fields joined per event, dispatched on the blank line that ends the event.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 * @param {AsyncIterable<string>} body
 * @param {(data: string) => void} onEvent
 */
export async function readSse(body, onEvent) {
  let rest = ''
  let data = null
  for await (const piece of body) {
    const buf = rest + piece
    let start = 0
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', start)) {
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      if (end === start) {
        if (data !== null) onEvent(data)
        data = null
      } else if (buf.startsWith('data:', start)) {
        const v = buf.slice(buf.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end)
        data = data === null ? v : `${data}\n${v}`
      }
      start = nl + 1
    }
    rest = buf.slice(start)
  }
  if (data !== null) onEvent(data)
}

/** @param {string} name */
export function peer(name) {
  const p = PEERS[name]
  if (!p) throw new Error(`unknown peer '${name}': one of ${PEER_NAMES.join(', ')}`)
  return p
}
