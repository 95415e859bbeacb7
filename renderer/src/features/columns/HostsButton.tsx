import { useMemo } from 'react'
import { hostsServing } from '../../../../main/common/same-model'
import { useAppStore } from '../../store'

/**
 * Host against host: when the catalog lists this column's model on other hosts too,
 * offers to fill the columns with it on every one of them (the host named in each label).
 */
export function HostsButton({ columnId, disabled }: { columnId: string; disabled: boolean }) {
  const model = useAppStore((s) => s.columns.find((c) => c.columnId === columnId)?.model ?? '')
  const catalog = useAppStore((s) => s.catalog)
  const fillHosts = useAppStore((s) => s.fillHosts)
  const hosts = useMemo(() => (model ? hostsServing(model, catalog) : []), [model, catalog])
  if (hosts.length < 2) return null
  return (
    <button
      type="button"
      className="btn small hosts-button"
      data-testid="fill-hosts"
      disabled={disabled}
      title={`Compare this model on every host that serves it: ${hosts.map((h) => h.host).join(', ')}`}
      onClick={() => fillHosts(columnId)}
    >
      ⇄ {hosts.length} hosts
    </button>
  )
}
