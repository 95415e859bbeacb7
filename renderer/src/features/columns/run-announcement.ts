import type { Lane } from '../../shared/lane'

/**
 * The sentence a screen reader hears when a run starts or ends (a polite live
 * region): how many columns, and at the end how many finished, failed or stopped.
 */
export function runAnnouncement(s: { runStatus: string; lanes: Record<string, Lane> }): string {
  const lanes = Object.values(s.lanes)
  const n = lanes.length
  const columns = `${n} column${n === 1 ? '' : 's'}`
  if (s.runStatus !== 'done') return `Run started: ${columns}.`
  const count = (status: Lane['status']) => lanes.filter((l) => l.status === status).length
  const parts = [`${count('done')} done`]
  if (count('failed') > 0) parts.push(`${count('failed')} failed`)
  if (count('stopped') > 0) parts.push(`${count('stopped')} stopped`)
  return `Run finished: ${parts.join(', ')} of ${columns}.`
}
