import { useEffect } from 'react'
import type { RunParams } from '../../../../main/common/api'
import { parseParam } from '../../../../main/common/param-ranges'
import { useAppStore } from '../../store'
import { useDraft } from './use-draft'

interface Props {
  value: RunParams
  onChange: (params: RunParams) => void
  /** For per-column overrides: the shared values, shown as placeholders. */
  inherited?: RunParams
  /** Prefix for the fields' accessible names ("Shared", "Column 2"). */
  scope: string
  /** Stable key of the fields' owner ('shared' or the column id): their ids and error keys. */
  fieldKey: string
}

type NumericKey = 'temperature' | 'top_p' | 'max_tokens' | 'seed'

const NUMERIC: { key: NumericKey; label: string }[] = [
  { key: 'temperature', label: 'Temperature' },
  { key: 'top_p', label: 'Top P' },
  { key: 'max_tokens', label: 'Max tokens' },
  { key: 'seed', label: 'Seed' },
]

/** The DOM id of a parameter field (also what "fix this field" focuses). */
export const paramFieldId = (fieldKey: string, key: string) => `param-${fieldKey}-${key}`
/** The store key of a parameter field's error: removing a column drops `${columnId}:*`. */
export const paramErrorKey = (fieldKey: string, key: string) => `${fieldKey}:${key}`

/** The sampling parameters, shared by all columns or overridden in one. */
export function ParamsFields({ value, onChange, inherited, scope, fieldKey }: Props) {
  const id = (k: string) => paramFieldId(fieldKey, k)
  return (
    <div className="params-grid">
      {NUMERIC.map((f) => (
        <NumberField
          key={f.key}
          id={id(f.key)}
          errorKey={paramErrorKey(fieldKey, f.key)}
          name={f.key}
          label={f.label}
          scope={scope}
          value={value[f.key]}
          placeholder={inherited?.[f.key] !== undefined ? String(inherited[f.key]) : 'default'}
          onCommit={(n) => onChange({ ...value, [f.key]: n })}
        />
      ))}
      <label className="field" htmlFor={id('effort')}>
        <span className="field-label">Reasoning effort</span>
        <select
          id={id('effort')}
          className="select"
          aria-label={`${scope} reasoning effort`}
          value={value.reasoning_effort ?? ''}
          onChange={(e) =>
            onChange({ ...value, reasoning_effort: (e.target.value || undefined) as RunParams['reasoning_effort'] })
          }
        >
          <option value="">{inherited?.reasoning_effort ? `shared (${inherited.reasoning_effort})` : 'default'}</option>
          <option value="low">low</option>
          <option value="medium">medium</option>
          <option value="high">high</option>
        </select>
      </label>
      <StopField
        id={id('stop')}
        scope={scope}
        value={value.stop}
        inherited={inherited?.stop}
        onChange={onChange}
        params={value}
      />
    </div>
  )
}

/**
 * A numeric parameter. What is typed stays as typed; a valid value is committed,
 * an invalid one is recorded in the store (so Run is refused, and the text survives
 * the field being hidden) and explained under the field with the allowed range,
 * which comes from main's table (the engine's own).
 */
function NumberField(props: {
  id: string
  errorKey: string
  name: NumericKey
  label: string
  scope: string
  value: number | undefined
  placeholder: string
  onCommit: (n: number | undefined) => void
}) {
  const range = useAppStore((s) => s.paramRanges.find((r) => r.name === props.name))
  const saved = useAppStore((s) => s.fieldErrors[props.errorKey])
  const setFieldError = useAppStore((s) => s.setFieldError)
  const parse = (text: string) => {
    const p = parseParam(text, range)
    return p.ok ? p.value : null
  }
  const { draft, onChange } = useDraft(
    props.value,
    (v) => (v === undefined ? '' : String(v)),
    props.onCommit,
    parse,
    saved?.text,
  )
  const result = parseParam(draft, range)
  const problem = result.ok ? null : result.problem
  const label = `${props.scope} ${props.label.toLowerCase()}`
  // The store mirrors the field's verdict: the ranges may arrive after the text was typed.
  useEffect(() => {
    if (problem === null) setFieldError(props.errorKey, null)
    else setFieldError(props.errorKey, { text: draft, problem, label, elementId: props.id })
  }, [problem, draft, label, props.errorKey, props.id, setFieldError])
  const errorId = `${props.id}-error`
  return (
    <label className="field" htmlFor={props.id}>
      <span className="field-label">{props.label}</span>
      <input
        id={props.id}
        className="input mono"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        placeholder={props.placeholder}
        value={draft}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <span className="field-error" id={errorId} data-testid="field-error">
          {problem}
        </span>
      )}
    </label>
  )
}

function StopField(props: {
  id: string
  scope: string
  value: string[] | undefined
  inherited: string[] | undefined
  params: RunParams
  onChange: (params: RunParams) => void
}) {
  const { draft, onChange } = useDraft(
    props.value,
    (v) => (v ?? []).join('\n'),
    (stop) => props.onChange({ ...props.params, stop }),
    (s) => {
      const lines = s.split('\n').filter((l) => l !== '')
      return lines.length > 0 ? lines : undefined
    },
  )
  return (
    <label className="field span-2" htmlFor={props.id}>
      <span className="field-label">Stop sequences (one per line)</span>
      <textarea
        id={props.id}
        className="textarea mono"
        rows={2}
        aria-label={`${props.scope} stop sequences`}
        placeholder={props.inherited?.length ? props.inherited.join(' · ') : 'none'}
        value={draft}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}
