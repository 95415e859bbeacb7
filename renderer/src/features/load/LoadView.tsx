import { useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { LoadEstimate, LoadRequest, LoadStatus } from '../../../../main/common/load'
import { getApi } from '../../api/get-api'
import { cleanParams } from '../../shared/clean-params'
import { fmtMs } from '../../shared/format'
import { useAppStore } from '../../store'
import { LoadCurve } from './LoadCurve'
import { type LoadForm, loadTargets, planOf } from './load-form'
import './load.css'

const POLL_MS = 250

/**
 * Load mode, for servers you own: one model under a concurrency sweep or Poisson
 * arrivals, with the prompt of the playground. The estimate (requests, cost) comes
 * first; a cloud provider must be confirmed; then the levels fill in as they finish.
 */
export function LoadView() {
  const { catalog, system, turns, params } = useAppStore(
    useShallow((s) => ({ catalog: s.catalog, system: s.system, turns: s.turns, params: s.params })),
  )
  const targets = loadTargets(catalog)
  const [form, setForm] = useState<LoadForm>({
    model: '',
    kind: 'sweep',
    levels: '1, 2, 4, 8',
    requestsPerLevel: '8',
    warmup: '1',
  })
  const model = form.model || targets[0]?.models[0] || ''
  const [confirmed, setConfirmed] = useState(false)
  const [estimate, setEstimate] = useState<LoadEstimate | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [status, setStatus] = useState<LoadStatus | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  useEffect(() => () => clearInterval(timer.current ?? undefined), [])

  const request = (): LoadRequest | null => {
    const plan = planOf(form)
    if ('problem' in plan) {
      setProblem(plan.problem)
      return null
    }
    const messages = turns.filter((t) => t.content.trim() !== '').map((t) => ({ role: t.role, content: t.content }))
    if (messages.length === 0) {
      setProblem('Write a prompt in the playground first.')
      return null
    }
    const r: LoadRequest = { messages, params: cleanParams(params), model, plan: plan.plan, confirmedCloud: confirmed }
    if (system.trim()) r.system = system
    return r
  }
  const update = (patch: Partial<LoadForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setEstimate(null)
  }
  const onEstimate = async () => {
    setProblem(null)
    const r = request()
    if (!r) return
    try {
      setEstimate(await getApi().estimateLoad({ ...r, confirmedCloud: true }))
    } catch (err) {
      setProblem((err as Error).message)
    }
  }
  const onStart = async () => {
    setProblem(null)
    const r = request()
    if (!r) return
    try {
      const { loadId } = await getApi().startLoad(r)
      const poll = async () => {
        const s = await getApi().loadStatus(loadId)
        setStatus(s)
        if (s.state !== 'running') clearInterval(timer.current ?? undefined)
      }
      clearInterval(timer.current ?? undefined)
      timer.current = setInterval(() => void poll(), POLL_MS)
      await poll()
    } catch (err) {
      setProblem((err as Error).message)
    }
  }
  const running = status?.state === 'running'
  return (
    <div className="load-view" data-testid="load-view">
      <h2>Load: throughput against latency</h2>
      <p className="muted">
        For servers you own (local Ollama, llama.cpp, vLLM, a custom endpoint). Uses the playground’s prompt and
        parameters. A cloud provider is refused unless you confirm it after seeing the estimate.
      </p>
      <div className="load-form">
        <label className="field">
          <span>Model</span>
          <select
            className="select"
            data-testid="load-model"
            value={model}
            onChange={(e) => update({ model: e.target.value })}
          >
            {targets.map((t) => (
              <optgroup key={t.group} label={`${t.group}${t.local ? '' : ' (cloud)'}`}>
                {t.models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Mode</span>
          <select
            className="select"
            data-testid="load-kind"
            value={form.kind}
            onChange={(e) =>
              update({
                kind: e.target.value as LoadForm['kind'],
                levels: e.target.value === 'sweep' ? '1, 2, 4, 8' : '0.5, 1, 2',
              })
            }
          >
            <option value="sweep">concurrency sweep</option>
            <option value="poisson">Poisson arrivals</option>
          </select>
        </label>
        <label className="field">
          <span>{form.kind === 'sweep' ? 'Concurrency levels' : 'Rates (requests/s)'}</span>
          <input
            className="input mono"
            data-testid="load-levels"
            value={form.levels}
            onChange={(e) => update({ levels: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Requests per level</span>
          <input
            className="input mono"
            data-testid="load-requests"
            value={form.requestsPerLevel}
            onChange={(e) => update({ requestsPerLevel: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Warm-up requests</span>
          <input
            className="input mono"
            data-testid="load-warmup"
            value={form.warmup}
            onChange={(e) => update({ warmup: e.target.value })}
          />
        </label>
      </div>
      <div className="load-actions">
        <button type="button" className="btn" data-testid="load-estimate" onClick={() => void onEstimate()}>
          Estimate
        </button>
        {estimate && (
          <span className="load-estimate" data-testid="load-estimate-text">
            {estimate.requests} requests ·{' '}
            {estimate.costUsd === null ? 'cost unknown' : `≈ $${estimate.costUsd.toFixed(4)}`} ·{' '}
            {estimate.local ? 'a server you own' : 'a cloud provider'}
          </span>
        )}
        {estimate && !estimate.local && (
          <label className="check">
            <input
              type="checkbox"
              data-testid="load-confirm-cloud"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            I confirm: send these requests to a cloud provider
          </label>
        )}
        <button
          type="button"
          className="btn primary"
          data-testid="load-start"
          disabled={!estimate || running || (!estimate.local && !confirmed)}
          onClick={() => void onStart()}
        >
          ▶ Start
        </button>
        {running && status && (
          <button type="button" className="btn" onClick={() => void getApi().stopLoad(status.loadId)}>
            ■ Stop
          </button>
        )}
        {status && (
          <span className="badge" data-testid="load-progress">
            {status.state} · {status.ended}/{status.total}
          </span>
        )}
      </div>
      {problem && (
        <p className="load-problem" role="alert">
          {problem}
        </p>
      )}
      {status?.error && <p className="load-problem">{status.error}</p>}
      {status?.result && status.result.levels.length > 0 && (
        <div className="load-results">
          <LoadCurve result={status.result} />
          <table className="stats-table" data-testid="load-table">
            <thead>
              <tr>
                <th>{status.result.kind === 'sweep' ? 'Concurrency' : 'Rate'}</th>
                <th>OK</th>
                <th>Req/s</th>
                <th>Out tok/s</th>
                <th>TTFT p50</th>
                <th>p95</th>
                <th>p99</th>
                <th>ITL p50</th>
                <th>ITL p95</th>
              </tr>
            </thead>
            <tbody>
              {status.result.levels.map((l) => (
                <tr key={l.level}>
                  <td className="num">{l.level}</td>
                  <td className="num" title={l.firstError}>
                    {l.requests - l.failures}/{l.requests}
                  </td>
                  <td className="num">{l.requestsPerS.toFixed(2)}</td>
                  <td className="num">{l.outputTokensPerS.toFixed(1)}</td>
                  <td className="num">{fmtMs(l.ttftMs?.p50)}</td>
                  <td className="num">{fmtMs(l.ttftMs?.p95)}</td>
                  <td className="num">{fmtMs(l.ttftMs?.p99)}</td>
                  <td className="num">{fmtMs(l.itlMs?.p50)}</td>
                  <td className="num">{fmtMs(l.itlMs?.p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
