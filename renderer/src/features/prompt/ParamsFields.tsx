import type { RunParams } from '../../../../main/common/api'
import { parseOptionalNumber, useDraft } from './use-draft'

interface Props {
  value: RunParams
  onChange: (params: RunParams) => void
  /** For per-column overrides: the shared values, shown as placeholders. */
  inherited?: RunParams
  /** Prefix for the fields' ids and accessible names ("Shared", "Column 2"). */
  scope: string
}

type NumericKey = 'temperature' | 'top_p' | 'max_tokens' | 'seed'

const NUMERIC: { key: NumericKey; label: string; min: number; max?: number; integer?: boolean; step: string }[] = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: '0.1' },
  { key: 'top_p', label: 'Top P', min: 0, max: 1, step: '0.05' },
  { key: 'max_tokens', label: 'Max tokens', min: 1, integer: true, step: '1' },
  { key: 'seed', label: 'Seed', min: 0, integer: true, step: '1' },
]

/** The sampling parameters, shared by all columns or overridden in one. */
export function ParamsFields({ value, onChange, inherited, scope }: Props) {
  const id = (k: string) => `${scope.replace(/\s+/g, '-').toLowerCase()}-${k}`
  return (
    <div className="params-grid">
      {NUMERIC.map((f) => (
        <NumberField
          key={f.key}
          id={id(f.key)}
          label={f.label}
          scope={scope}
          value={value[f.key]}
          placeholder={inherited?.[f.key] !== undefined ? String(inherited[f.key]) : 'default'}
          parse={(s) => parseOptionalNumber(s, f)}
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

function NumberField(props: {
  id: string
  label: string
  scope: string
  value: number | undefined
  placeholder: string
  parse: (s: string) => number | undefined | null
  onCommit: (n: number | undefined) => void
}) {
  const { draft, onChange, invalid } = useDraft(
    props.value,
    (v) => (v === undefined ? '' : String(v)),
    props.onCommit,
    props.parse,
  )
  return (
    <label className="field" htmlFor={props.id}>
      <span className="field-label">{props.label}</span>
      <input
        id={props.id}
        className="input mono"
        inputMode="decimal"
        aria-label={`${props.scope} ${props.label.toLowerCase()}`}
        aria-invalid={invalid}
        placeholder={props.placeholder}
        value={draft}
        onChange={(e) => onChange(e.target.value)}
      />
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
