import { useShallow } from 'zustand/react/shallow'
import type { Settings } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { EndpointsEditor } from './EndpointsEditor'
import { KeyRow } from './KeyRow'
import { SimulatedSettings } from './SimulatedSettings'
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
        {!settings.secretsEncrypted && (
          <div className="warning" role="alert" data-testid="secrets-warning">
            <strong>Keys are stored without OS encryption.</strong> This happens in browser mode and on Linux without a
            keyring (basic_text). Keys stay on this machine and are never shown again, but anyone who can read your
            files can read them.
          </div>
        )}
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
        <section className="settings-section">
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
      </div>
    </div>
  )
}
