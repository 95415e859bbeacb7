import { useShallow } from 'zustand/react/shallow'
import type { Settings } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { EndpointsEditor } from './EndpointsEditor'
import { KeyRow } from './KeyRow'
import { SimulatedSettings } from './SimulatedSettings'
import { StallTimeoutSettings } from './StallTimeoutSettings'
import { secretStoreText, updatesText } from './store-status'
import './settings.css'

export function SettingsView() {
  const { settings, catalog, setTheme } = useAppStore(
    useShallow((s) => ({ settings: s.settings, catalog: s.catalog, setTheme: s.setTheme })),
  )
  if (!settings) return <div className="settings-page muted">Loading settings…</div>
  const labels = new Map(catalog.map((g) => [g.provider, g.label]))
  const providers = Object.keys(settings.keys).sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b))

  return (
    <div className="settings-page">
      <div className="settings-inner">
        <h1>Settings</h1>
        <StoreStatus info={settings.secretStore} />
        <section className="settings-section">
          <h2>Provider keys</h2>
          <p className="muted">
            Keys go to the main process and are never sent back: this page only knows whether one is set, and whether it
            comes from a saved value or an environment variable.
          </p>
          <div className="key-rows">
            {providers.map((p) => (
              <KeyRow key={p} provider={p} label={labels.get(p) ?? p} status={settings.keys[p]} />
            ))}
          </div>
        </section>
        <section className="settings-section" id="settings-endpoints" tabIndex={-1}>
          <h2>Custom endpoints</h2>
          <p className="muted">
            Any OpenAI-compatible server: vLLM, llama.cpp, a gateway. Its models appear in the picker.
          </p>
          <EndpointsEditor />
        </section>
        <section className="settings-section">
          <h2>Appearance</h2>
          <label className="field inline">
            <span className="field-label">Theme</span>
            <select
              className="select"
              data-testid="theme"
              aria-label="Theme"
              value={settings.theme}
              onChange={(e) => void setTheme(e.target.value as Settings['theme'])}
            >
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </section>
        <section className="settings-section">
          <h2>Simulated provider</h2>
          <p className="muted">
            Works with no key and no network; also the baseline of the app's own overhead. Its TTFT should read close to
            the delay set here.
          </p>
          <SimulatedSettings />
        </section>
        <section className="settings-section">
          <h2>Runs</h2>
          <p className="muted">
            A column whose stream sends nothing for this long fails with a Timeout (what arrived is kept), instead of
            looking busy forever.
          </p>
          <StallTimeoutSettings />
        </section>
        <section className="settings-section">
          <h2>Updates</h2>
          <p data-testid="updates-status">{updatesText(settings.updates)}</p>
        </section>
      </div>
    </div>
  )
}

/** Where keys are kept: a warning when they lack OS protection, a plain note when they have it. */
function StoreStatus({ info }: { info: Settings['secretStore'] }) {
  const text = secretStoreText(info)
  return text.warn ? (
    <div className="warning" role="alert" data-testid="secrets-warning" data-store={info.kind}>
      <strong>{text.title}</strong> {text.detail}
    </div>
  ) : (
    <p className="muted" data-testid="secrets-store" data-store={info.kind}>
      {text.title} {text.detail}
    </p>
  )
}
