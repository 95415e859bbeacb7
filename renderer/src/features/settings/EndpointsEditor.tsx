import { useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

/**
 * Custom OpenAI-compatible endpoints: name, base URL, optional key (write-only). The
 * key input is uncontrolled so React never mirrors the typed key into the HTML.
 */
export function EndpointsEditor() {
  const { endpoints, saveEndpoint, deleteEndpoint } = useAppStore(
    useShallow((s) => ({
      endpoints: s.settings?.endpoints ?? [],
      saveEndpoint: s.saveEndpoint,
      deleteEndpoint: s.deleteEndpoint,
    })),
  )
  const [name, setName] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const keyInput = useRef<HTMLInputElement>(null)
  const valid = name.trim() !== '' && /^https?:\/\/\S+$/.test(baseUrl.trim())

  return (
    <div className="endpoints">
      {endpoints.length > 0 && (
        <ul className="endpoint-list">
          {endpoints.map((e) => (
            <li key={e.id} className="endpoint" data-testid="endpoint-item">
              <strong>{e.name}</strong>
              <span className="mono muted">{e.baseUrl}</span>
              <span className={`badge ${e.hasKey ? 'good' : ''}`}>{e.hasKey ? 'key set' : 'no key'}</span>
              <button
                type="button"
                className="btn small danger"
                aria-label={`Delete endpoint ${e.name}`}
                onClick={() => void deleteEndpoint(e.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="endpoint-form"
        onSubmit={async (ev) => {
          ev.preventDefault()
          if (!valid) return
          const key = keyInput.current?.value.trim() ?? ''
          const draft = { name: name.trim(), baseUrl: baseUrl.trim(), key: key === '' ? null : key }
          if (keyInput.current) keyInput.current.value = ''
          if (await saveEndpoint(draft)) {
            setName('')
            setBaseUrl('')
          }
        }}
      >
        <input
          className="input"
          aria-label="Endpoint name"
          data-testid="endpoint-name"
          placeholder="Name, e.g. vLLM box"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          className="input mono"
          aria-label="Endpoint base URL"
          data-testid="endpoint-url"
          placeholder="http://localhost:8000/v1"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <input
          ref={keyInput}
          className="input mono"
          type="password"
          autoComplete="off"
          aria-label="Endpoint API key (optional)"
          data-testid="endpoint-key"
          placeholder="API key (optional)"
          defaultValue=""
        />
        <button type="submit" className="btn" data-testid="endpoint-add" disabled={!valid}>
          Add endpoint
        </button>
      </form>
    </div>
  )
}
