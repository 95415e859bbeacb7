/**
 * A small seeded pseudo-random generator (mulberry32) and the draws built on it:
 * the load mode's Poisson arrivals, the nonces of cold runs when a seed is fixed, and
 * the statistics tests' known distributions. Not for secrets.
 */
export type Random = () => number

/** Uniform [0, 1) from a 32-bit seed; the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An exponential draw with the given rate (events per unit): Poisson arrivals' gaps. */
export function exponential(random: Random, rate: number): number {
  if (!(rate > 0)) throw new Error(`an exponential draw needs a rate > 0, got ${rate}`)
  return -Math.log(1 - random()) / rate
}

/** A standard normal draw (Box–Muller). */
export function standardNormal(random: Random): number {
  const u = 1 - random()
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
