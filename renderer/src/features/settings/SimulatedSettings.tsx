import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

/** Pacing of the Simulated provider (the engine's mock_response): first-token delay and token rate. */
export function SimulatedSettings() {
  const { simulated, setSimulated } = useAppStore(
    useShallow((s) => ({ simulated: s.settings?.simulated, setSimulated: s.setSimulated })),
  )
  const [ttft, setTtft] = useState<string | null>(null)
  const [tps, setTps] = useState<string | null>(null)
  if (!simulated) return null
  const ttftValue = ttft ?? String(simulated.ttftMs)
  const tpsValue = tps ?? String(simulated.tokensPerSecond)
  const ttftN = Number(ttftValue)
  const tpsN = Number(tpsValue)
  const valid = ttftValue !== '' && tpsValue !== '' && ttftN >= 0 && tpsN > 0 && Number.isFinite(ttftN + tpsN)
  return (
    <form
      className="simulated-form"
      onSubmit={async (e) => {
        e.preventDefault()
        if (!valid) return
        await setSimulated({ ttftMs: ttftN, tokensPerSecond: tpsN })
        setTtft(null)
        setTps(null)
      }}
    >
      <label className="field">
        <span className="field-label">First-token delay (ms)</span>
        <input
          className="input mono"
          type="number"
          min={0}
          data-testid="simulated-ttft"
          value={ttftValue}
          onChange={(e) => setTtft(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Tokens per second</span>
        <input
          className="input mono"
          type="number"
          min={1}
          data-testid="simulated-tps"
          value={tpsValue}
          onChange={(e) => setTps(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="btn"
        data-testid="simulated-save"
        disabled={!valid || (ttft === null && tps === null)}
      >
        Save pacing
      </button>
    </form>
  )
}
