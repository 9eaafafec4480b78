import { describe, expect, it } from "vitest"
import { advance, indexAt, playheadAt } from "./timeline"

const points = [
  { timeMs: 1000, lon: 0, lat: 0, speedMps: 10, headingDeg: null },
  { timeMs: 2000, lon: 0.001, lat: 0, speedMps: 12, headingDeg: 90 },
  { timeMs: 4000, lon: 0.001, lat: 0.002, speedMps: 0, headingDeg: null },
]

describe("timeline", () => {
  it("finds the last point at or before a time by binary search", () => {
    expect(indexAt(points, 0)).toBe(0)
    expect(indexAt(points, 1000)).toBe(0)
    expect(indexAt(points, 1999)).toBe(0)
    expect(indexAt(points, 2000)).toBe(1)
    expect(indexAt(points, 3999)).toBe(1)
    expect(indexAt(points, 9000)).toBe(2)
    expect(indexAt([], 5)).toBe(0)
  })

  it("interpolates the place between fixes and keeps exact times", () => {
    const head = playheadAt(points, 3000)
    expect(head).toMatchObject({ timeMs: 3000, lon: 0.001, speedMps: 12, headingDeg: 90 })
    expect(head?.lat).toBeCloseTo(0.001, 9)
  })

  it("takes the heading from the next fix when the device reports none", () => {
    expect(playheadAt(points, 1500)?.headingDeg).toBeCloseTo(90, 5)
    expect(playheadAt(points, 4000)?.headingDeg).toBeCloseTo(0, 5)
  })

  it("advances by wall time times the rate and stops at the end", () => {
    expect(advance(1000, 100, 60, 100_000)).toBe(7000)
    expect(advance(1000, 100, 600, 20_000)).toBe(20_000)
    expect(playheadAt([], 0)).toBeUndefined()
  })
})
