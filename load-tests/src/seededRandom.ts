/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so a
 * simulated drive, a fuzz case or a benchmark's kill moments can be repeated exactly.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  readonly next: () => number
  /** Uniform in [min, max). */
  readonly between: (min: number, max: number) => number
  /** An integer in [0, n). */
  readonly int: (n: number) => number
  readonly pick: <T>(items: ReadonlyArray<T>) => T
  readonly chance: (p: number) => boolean
}

export const seededRandom = (seed: number): SeededRandom => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from nothing")
      return items[int(items.length)] as (typeof items)[number]
    },
    chance: (p) => next() < p,
  }
}
