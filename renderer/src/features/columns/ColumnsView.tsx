import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { Column } from './Column'
import './columns.css'

export function ColumnsView() {
  const ids = useAppStore(useShallow((s) => s.columns.map((c) => c.columnId)))
  return (
    <div className="columns" data-count={ids.length}>
      {ids.map((id, i) => (
        <Column key={id} columnId={id} index={i} />
      ))}
    </div>
  )
}
