/** A seeded pseudo-random generator (mulberry32): the same seed gives the same fuzz cases. */
export interface Rng {
  /** In [0, 1). */
  readonly next: () => number
  /** An integer in [0, n). */
  readonly int: (n: number) => number
  readonly pick: <T>(items: ReadonlyArray<T>) => T
  readonly chance: (p: number) => boolean
}

export const makeRng = (seed: number): Rng => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from nothing")
      return items[int(items.length)] as (typeof items)[number]
    },
    chance: (p) => next() < p,
  }
}
