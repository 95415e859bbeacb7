import { useId, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KeyStatus } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { buildOptionGroups, flattenOptions, type ModelOption } from './model-options'
import './model-picker.css'

interface Props {
  /** Accessible name, e.g. "Model for column 2". */
  label: string
  /** What the closed picker shows: the model's label (an endpoint's model names its endpoint). */
  value: string
  /** The model id and endpoint picked, for the tooltip. */
  modelId?: string
  endpointId?: string | undefined
  disabled?: boolean
  onSelect: (model: string, endpointId?: string) => void
}

/**
 * A searchable combobox of every model, grouped by provider, recently used first.
 * Enter takes the highlighted option: an exact match of what was typed is always
 * first; a model that is not listed is taken only through its explicit "use as
 * typed" entry, and never for a provider the engine does not know.
 */
export function ModelPicker({ label, value, modelId, endpointId, disabled, onSelect }: Props) {
  const { catalog, recent, endpoints, status } = useAppStore(
    useShallow((s) => ({
      catalog: s.catalog,
      recent: s.settings?.recentModels,
      endpoints: s.settings?.endpoints,
      status: s.catalogStatus,
    })),
  )
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  const groups = useMemo(
    () => (open ? buildOptionGroups(catalog, recent ?? [], query, endpoints ?? []) : []),
    [open, catalog, recent, query, endpoints],
  )
  const flat = useMemo(() => flattenOptions(groups), [groups])
  const activeOption = flat[active]

  const choose = (option: ModelOption | undefined) => {
    if (!option || option.disabledReason) return
    onSelect(option.id, option.endpointId)
    setOpen(false)
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      const delta = e.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (flat.length === 0 ? 0 : (a + delta + flat.length) % flat.length))
    } else if (e.key === 'Enter' && open) {
      e.preventDefault()
      e.stopPropagation()
      choose(activeOption)
    } else if (e.key === 'Tab' && open) {
      // Close before the browser moves focus on: the list must not take it (it is about to go away).
      setOpen(false)
    } else if (e.key === 'Escape' && open) {
      // Closing the list is this Escape's whole job: it must not also stop a run.
      e.stopPropagation()
      setOpen(false)
    }
  }

  const tooltip = endpointId ? `${value} (model ${modelId ?? ''} on a custom endpoint)` : value
  let index = -1
  return (
    <div className="model-picker">
      <input
        ref={inputRef}
        className="input model-input mono"
        data-testid="model-search"
        data-model-id={modelId ?? ''}
        data-endpoint-id={endpointId ?? ''}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeOption ? `${listId}-${active}` : undefined}
        placeholder={status === 'loading' ? 'Loading models…' : 'Search or type provider/model'}
        title={open ? undefined : tooltip}
        disabled={disabled}
        spellCheck={false}
        value={open ? query : value}
        onFocus={() => {
          useAppStore.getState().refreshCatalogIfStale()
          setOpen(true)
          setQuery('')
          setActive(0)
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        // tabIndex -1: Chromium makes a scrolling box a Tab stop; focus landing on this list as it
        // closes would fall back to <body>. Options are reached with the arrow keys instead.
        <div className="picker-pop" id={listId} role="listbox" aria-label={`${label}: options`} tabIndex={-1}>
          {groups.length === 0 && (
            <div className="picker-empty">
              {status === 'error'
                ? 'The model list could not load.'
                : 'No match. Type provider/model to use any model.'}
            </div>
          )}
          {groups.map((g) => (
            // biome-ignore lint/a11y/useSemanticElements: ARIA listbox groups; a fieldset is not a listbox child
            <div key={g.key} className="picker-group" role="group" aria-label={g.label}>
              <div className="picker-group-head">
                <span>{g.label}</span>
                {g.keyStatus && <KeyBadge status={g.keyStatus} />}
                {g.liveError && (
                  <span className="badge warn" title={g.liveError}>
                    live list unavailable
                  </span>
                )}
              </div>
              {g.options.map((o) => {
                index += 1
                const i = index
                return (
                  <div
                    key={`${g.key}:${o.key}`}
                    id={`${listId}-${i}`}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === active}
                    aria-disabled={o.disabledReason ? true : undefined}
                    data-testid="model-option"
                    data-model-id={o.id}
                    data-endpoint-id={o.endpointId ?? ''}
                    data-source={o.source}
                    className={`picker-option${i === active ? ' active' : ''}${o.disabledReason ? ' disabled' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => choose(o)}
                    onKeyDown={() => undefined}
                  >
                    {o.source === 'free' ? (
                      <span className={`option-label${o.disabledReason ? ' bad' : ''}`}>{o.label}</span>
                    ) : (
                      <>
                        <span className="option-id mono">{o.endpointId ? `${o.label}` : o.id}</span>
                        {o.endpointId ? (
                          <span className="badge" title="Served by this custom endpoint">
                            @ {o.endpointName}
                          </span>
                        ) : (
                          o.label !== o.id && <span className="option-label">{o.label}</span>
                        )}
                      </>
                    )}
                    <span className="option-meta">
                      {!['known', 'recent', 'free', 'exact', 'custom'].includes(o.source) && (
                        <span className="badge">{o.source}</span>
                      )}
                      {o.price && (
                        <span className="option-price" title="USD per million tokens, input / output">
                          ${o.price.input} / ${o.price.output}
                        </span>
                      )}
                    </span>
                  </div>
                )
              })}
              {g.hidden > 0 && <div className="picker-more">+{g.hidden} more: type to narrow</div>}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

export function KeyBadge({ status }: { status: KeyStatus }) {
  if (!status.set) return <span className="badge">no key</span>
  return <span className="badge good">key {status.source === 'env' ? '(env)' : 'set'}</span>
}
