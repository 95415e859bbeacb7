import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

/** Custom OpenAI-compatible endpoints: name, base URL, optional key (write-only). */
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
  const [key, setKey] = useState('')
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
          const draft = { name: name.trim(), baseUrl: baseUrl.trim(), key: key.trim() === '' ? null : key.trim() }
          setKey('')
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
          className="input mono"
          type="password"
          autoComplete="off"
          aria-label="Endpoint API key (optional)"
          data-testid="endpoint-key"
          placeholder="API key (optional)"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="endpoint-add" disabled={!valid}>
          Add endpoint
        </button>
      </form>
    </div>
  )
}
