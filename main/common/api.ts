/**
 * The one contract between the renderer and the main process, used by both shells:
 * the Electron preload exposes it over IPC + a MessagePort per run, the browser-mode
 * server over HTTP + a streamed NDJSON response per run. Both implementations are
 * checked against this interface with `satisfies`.
 */
import type { ColumnError } from './errors'
import type { LoadEstimate, LoadRequest, LoadStatus } from './load'
import type { Arrival } from './measures'
import type { ParamRange } from './param-ranges'
import type { Goodput, Slo } from './slo'
import type { StreamPart } from './stream-parts'
import type { Timing, Usage } from './timing'

/** Sampling parameters; absent means the provider's default. */
export interface RunParams {
  temperature?: number
  top_p?: number
  max_tokens?: number
  stop?: string[]
  seed?: number
  reasoning_effort?: 'low' | 'medium' | 'high'
}

export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
}

export interface ColumnSpec {
  /** Stable id chosen by the renderer. */
  columnId: string
  /** `provider/model`, e.g. `anthropic/claude-sonnet-4-0`, or `simulated/<name>`. */
  model: string
  /** A custom OpenAI-compatible endpoint (Settings) to send this column to. */
  endpointId?: string
  /** That endpoint's name at run time; main sets it (a caller's value is ignored), so history names it. */
  endpointName?: string
  /** Per-column overrides of the shared parameters. */
  params?: RunParams
}

export interface RunRequest {
  system?: string
  messages: ChatTurn[]
  params: RunParams
  /** 1 to 8 columns. */
  columns: ColumnSpec[]
  /** Run ×N: how many iterations, one after another or all at once. */
  repeat?: RepeatOptions
  /** Open connections to every column's host before starting, so starts are warm. */
  prewarm?: boolean
  /** Limits every run is checked against; Run ×N reports the share within (goodput). */
  slo?: Slo
}

/** What the run buttons add to the prompt's request: Run ×N, pre-warming, the SLO. */
export type RunExtras = Pick<RunRequest, 'repeat' | 'prewarm' | 'slo'>

/**
 * Whether a prompt cache may answer: `warm` sends the same prompt every time (the first
 * run is cold), `cold` puts a random nonce before the prompt of every run so no prefix
 * cache can answer, `alternate` pairs them (cold, then the same prompt warm, …).
 */
export type CacheMode = 'warm' | 'cold' | 'alternate'

export interface RepeatOptions {
  count: number
  mode: 'sequential' | 'concurrent'
  /** Pause between sequential iterations, in ms (max 600000). */
  cooldownMs?: number
  /** Absent means `warm` (the same prompt again). */
  cache?: CacheMode
}

/** Everything a run reports, in order, per column and iteration. */
export type RunEvent =
  | { type: 'run-started'; runId: string; iterations: number; columns: ColumnSpec[] }
  | {
      type: 'column-started'
      runId: string
      iteration: number
      columnId: string
      startSkewMs: number
      /** The connection was opened by a prewarm. */
      warm: boolean
      /** Whether a prompt cache could answer this iteration (see CacheMode). */
      promptCache?: 'cold' | 'warm'
    }
  | { type: 'parts'; runId: string; iteration: number; columnId: string; parts: StreamPart[] }
  | {
      type: 'column-finished'
      runId: string
      iteration: number
      columnId: string
      timing: Timing
      usage: Usage
      costUsd: number | null
    }
  | {
      type: 'column-failed'
      runId: string
      iteration: number
      columnId: string
      error: ColumnError
      timing: Timing | null
    }
  | { type: 'run-finished'; runId: string; stats: ColumnStats[] }

/** Percentiles over a Run ×N, per column, cold and warm connections apart. */
export interface ColumnStats {
  columnId: string
  model: string
  /** How the model is shown (`modelLabel`: names the custom endpoint); absent in runs recorded before it existed. */
  label?: string
  runs: number
  failures: number
  ttftMs: Percentiles | null
  decodeTokensPerS: Percentiles | null
  totalMs: Percentiles | null
  /** New connections (`timing.reused_connection` false)… */
  cold: { ttftMs: Percentiles | null; count: number }
  /** …and reused ones. */
  warm: { ttftMs: Percentiles | null; count: number }
  /** Time to first answer token (absent in runs recorded before it existed, as are the fields below). */
  ttfaMs?: Percentiles | null
  /** Reasoning before the answer (TTFA − TTFT). */
  thinkingMs?: Percentiles | null
  /** Gap between the first and second token-bearing arrivals (AIPerf's time to second token). */
  ttstMs?: Percentiles | null
  /** Time per output token, (end − first token) / (tokens − 1). */
  tpotMs?: Percentiles | null
  /** Each run's 95th percentile of token inter-token latency. */
  itlP95Ms?: Percentiles | null
  /** Prompt-cache cold (a nonce before the prompt) and warm (the same prompt again) runs apart. */
  promptCache?: {
    cold: { ttftMs: Percentiles | null; count: number }
    warm: { ttftMs: Percentiles | null; count: number }
  }
  /** Share of runs within the request's SLO; absent when none was set. */
  goodput?: Goodput
}

/** A metric over a Run ×N (main/common/stats.ts computes it; see its rules for small n). */
export interface Percentiles {
  p50: number
  p90: number
  p99: number
  min: number
  max: number
  /** The values in run order. */
  samples: number[]
  /** Absent in runs recorded before the confidence figures existed. */
  mean?: number
  /** 95% confidence interval of the mean (Student's t); null below two samples. */
  ci95?: [number, number] | null
  /** Coefficient of variation (sd / mean); null below two samples. */
  cv?: number | null
}

export interface CatalogModel {
  /** `provider/model`. */
  id: string
  label: string
  /** USD per million tokens, when known. */
  price?: { input: number; output: number }
  source: 'known' | 'live' | 'local' | 'custom' | 'simulated'
}

export interface CatalogGroup {
  provider: string
  label: string
  keyStatus: KeyStatus
  models: CatalogModel[]
  /** Set when the live list could not be fetched (no key, offline…). */
  liveError?: string
}

export interface KeyStatus {
  set: boolean
  source: 'saved' | 'env' | null
}

export interface CustomEndpoint {
  id: string
  name: string
  baseUrl: string
  /** The renderer only ever sees whether a key is stored, never the key. */
  hasKey: boolean
}

/** Where saved keys are kept. */
export interface SecretStoreInfo {
  /**
   * `os`: encrypted by the OS (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux);
   * `basic-text`: Electron's safeStorage on Linux without a keyring, obfuscated with a fixed key, no real protection;
   * `plain-file`: a JSON file readable by the user only (browser mode, or the desktop app while OS encryption is unavailable);
   * `memory`: not saved (tests).
   */
  kind: 'os' | 'basic-text' | 'plain-file' | 'memory'
  /** The file the keys are saved in; null for `memory`. */
  path: string | null
  /** The OS backend when known, e.g. `gnome_libsecret`, `kwallet5`. */
  backend?: string
  /**
   * Ids of keys saved encrypted earlier that cannot be read while OS encryption is
   * unavailable (provider names, `endpoint:<id>`); they come back when it is.
   */
  lockedIds?: string[]
}

/** Whether the app updates itself: only signed desktop builds do. */
export interface UpdateStatus {
  mode: 'automatic' | 'manual' | 'off'
  /** Why, and what to do instead, e.g. "AppImage builds are not signed: download new versions from …". */
  reason: string
}

export interface Settings {
  theme: 'light' | 'dark' | 'system'
  keys: Record<string, KeyStatus>
  endpoints: CustomEndpoint[]
  /** False when secrets are stored without OS encryption (browser mode, or Linux basic_text). */
  secretsEncrypted: boolean
  /** Where saved keys are kept; Settings names the store and its file. */
  secretStore: SecretStoreInfo
  /** Whether the app updates itself; Settings says so and why. */
  updates: UpdateStatus
  simulated: { ttftMs: number; tokensPerSecond: number }
  /**
   * Seconds a stream may receive nothing before its column fails with `Timeout`
   * (the engine's `stream_timeout`); null turns the check off.
   */
  streamTimeoutS: number | null
  /** Most recent first, as `refKey`s (`provider/model` or `endpoint:<id>/<model>`). */
  recentModels: string[]
  /** Files found damaged at start and what was done about them; the UI shows each until restart. */
  storageNotices: StorageNotice[]
}

/** A damaged settings or keys file, moved aside (never deleted) and replaced by its backup or the defaults. */
export interface StorageNotice {
  /** The file that was damaged. */
  file: string
  /** Where the damaged file was moved, timestamped, for the user to inspect or recover. */
  movedTo: string
  restoredFrom: 'backup' | 'defaults'
  /** One sentence for the user: what happened, where, what was lost. */
  message: string
}

/** The playground as the user left it (prompt, turns, columns, overrides): restored on reload. */
export interface Draft {
  system: string
  turns: ChatTurn[]
  params: RunParams
  columns: Array<{ model: string; endpointId?: string; overrides: RunParams }>
}

export interface HistorySummary {
  runId: string
  createdAt: number
  prompt: string
  models: string[]
  iterations: number
  status: 'running' | 'done' | 'failed' | 'stopped'
}

export interface HistoryColumn {
  columnId: string
  model: string
  iteration: number
  output: string
  reasoning: string
  timing: Timing | null
  usage: Usage | null
  error: ColumnError | null
  costUsd: number | null
  /** What arrived when (characters by kind per network read); absent in runs recorded before it was kept. */
  arrivals?: Arrival[]
  /** Whether a prompt cache could answer this iteration; absent before it was recorded. */
  promptCache?: 'cold' | 'warm'
}

export interface HistoryRun extends HistorySummary {
  request: RunRequest
  columns: HistoryColumn[]
  stats: ColumnStats[]
}

export type ExportFormat = 'json' | 'csv' | 'html' | 'markdown'

/** The API the renderer calls. Keys go in, never out. */
export interface PlaygroundApi {
  catalog(): Promise<CatalogGroup[]>
  startRun(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<{ runId: string }>
  stopRun(runId: string, columnId?: string): Promise<void>
  listHistory(query?: string): Promise<HistorySummary[]>
  getRun(runId: string): Promise<HistoryRun | null>
  deleteRun(runId: string): Promise<void>
  /** `html`: the self-contained report the CLI writes (charts, distributions, phases, SLO table). */
  exportRun(runId: string, format: ExportFormat): Promise<string>
  snippet(runId: string, columnId: string): Promise<string>
  getSettings(): Promise<Settings>
  setKey(provider: string, key: string | null): Promise<Settings>
  saveEndpoint(endpoint: { id?: string; name: string; baseUrl: string; key?: string | null }): Promise<Settings>
  deleteEndpoint(id: string): Promise<Settings>
  /** Load mode: requests and estimated cost first; rejects (LoadRefusedError) when the plan may not run. */
  estimateLoad(request: LoadRequest): Promise<LoadEstimate>
  /** Starts a load test in the background (servers you own; a cloud provider needs `confirmedCloud`). */
  startLoad(request: LoadRequest): Promise<{ loadId: string }>
  loadStatus(loadId: string): Promise<LoadStatus>
  stopLoad(loadId: string): Promise<void>
  updateSettings(patch: Partial<Pick<Settings, 'theme' | 'simulated' | 'streamTimeoutS'>>): Promise<Settings>
  /** The allowed range of every numeric parameter: the engine's own table plus the app's fields (one source). */
  paramRanges(): Promise<ParamRange[]>
  /** The saved draft, or null when none was saved (or it could not be read). */
  getDraft(): Promise<Draft | null>
  saveDraft(draft: Draft): Promise<void>
}
