import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon, offsetM } from "../geo.js"
import {
  type GpsDistanceState,
  type GpsPoint,
  initialGpsDistanceState,
  stepGpsDistance,
} from "./GpsDistance.js"

const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const HOME: LatLon = { lat: -33.8688, lon: 151.2093 }

const point = (
  s: number,
  at: LatLon,
  extra: Partial<Omit<GpsPoint, "timeMs" | "lat" | "lon">> = {},
): GpsPoint => ({
  timeMs: T0 + s * 1000,
  lat: at.lat,
  lon: at.lon,
  ...extra,
})

const feed = (points: ReadonlyArray<GpsPoint>) => {
  let state: GpsDistanceState = initialGpsDistanceState
  const outcomes: string[] = []
  let metres = 0
  for (const p of points) {
    const step = stepGpsDistance(state, p)
    state = step.state
    outcomes.push(step.outcome)
    metres += step.metres
  }
  return { state, outcomes, metres }
}

describe("stepGpsDistance", () => {
  it("ignores fixes with a poor HDOP or too few satellites, and stale fixes", () => {
    const far = offsetM(HOME, 0, 400)
    const { outcomes, metres } = feed([
      point(0, HOME),
      point(30, far, { hdop: 25, speedMps: 13 }),
      point(31, far, { satellites: 2, speedMps: 13 }),
      point(31, far, { speedMps: 13 }),
      point(31, far, { speedMps: 13 }),
      point(20, HOME),
    ])
    expect(outcomes).toEqual(["first", "poor_fix", "poor_fix", "moved", "stale", "stale"])
    expect(metres).toBeCloseTo(400, 2)
  })

  it("counts slow drift without a speed once it leaves the error radii, from where it began", () => {
    const points = Array.from({ length: 11 }, (_, i) => point(i * 60, offsetM(HOME, i * 5, 0)))
    const { outcomes, metres } = feed(points)
    expect(outcomes.slice(0, 7)).toEqual(["first", "held", "held", "held", "held", "held", "held"])
    expect(outcomes[7]).toBe("moved")
    // 35 m counted at once at the 8th point, then 5 m held three times more.
    expect(metres).toBeCloseTo(35, 3)
  })

  it("does not take jitter between fixes a fraction of a second apart for a teleport", () => {
    const { outcomes } = feed([
      point(0, HOME, { speedMps: 8 }),
      point(0.2, offsetM(HOME, 20, 0), { speedMps: 8 }),
    ])
    expect(outcomes).toEqual(["first", "moved"])
  })

  it("on relocation keeps the distance driven among the agreeing fixes but not the jump", () => {
    const far = destinationPoint(HOME, 90, 50_000)
    const { outcomes, metres, state } = feed([
      point(0, HOME, { speedMps: 10 }),
      point(60, far, { speedMps: 10 }),
      point(120, offsetM(far, 600, 0), { speedMps: 10 }),
      point(180, offsetM(far, 1200, 0), { speedMps: 10 }),
    ])
    expect(outcomes).toEqual(["first", "teleport", "teleport", "relocated"])
    expect(metres).toBeCloseTo(1200, 0)
    expect(state.candidates).toEqual([])
  })

  it("restarts the relocation count when far fixes disagree with each other", () => {
    const { outcomes } = feed([
      point(0, HOME, { speedMps: 10 }),
      point(60, destinationPoint(HOME, 90, 50_000), { speedMps: 10 }),
      point(120, destinationPoint(HOME, 270, 50_000), { speedMps: 10 }),
      point(130, offsetM(HOME, 100, 0), { speedMps: 10 }),
    ])
    expect(outcomes).toEqual(["first", "teleport", "teleport", "moved"])
  })

  it("integrates speed over short segments only when it agrees with the straight line", () => {
    // 5 s at 10 → 12 m/s: 55 m by speed; the fixes are 60 m apart (within the radii).
    const agree = feed([point(0, HOME, { speedMps: 10 }), point(5, offsetM(HOME, 60, 0), { speedMps: 12 })])
    expect(agree.metres).toBeCloseTo(55, 6)
    // The same speeds over fixes 200 m apart: the speed is not trusted.
    const disagree = feed([
      point(0, HOME, { speedMps: 10 }),
      point(5, offsetM(HOME, 200, 0), { speedMps: 12 }),
    ])
    expect(disagree.metres).toBeCloseTo(200, 3)
    // Beyond speedIntegrationMaxS the straight line is used.
    const sparse = feed([
      point(0, HOME, { speedMps: 10 }),
      point(11, offsetM(HOME, 100, 0), { speedMps: 12 }),
    ])
    expect(sparse.metres).toBeCloseTo(100, 3)
  })
})
