import { describe, expect, it } from "vitest"
import { seededRandom } from "./seededRandom.js"

describe("seededRandom", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const c = seededRandom(43)
    const first = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first)
  })

  it("stays within the bounds it is given", () => {
    const r = seededRandom(7)
    const values = Array.from({ length: 1000 }, () => r.between(2, 8))
    expect(Math.min(...values)).toBeGreaterThanOrEqual(2)
    expect(Math.max(...values)).toBeLessThan(8)
    // Spread over the range, not stuck at one end.
    expect(values.filter((v) => v < 5).length).toBeGreaterThan(350)
    expect(values.filter((v) => v >= 5).length).toBeGreaterThan(350)
  })
})
