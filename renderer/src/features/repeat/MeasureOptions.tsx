import { useShallow } from 'zustand/react/shallow'
import type { CacheMode } from '../../../../main/common/api'
import { parseSlo, SLO_METRICS, type Slo, type SloMetric } from '../../../../main/common/slo'
import { useAppStore } from '../../store'
import { MAX_COOLDOWN_MS } from './repeat-slice'

const CACHE_LABELS: Record<CacheMode, string> = {
  warm: 'warm: the same prompt again',
  cold: 'true cold: a nonce before the prompt each run',
  alternate: 'alternate cold and warm',
}

/**
 * How runs are measured: the cooldown between Run ×N iterations, whether a prompt
 * cache may answer (true cold puts a random nonce before the prompt), and the SLO every
 * run is checked against. A details popover beside Run ×N.
 */
export function MeasureOptions({ disabled }: { disabled: boolean }) {
  const s = useAppStore(
    useShallow((s) => ({
      mode: s.repeatMode,
      cooldownMs: s.cooldownMs,
      cacheMode: s.cacheMode,
      slo: s.slo,
      setRepeat: s.setRepeat,
      setSlo: s.setSlo,
    })),
  )
  const setLimit = (key: SloMetric, text: string) => {
    const next: Slo = { ...s.slo }
    const value = text.trim() === '' ? undefined : Number(text)
    if (value === undefined) delete next[key]
    else next[key] = value
    // Only limits the core accepts are kept: a half-typed value leaves the previous one.
    const parsed = parseSlo(next)
    if (parsed.ok) s.setSlo(parsed.slo)
  }
  const sloCount = SLO_METRICS.filter(({ key }) => s.slo[key] !== undefined).length
  return (
    <details className="measure-options" data-testid="measure-options">
      <summary
        className={`btn${sloCount > 0 || s.cacheMode !== 'warm' || s.cooldownMs > 0 ? ' on' : ''}`}
        aria-label="Measuring options"
        title={`Prompt cache: ${s.cacheMode}; cooldown ${s.cooldownMs} ms; ${sloCount} SLO limit(s)`}
      >
        ⚙ Options{sloCount > 0 || s.cacheMode !== 'warm' || s.cooldownMs > 0 ? ' •' : ''}
      </summary>
      <fieldset className="measure-pop" aria-label="Measuring options">
        <label className="field">
          <span>Prompt cache</span>
          <select
            className="select"
            data-testid="cache-mode"
            value={s.cacheMode}
            disabled={disabled}
            onChange={(e) => s.setRepeat({ cacheMode: e.target.value as CacheMode })}
          >
            {(Object.keys(CACHE_LABELS) as CacheMode[]).map((m) => (
              <option key={m} value={m} disabled={m === 'alternate' && s.mode === 'concurrent'}>
                {CACHE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Cooldown between runs (ms)</span>
          <input
            className="input mono"
            type="number"
            min={0}
            max={MAX_COOLDOWN_MS}
            step={100}
            data-testid="cooldown"
            value={s.cooldownMs}
            disabled={disabled || s.mode === 'concurrent'}
            onChange={(e) => s.setRepeat({ cooldownMs: e.target.valueAsNumber })}
          />
        </label>
        <fieldset className="slo-fields">
          <legend>SLO: limits every run is checked against (ms)</legend>
          {SLO_METRICS.map(({ key, label }) => (
            <label key={key} className="field">
              <span>{label} ≤</span>
              <input
                className="input mono"
                type="number"
                min={1}
                data-testid={`slo-${key}`}
                placeholder="no limit"
                defaultValue={s.slo[key] ?? ''}
                disabled={disabled}
                onChange={(e) => setLimit(key, e.target.value)}
              />
            </label>
          ))}
        </fieldset>
        <p className="muted measure-note">
          A fixed seed is the <b>seed</b> parameter of the prompt panel. Cold and warm runs are reported apart.
        </p>
      </fieldset>
    </details>
  )
}
