export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 10) return `${ms.toFixed(1)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`
}

export function fmtRate(tps: number | null | undefined): string {
  if (tps === null || tps === undefined || !Number.isFinite(tps)) return '—'
  return tps >= 100 ? `${Math.round(tps)}` : tps.toFixed(1)
}

/** Below this a cost is shown as "< $0.000001": nobody reads more zeros. */
const COST_FLOOR_USD = 0.000001

/**
 * Dollars as people write them, never in exponent notation: two significant digits
 * below a cent ($0.000026), four decimals below a dollar ($0.0123), cents above ($1.27).
 */
export function fmtCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—'
  if (usd === 0) return '$0'
  if (usd < 0) return `−${fmtCost(-usd)}`
  if (usd < COST_FLOOR_USD) return '< $0.000001'
  if (usd < 0.01) {
    const decimals = 1 - Math.floor(Math.log10(usd))
    return `$${Number(usd.toPrecision(2)).toFixed(decimals)}`
  }
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`
}

/** 12,345: by hand, because toLocaleString is slow on a per-frame path. */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

export function fmtDate(unixMs: number): string {
  const d = new Date(unixMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
