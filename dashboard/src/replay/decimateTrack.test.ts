import { describe, expect, it } from "vitest"
import { decimateTrack } from "./decimateTrack"

/** A day at one fix a second: a drive around a 5 km circle at 50 km/h with a slow stretch every hour. */
const day = Array.from({ length: 86_400 }, (_, i) => {
  const angle = (i / 2000) * Math.PI
  return {
    timeMs: 1_700_000_000_000 + i * 1000,
    lon: 76.9 + 0.05 * Math.cos(angle),
    lat: 43.2 + 0.05 * Math.sin(angle),
    speedMps: i % 3600 < 300 ? 2 : 14,
  }
})

describe("decimateTrack", () => {
  it("leaves a short track alone", () => {
    expect(decimateTrack(day.slice(0, 100), 5000)).toHaveLength(100)
  })

  it("thins a day of 1 Hz points under the limit, keeping both ends and every change of speed band", () => {
    const started = performance.now()
    const drawn = decimateTrack(day, 5000)
    expect(performance.now() - started).toBeLessThan(500)
    expect(drawn.length).toBeLessThanOrEqual(5000)
    expect(drawn.length).toBeGreaterThan(500)
    expect(drawn[0]).toBe(day[0])
    expect(drawn.at(-1)).toBe(day.at(-1))
    // Each hour's slow stretch starts and ends in the drawing (48 band changes in 24 hours).
    for (let h = 1; h < 24; h++) {
      expect(drawn).toContain(day[h * 3600])
      expect(drawn).toContain(day[h * 3600 + 300])
    }
    // Times stay in order: what is drawn is a subsequence of the track.
    const times = drawn.map((p) => p.timeMs)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(new Set(times).size).toBe(times.length)
  })
})
