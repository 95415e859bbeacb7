/**
 * Time to first token split into where it went. The client measures DNS, TCP connect and
 * TLS (zero on a reused connection), the wait for response headers and the wait from
 * headers to the first token. Where the server reports its own timing (`timing.server`:
 * llama.cpp's `timings`, Groq's `x_groq`, Ollama's durations), the wait after the
 * connection is set up is split further into the server's queue, model load and prefill
 * (prompt processing), and what is left: network and everything the server did not
 * report. Where the server sent only a processing-time header, the wait for headers is
 * split into that processing time and the network. Segments always add up to TTFT.
 */
import type { ServerTimings, Timing } from './timing'

export type PhaseKey =
  | 'dns'
  | 'connect'
  | 'tls'
  | 'firstByte'
  | 'firstToken'
  | 'network'
  | 'queue'
  | 'load'
  | 'prefill'
  | 'processing'

export interface Phase {
  key: PhaseKey
  label: string
  ms: number
  /** Who spent it: the client's connection setup, the wire, or the server (by its own report). */
  side: 'client' | 'network' | 'server'
}

export const PHASE_LABELS: Record<PhaseKey, string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  firstByte: 'First byte',
  firstToken: 'First token',
  network: 'Network + other',
  queue: 'Queue',
  load: 'Model load',
  prefill: 'Prefill',
  processing: 'Server processing',
}

/** The server's report as queue / load / prefill ms, or null when it gave none of them. */
export function serverSplit(
  server: ServerTimings | undefined,
): { queue: number; load: number; prefill: number } | null {
  if (!server) return null
  const queue = server.groq?.queue_ms ?? 0
  const load = server.ollama?.load_ms ?? 0
  const prefill = server.llama_cpp?.prompt_ms ?? server.groq?.prompt_ms ?? server.ollama?.prompt_eval_ms ?? 0
  return queue + load + prefill > 0 ? { queue, load, prefill } : null
}

/** The server's processing time from a header (`openai-processing-ms` and the like), when sent. */
export function processingHeaderMs(server: ServerTimings | undefined): number | null {
  const headers = server?.headers
  if (!headers) return null
  for (const [name, ms] of Object.entries(headers)) {
    if (name.endsWith('processing-ms') && Number.isFinite(ms) && ms >= 0) return ms
  }
  return null
}

export function ttftPhases(t: Timing): Phase[] {
  const dns = t.dns_ms ?? 0
  const connect = t.connect_ms ?? 0
  const tls = t.tls_ms ?? 0
  const setup = dns + connect + tls
  const headers = t.headers_ms ?? t.first_event_ms ?? t.first_token_ms ?? 0
  const firstToken = t.first_token_ms ?? headers
  const phases: Array<[PhaseKey, number, Phase['side']]> = [
    ['dns', dns, 'client'],
    ['connect', connect, 'client'],
    ['tls', tls, 'client'],
  ]
  const wait = Math.max(0, firstToken - setup)
  const split = serverSplit(t.server)
  const processing = processingHeaderMs(t.server)
  if (split) {
    // The server's own figures, capped by the wait the client saw (clocks differ).
    let left = wait
    const take = (ms: number) => {
      const got = Math.min(Math.max(0, ms), left)
      left -= got
      return got
    }
    phases.push(['queue', take(split.queue), 'server'])
    phases.push(['load', take(split.load), 'server'])
    phases.push(['prefill', take(split.prefill), 'server'])
    phases.push(['network', left, 'network'])
  } else if (processing !== null) {
    const toHeaders = Math.max(0, headers - setup)
    const server = Math.min(processing, toHeaders)
    phases.push(['processing', server, 'server'])
    phases.push(['network', toHeaders - server, 'network'])
    phases.push(['firstToken', Math.max(0, firstToken - Math.max(headers, setup)), 'network'])
  } else {
    phases.push(['firstByte', Math.max(0, headers - setup), 'network'])
    phases.push(['firstToken', Math.max(0, firstToken - Math.max(headers, setup)), 'network'])
  }
  return phases.map(([key, ms, side]) => ({ key, label: PHASE_LABELS[key], ms, side }))
}
