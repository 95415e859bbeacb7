import type { Timing } from '../../../../main/common/timing'

export type PhaseKey = 'dns' | 'connect' | 'tls' | 'firstByte' | 'firstToken'

export interface Phase {
  key: PhaseKey
  label: string
  ms: number
}

export const PHASE_LABELS: Record<PhaseKey, string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  firstByte: 'First byte',
  firstToken: 'First token',
}

/**
 * Time to first token split into where it went: DNS, TCP connect and TLS (zero on a
 * reused connection), the wait for response headers, then the wait from headers to
 * the first token. The segments add up to `first_token_ms`.
 */
export function networkPhases(t: Timing): Phase[] {
  const dns = t.dns_ms ?? 0
  const connect = t.connect_ms ?? 0
  const tls = t.tls_ms ?? 0
  const setup = dns + connect + tls
  const headers = t.headers_ms ?? t.first_event_ms ?? t.first_token_ms ?? 0
  const firstToken = t.first_token_ms ?? headers
  const parts: [PhaseKey, number][] = [
    ['dns', dns],
    ['connect', connect],
    ['tls', tls],
    ['firstByte', Math.max(0, headers - setup)],
    ['firstToken', Math.max(0, firstToken - Math.max(headers, setup))],
  ]
  return parts.map(([key, ms]) => ({ key, label: PHASE_LABELS[key], ms }))
}
