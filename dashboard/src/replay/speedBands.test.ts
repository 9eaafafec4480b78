import { describe, expect, it } from "vitest"
import { bandOf, bandRuns, SPEED_BANDS } from "./speedBands"

const kmh = (v: number) => v / 3.6

describe("speed bands", () => {
  it("puts each speed in the band whose lower bound it reaches", () => {
    expect(bandOf(null)).toBe(0)
    expect(bandOf(kmh(4.9))).toBe(0)
    expect(bandOf(kmh(5))).toBe(1)
    expect(bandOf(kmh(39))).toBe(1)
    expect(bandOf(kmh(60))).toBe(2)
    expect(bandOf(kmh(90))).toBe(3)
    expect(bandOf(kmh(150))).toBe(SPEED_BANDS.length - 1)
  })

  it("splits a track into runs of one band that join without gaps", () => {
    const points = [
      { lon: 0, lat: 0, speedMps: kmh(30) },
      { lon: 1, lat: 0, speedMps: kmh(30) },
      { lon: 2, lat: 0, speedMps: kmh(90) },
      { lon: 3, lat: 0, speedMps: kmh(90) },
      { lon: 4, lat: 0, speedMps: 0 },
    ]
    const runs = bandRuns(points)
    expect(runs.map((r) => r.band)).toEqual([1, 3])
    // A segment has its first point's band: 1→2 is still slow, 3→4 still fast.
    expect(runs[0]?.path).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ])
    expect(runs[1]?.path).toEqual([
      [2, 0],
      [3, 0],
      [4, 0],
    ])
  })
})
