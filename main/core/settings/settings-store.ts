/**
 * The settings file (`settings.json` in the data directory, 0600): theme,
 * simulated pacing, recently used models and custom endpoints, never keys.
 * Read once (a damaged file is moved aside and replaced by its backup or the
 * defaults, see json-file.ts), then every change is written atomically.
 */
import { chmodSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { StorageNotice } from '../../common/api'
import { readJsonObjectFile } from '../storage/json-file'
import { storageFailure } from '../storage/storage-error'
import { writeFileAtomic } from './atomic-write'

export interface StoredEndpoint {
  id: string
  name: string
  baseUrl: string
}

export interface StoredSettings {
  theme: 'light' | 'dark' | 'system'
  simulated: { ttftMs: number; tokensPerSecond: number }
  /** The engine's `stream_timeout` for every column; null: no limit. */
  streamTimeoutS: number | null
  recentModels: string[]
  endpoints: StoredEndpoint[]
}

export const SETTINGS_FILE = 'settings.json'
export const RECENT_MODELS_MAX = 20
/**
 * Long enough for a reasoning model that thinks before it streams, short enough
 * that a dead stream does not hold its column for the engine's 10-minute total.
 */
export const DEFAULT_STREAM_TIMEOUT_S = 120

export function defaultSettings(): StoredSettings {
  return {
    theme: 'system',
    simulated: { ttftMs: 250, tokensPerSecond: 60 },
    streamTimeoutS: DEFAULT_STREAM_TIMEOUT_S,
    recentModels: [],
    endpoints: [],
  }
}

export interface SettingsStore {
  read(): StoredSettings
  /** Throws a StorageError when the file cannot be written; the settings in memory are then unchanged. */
  update(change: (current: StoredSettings) => StoredSettings): StoredSettings
  /** What was found damaged when the file was read. */
  notices(): StorageNotice[]
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, SETTINGS_FILE)
  const notices: StorageNotice[] = []
  let current: StoredSettings | null = null
  const read = (): StoredSettings => {
    if (current) return current
    // Earlier versions wrote it 0644: tighten before reading.
    if (existsSync(path)) chmodSync(path, 0o600)
    const raw = readJsonObjectFile(path, {
      label: 'Settings',
      onNotice: (n) => notices.push(n),
      lostWithoutBackup: 'theme, custom endpoints and recent models are back to their defaults',
    })
    current = raw ? normalize(raw) : defaultSettings()
    return current
  }
  return {
    read,
    update(change) {
      const next = normalize(change(structuredClone(read())))
      try {
        writeFileAtomic(path, JSON.stringify(next, null, 2), { mode: 0o600 })
      } catch (err) {
        throw storageFailure(err, path, 'Settings')
      }
      current = next
      return next
    },
    notices: () => [...notices],
  }
}

/** Puts the most recent models first, without duplicates, capped. */
export function withRecentModels(settings: StoredSettings, used: string[]): StoredSettings {
  const recent = [...new Set([...used, ...settings.recentModels])].slice(0, RECENT_MODELS_MAX)
  return { ...settings, recentModels: recent }
}

/** Accepts a file written by any version: unknown fields dropped, bad values replaced by defaults. */
function normalize(raw: unknown): StoredSettings {
  const d = defaultSettings()
  if (!raw || typeof raw !== 'object') return d
  const r = raw as Record<string, unknown>
  const sim = (r.simulated ?? {}) as Record<string, unknown>
  return {
    theme: r.theme === 'light' || r.theme === 'dark' || r.theme === 'system' ? r.theme : d.theme,
    simulated: {
      ttftMs: isNum(sim.ttftMs) && sim.ttftMs >= 0 ? sim.ttftMs : d.simulated.ttftMs,
      tokensPerSecond:
        isNum(sim.tokensPerSecond) && sim.tokensPerSecond > 0 ? sim.tokensPerSecond : d.simulated.tokensPerSecond,
    },
    streamTimeoutS:
      r.streamTimeoutS === null
        ? null
        : isNum(r.streamTimeoutS) && r.streamTimeoutS > 0
          ? r.streamTimeoutS
          : d.streamTimeoutS,
    recentModels: Array.isArray(r.recentModels)
      ? r.recentModels.filter((m): m is string => typeof m === 'string').slice(0, RECENT_MODELS_MAX)
      : [],
    endpoints: Array.isArray(r.endpoints)
      ? r.endpoints.filter(
          (e): e is StoredEndpoint =>
            !!e && typeof e.id === 'string' && typeof e.name === 'string' && typeof e.baseUrl === 'string',
        )
      : [],
  }
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}
