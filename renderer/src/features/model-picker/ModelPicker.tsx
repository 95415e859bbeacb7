import { useId, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KeyStatus } from '../../../../main/common/api'
import { useAppStore } from '../../store'
import { buildOptionGroups, flattenOptions, type ModelOption } from './model-options'
import './model-picker.css'

interface Props {
  /** Accessible name, e.g. "Model for column 2". */
  label: string
  value: string
  disabled?: boolean
  onSelect: (model: string, endpointId?: string) => void
}

/** A searchable combobox of every model, grouped by provider, recently used first. */
export function ModelPicker({ label, value, disabled, onSelect }: Props) {
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

  const choose = (option: ModelOption | undefined) => {
    if (!option) return
    onSelect(option.id, option.endpointId)
    setOpen(false)
    inputRef.current?.blur()
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
      const q = query.trim()
      choose(flat[active] ?? (q.includes('/') ? { id: q, label: q, source: 'free' } : undefined))
    } else if (e.key === 'Escape') {
      setOpen(false)
    }
  }

  let index = -1
  return (
    <div className="model-picker">
      <input
        ref={inputRef}
        className="input model-input mono"
        data-testid="model-search"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && flat[active] ? `${listId}-${active}` : undefined}
        placeholder={status === 'loading' ? 'Loading models…' : 'Search or type provider/model'}
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
        <div className="picker-pop" id={listId} role="listbox" aria-label={`${label}: options`}>
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
                    key={`${g.key}:${o.id}`}
                    id={`${listId}-${i}`}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === active}
                    data-testid="model-option"
                    data-model-id={o.id}
                    className={`picker-option${i === active ? ' active' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => choose(o)}
                    onKeyDown={() => undefined}
                  >
                    <span className="option-id mono">{o.id}</span>
                    {o.label !== o.id && <span className="option-label">{o.label}</span>}
                    <span className="option-meta">
                      {o.source !== 'known' && o.source !== 'recent' && o.source !== 'free' && (
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
