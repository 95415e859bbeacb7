/**
 * The engine's latency record and usage, as the engine defines them: generated from
 * the Rust definitions by ts-rs into native/js/types/ (type declarations only, so
 * main and the renderer share them without loading the engine). Offsets are ms from
 * the call start; `dns_ms`, `connect_ms`, `tls_ms` are durations, null on a reused
 * connection.
 */
export type { ServerTimings } from '../../native/js/types/ServerTimings'
export type { Timing } from '../../native/js/types/Timing'
export type { Usage } from '../../native/js/types/Usage'
