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

  it("integrates speed over short segments, and over longer ones only at a steady speed", () => {
    // 2 s at 10 → 12 m/s: 22 m by speed; the fixes are 28 m apart (noise: the speed wins).
    const short = feed([point(0, HOME, { speedMps: 10 }), point(2, offsetM(HOME, 28, 0), { speedMps: 12 })])
    expect(short.metres).toBeCloseTo(22, 6)
    // 5 s at 10 → 12 m/s over fixes 60 m apart: the speed changed, the acceleration may have too
    // (the trapezoid's 55 m is exact only for a constant one), so the straight line counts.
    const changing = feed([
      point(0, HOME, { speedMps: 10 }),
      point(5, offsetM(HOME, 60, 0), { speedMps: 12 }),
    ])
    expect(changing.metres).toBeCloseTo(60, 3)
    // 8 s at a steady 12 m/s: 96 m by speed over fixes 90 m apart: the speed counts.
    const steady = feed([
      point(0, HOME, { speedMps: 12 }),
      point(8, offsetM(HOME, 90, 0), { speedMps: 12.5 }),
    ])
    expect(steady.metres).toBeCloseTo(98, 6)
    // Beyond steadyIntegrationMaxS the straight line is used.
    const sparse = feed([
      point(0, HOME, { speedMps: 10 }),
      point(11, offsetM(HOME, 100, 0), { speedMps: 10 }),
    ])
    expect(sparse.metres).toBeCloseTo(100, 3)
  })

  it("counts the speeds, not fixes further apart than the speeds allow", () => {
    // 5 s at 10 → 12 m/s cannot cover 200 m (55 ± 25 m at 4 m/s², plus the radii): multipath.
    const { metres } = feed([
      point(0, HOME, { speedMps: 10 }),
      point(5, offsetM(HOME, 200, 0), { speedMps: 12 }),
    ])
    expect(metres).toBeCloseTo(55, 6)
  })

  it("counts the straight line across a device clock step, not the speed over the device's seconds", () => {
    // The clock fell 88 s behind: 3 s by the device, 91 s by the server, 2,600 m driven at 28.6 m/s.
    const { metres } = feed([
      point(0, HOME, { speedMps: 28.6, receivedAtMs: T0 + 500 }),
      point(3, offsetM(HOME, 2600, 0), { speedMps: 28.6, receivedAtMs: T0 + 91_500 }),
    ])
    expect(metres).toBeCloseTo(2600, 0)
  })

  it("does not count a multipath jump while standing at a light (1 s reports)", () => {
    const aside = offsetM(HOME, 0, 70)
    const points = [
      ...Array.from({ length: 5 }, (_, i) => point(i, HOME, { speedMps: 0, ignition: true })),
      ...Array.from({ length: 10 }, (_, i) => point(5 + i, aside, { speedMps: 0, ignition: true })),
      ...Array.from({ length: 5 }, (_, i) => point(15 + i, HOME, { speedMps: 0, ignition: true })),
    ]
    expect(feed(points).metres).toBe(0)
  })

  it("counts a U-turn between two fixes by the speeds, not the chord across it", () => {
    // 2 s east and 2 s back west at 12 m/s: 48 m driven, the fixes 0.5 m apart.
    const { metres } = feed([
      point(0, HOME, { speedMps: 12, ignition: true }),
      point(4, offsetM(HOME, 0, 0.5), { speedMps: 12, ignition: true }),
    ])
    expect(metres).toBeCloseTo(48, 6)
  })

  // Session 15 (urban_noise at 10–15 s): a fix thrown aside across the street (multipath) was
  // reached and left by the straight line on both sides: twice the detour of its sideways offset.
  it("counts a straight drive through multipath excursions aside within 0.5 % at 10 and 15 s", () => {
    const street = { lat: 43.238, lon: 76.889 }
    const episodes = [
      { fromS: 300, toS: 325, northM: 100, eastM: 0 },
      { fromS: 900, toS: 940, northM: -60, eastM: 60 },
      { fromS: 1500, toS: 1510, northM: 110, eastM: -30 },
    ]
    for (const intervalS of [10, 15]) {
      const points: GpsPoint[] = []
      for (let s = 0; s <= 1800; s += intervalS) {
        const aside = episodes.find((e) => s >= e.fromS && s < e.toS)
        const at = offsetM(street, aside?.northM ?? 0, 13 * s + (aside?.eastM ?? 0))
        points.push(point(s, at, { speedMps: 13, headingDeg: 90, ignition: true, hdop: aside ? 3 : 1 }))
      }
      const trueM = 13 * (points.length - 1) * intervalS
      const { metres } = feed(points)
      expect(Math.abs(metres - trueM) / trueM, `${intervalS} s: ${metres} m for ${trueM}`).toBeLessThan(0.005)
    }
  })

  it("does not count a fix thrown aside while standing at a light (10 s reports)", () => {
    const street = { lat: 43.238, lon: 76.889 }
    // 13 m/s for 100 s, brake to a stand over 10 s (65 m), 60 s at the light (the fix at 30 s is
    // 80 m across the street), pull away over 10 s (65 m), 13 m/s for 100 s.
    const plan: Array<[number, number]> = []
    let atM = 0
    for (let s = 0; s <= 100; s += 10) plan.push([s, 13])
    atM = 1300
    const points: GpsPoint[] = plan.map(([s, v]) =>
      point(s, offsetM(street, 0, 13 * s), { speedMps: v, headingDeg: 90, ignition: true }),
    )
    atM += 65
    for (let s = 110; s <= 170; s += 10)
      points.push(
        point(s, offsetM(street, s === 140 ? 80 : 0, atM), { speedMps: 0, headingDeg: 90, ignition: true }),
      )
    atM += 65
    for (let s = 180; s <= 280; s += 10)
      points.push(
        point(s, offsetM(street, 0, atM + 13 * (s - 180)), { speedMps: 13, headingDeg: 90, ignition: true }),
      )
    const trueM = atM + 1300
    const { metres } = feed(points)
    expect(Math.abs(metres - trueM) / trueM, `${metres} m for ${trueM}`).toBeLessThan(0.005)
  })

  describe("a town drive with stops, sampled at every reporting interval", () => {
    /**
     * A car on a straight street simulated second by second: pulls away at 2.5 m/s² to 14 m/s,
     * cruises, brakes at 3 m/s² to stand 15–40 s at a light, 25 times. Exact fixes and speeds,
     * so only the estimator errs; the true length is the sum of the 1 s trapezoids.
     */
    const townDrive = (intervalS: number, phaseS: number, noiseM = 0) => {
      const street = { lat: 43.238, lon: 76.889 }
      const speeds: number[] = []
      for (let cycle = 0; cycle < 25; cycle++) {
        for (let s = 0; s < 15 + ((cycle * 7) % 26); s++) speeds.push(0)
        let v = 0
        let cruiseS = 20 + ((cycle * 13) % 40)
        while (v < 14) {
          v = Math.min(14, v + 2.5)
          speeds.push(v)
        }
        while (cruiseS-- > 0) speeds.push(14)
        while (v > 0) {
          v = Math.max(0, v - 3)
          speeds.push(v)
        }
      }
      const points: GpsPoint[] = []
      const sampledAtM: number[] = []
      let drivenM = 0
      let previous = 0
      speeds.forEach((v, s) => {
        drivenM += (previous + v) / 2
        previous = v
        if ((s + phaseS) % intervalS !== 0) return
        // A wandering position error (periods of 37 and 23 s), as GPS drifts at a standstill.
        const fix = offsetM(street, noiseM * Math.sin(s / 37), drivenM + noiseM * Math.cos(s / 23))
        points.push(point(s, fix, { speedMps: v, ignition: true }))
        sampledAtM.push(drivenM)
      })
      // Driven between the first and the last report.
      return { points, trueM: (sampledAtM.at(-1) ?? 0) - (sampledAtM[0] ?? 0) }
    }

    for (const intervalS of [1, 10, 15, 30]) {
      it(`is within 0.5 % at ${intervalS} s`, () => {
        for (const phaseS of [0, 3, 7]) {
          const { points, trueM } = townDrive(intervalS, phaseS)
          const { metres } = feed(points)
          expect(Math.abs(metres - trueM) / trueM).toBeLessThan(0.005)
        }
      })
    }

    it("counts neither the wander at a light nor a jump to the wandered fix when pulling away (1 s)", () => {
      const { points, trueM } = townDrive(1, 0, 6)
      const { metres } = feed(points)
      expect(Math.abs(metres - trueM) / trueM).toBeLessThan(0.001)
    })
  })
})
