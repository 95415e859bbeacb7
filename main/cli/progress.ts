/**
 * The CLI's progress while a comparison runs: a bar redrawn in place on a terminal,
 * one line per ended run otherwise (CI logs). Written to stderr, so stdout holds only
 * the table.
 */
import type { RunEvent } from '../common/api'

export interface ProgressOut {
  write(text: string): void
  isTTY?: boolean
}

export function createProgress(out: ProgressOut, total: number, labels: Map<string, string>) {
  let ended = 0
  let failed = 0
  const bar = () => {
    const width = 24
    const filled = Math.round((ended / Math.max(1, total)) * width)
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${ended}/${total} runs${failed ? `, ${failed} failed` : ''}`
  }
  return {
    onEvent(e: RunEvent): void {
      if (e.type !== 'column-finished' && e.type !== 'column-failed') return
      ended++
      if (e.type === 'column-failed') failed++
      const label = labels.get(e.columnId) ?? e.columnId
      const what =
        e.type === 'column-finished'
          ? `TTFT ${Math.round(e.timing.first_token_ms ?? Number.NaN)} ms`
          : `${e.error.name}: ${e.error.message}`
      if (out.isTTY) out.write(`\r\x1b[2K${bar()}  ${label} #${e.iteration + 1} ${what}`)
      else out.write(`${bar()}  ${label} #${e.iteration + 1} ${what}\n`)
    },
    done(): void {
      if (out.isTTY) out.write('\n')
    },
  }
}
