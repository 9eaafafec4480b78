import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, haversineM, type LatLon, offsetM } from "../geo.js"
import { localDayKey } from "../localDay.js"
import { type DistanceEvent, initialMileageState, type MileageState, stepMileage } from "./MileageRule.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const HOME: LatLon = { lat: 52.52, lon: 13.405 }

type Extra = Partial<Omit<TelemetryRecord, "orgId" | "vehicleId" | "deviceId" | "timeMs" | "lat" | "lon">>
const rec = (timeMs: number, at: LatLon, extra: Extra = {}): TelemetryRecord => ({
  orgId,
  vehicleId,
  deviceId,
  timeMs,
  receivedAtMs: timeMs + 500,
  lat: at.lat,
  lon: at.lon,
  ...extra,
})

/** A straight drive: `n + 1` points `stepS` apart at `speedMps` along `bearing`. */
const drive = (from: LatLon, bearing: number, speedMps: number, stepS: number, n: number, t0 = T0) =>
  Array.from({ length: n + 1 }, (_, i) =>
    rec(t0 + i * stepS * 1000, destinationPoint(from, bearing, speedMps * stepS * i), {
      speedMps,
      ignition: true,
    }),
  )

const run = (records: ReadonlyArray<TelemetryRecord>, state: MileageState = initialMileageState) => {
  const events: DistanceEvent[] = []
  for (const r of records) {
    const step = stepMileage(state, r)
    state = step.state
    events.push(...step.events)
  }
  return { state, events }
}

/** Deterministic PRNG (mulberry32) and a standard normal from it (Box–Muller). */
const seeded = (seed: number) => {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

const last = <T>(xs: ReadonlyArray<T>): T => {
  const x = xs.at(-1)
  if (x === undefined) throw new Error("empty")
  return x
}

describe("MileageRule, GPS distance", () => {
  it("adds nothing for hundreds of jittering points while parked", () => {
    const rng = seeded(7)
    const jitter = (extra: Extra) =>
      Array.from({ length: 400 }, (_, i) =>
        rec(T0 + i * 15_000, offsetM(HOME, (rng.uniform() - 0.5) * 20, (rng.uniform() - 0.5) * 20), extra),
      )
    const parked = run(jitter({ speedMps: 0, ignition: false }))
    expect(parked.state.totalM).toBe(0)
    expect(parked.events).toEqual([])
    // A bare tracker reporting neither speed nor ignition is filtered the same way.
    expect(run(jitter({})).state.totalM).toBe(0)
  })

  it("measures a straight drive within 0.5 % of the great-circle length", () => {
    const route = drive(HOME, 60, 20, 10, 360)
    const truth = haversineM(route[0] as LatLon, last(route))
    expect(truth).toBeGreaterThan(70_000)
    const { state, events } = run(route)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.005)
    expect(events.reduce((s, e) => s + e.metres, 0)).toBeCloseTo(state.totalM, 6)
    expect(events.every((e) => e.source === "gps")).toBe(true)
  })

  it("ignores a single teleport fix and keeps measuring from the last good one", () => {
    const route = drive(HOME, 90, 15, 10, 100)
    const truth = haversineM(route[0] as LatLon, last(route))
    const glitched = route.map((r, i) => (i === 40 ? { ...r, ...offsetM(r, 5000, 0) } : r))
    const { state } = run(glitched)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.005)
    expect(state.gps.anchor).toMatchObject({ lat: last(route).lat, lon: last(route).lon })
  })

  it("accepts a relocation once three consistent fixes agree, without counting the jump", () => {
    const before = drive(HOME, 0, 15, 10, 30)
    const ferryStart = T0 + 400_000
    const far = destinationPoint(HOME, 180, 120_000)
    const after = drive(far, 270, 15, 10, 30, ferryStart)
    const truth = 15 * 10 * 30 * 2
    const { state } = run([...before, ...after])
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.005)
    expect(state.gps.candidates).toEqual([])
  })

  // Issue 10 (clock_skew): the device clock falls 120 s behind for 5 minutes; points arrive live.
  it("counts a drive across a device clock that steps back, by the server's receive times", () => {
    const route = drive(HOME, 90, 20, 10, 160)
    const skewed = route.map((r, i) => (i >= 60 && i < 90 ? { ...r, timeMs: r.timeMs - 120_000 } : r))
    const { state } = run(skewed)
    // Points the clock sends behind the newest are skipped; the distance they covered still counts.
    expect(state.totalM / (160 * 200)).toBeCloseTo(1, 2)
  })

  // Session 15 (clock_skew, GPS only): the points behind the step were skipped, and the straight
  // line from the last point before it to the first one past it cut the road.
  it("counts the path of the points behind a device clock step on a curved road", () => {
    const R = 400
    const centre = HOME
    for (const stepS of [1, 10]) {
      const n = 600 / stepS
      const route = Array.from({ length: n + 1 }, (_, i) =>
        rec(T0 + i * stepS * 1000, destinationPoint(centre, ((12 * stepS * i) / R) * (180 / Math.PI), R), {
          speedMps: 12,
          ignition: true,
        }),
      )
      const skewed = route.map((r) => {
        const t = r.timeMs - T0
        return t >= 200_000 && t < 500_000 ? { ...r, timeMs: r.timeMs - 120_000 } : r
      })
      const truth = 12 * 600
      expect(Math.abs(run(route).state.totalM - truth) / truth).toBeLessThan(0.005)
      const { state } = run(skewed)
      expect(Math.abs(state.totalM - truth) / truth, `${stepS} s`).toBeLessThan(0.005)
    }
  })

  it("counts 1 s points that network jitter delivered swapped as before: no clock step", () => {
    const route = drive(HOME, 60, 25, 1, 300)
    const swapped = route.map((r, i) => (i % 9 === 4 ? route[i + 1] : i % 9 === 5 ? route[i - 1] : r))
    const jittered = (swapped as TelemetryRecord[]).map((r, i) => ({
      ...r,
      receivedAtMs: T0 + i * 1000 + 900,
    }))
    const plain = route.filter((_, i) => i % 9 !== 4)
    expect(run(jittered).state.totalM).toBeCloseTo(run(plain).state.totalM, 6)
  })

  it("adds nothing for a buffered upload behind live points (the hole's straight line counted it)", () => {
    const route = drive(HOME, 90, 15, 10, 120)
    const hole = (r: TelemetryRecord) => r.timeMs >= T0 + 300_000 && r.timeMs < T0 + 600_000
    const live = route.filter((r) => !hole(r))
    const upload = route.filter(hole).map((r, i) => ({ ...r, receivedAtMs: T0 + 660_000 + i * 100 }))
    const delivered = [...live, ...upload].sort((a, b) => a.receivedAtMs - b.receivedAtMs)
    expect(run(delivered).state.totalM).toBe(run(live).state.totalM)
  })

  it("bridges a 10-minute gap while moving with the straight line", () => {
    const route = drive(HOME, 45, 20, 10, 180)
    const gapped = route.filter((r) => r.timeMs < T0 + 600_000 || r.timeMs >= T0 + 1_200_000)
    expect(gapped.length).toBeLessThan(route.length - 50)
    const truth = haversineM(route[0] as LatLon, last(route))
    const { state } = run(gapped)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.005)
  })

  it("is unchanged by duplicates and out-of-order points, by GPS or odometer", () => {
    const gpsRoute = drive(HOME, 120, 18, 5, 200)
    const odoRoute = gpsRoute.map((r, i) => ({ ...r, odometerM: 10_000 + i * 90 }))
    for (const route of [gpsRoute, odoRoute]) {
      const clean = run(route)
      const messy: TelemetryRecord[] = []
      route.forEach((r, i) => {
        messy.push(r)
        if (i % 7 === 0) messy.push({ ...r, receivedAtMs: r.receivedAtMs + 30_000 })
        const late = route[i - 3]
        if (i % 11 === 0 && late !== undefined) messy.push({ ...late, ...offsetM(late, 300, 300) })
      })
      const dirty = run(messy)
      expect(clean.state.totalM).toBeGreaterThan(17_000)
      expect(dirty.state.totalM).toBe(clean.state.totalM)
      expect(dirty.events).toEqual(clean.events)
    }
  })

  it("stays within 1 % of a winding route's length under seeded Gaussian noise", () => {
    const rng = seeded(20_250_602)
    const legs: ReadonlyArray<[bearing: number, points: number]> = [
      [10, 200],
      [95, 125],
      [170, 300],
      [250, 175],
      [320, 250],
    ]
    // A fix every 2 s at about 14 m/s: 28 m apart, noise σ 5 m on each axis, speed noise σ 0.2 m/s.
    const stepS = 2
    const records: TelemetryRecord[] = []
    let at = HOME
    let t = T0
    let truth = 0
    let naive = 0
    records.push(rec(t, at, { speedMps: 14, ignition: true, hdop: 1.1 }))
    for (const [bearing, points] of legs) {
      for (let i = 0; i < points; i++) {
        const speed = 14 + rng.normal() * 0.2
        const next = destinationPoint(at, bearing, speed * stepS)
        truth += haversineM(at, next)
        at = next
        t += stepS * 1000
        const noisy = rec(t, offsetM(at, rng.normal() * 5, rng.normal() * 5), {
          speedMps: speed + rng.normal() * 0.2,
          ignition: true,
          hdop: 1.1,
        })
        naive += haversineM(last(records), noisy)
        records.push(noisy)
      }
    }
    // Summing the noisy fixes would be several percent long.
    expect(naive / truth - 1).toBeGreaterThan(0.02)
    const { state } = run(records)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.01)
  })

  it("measures a sparse, speedless track under noise by straight lines within 1 %", () => {
    const rng = seeded(99)
    const route = drive(HOME, 200, 15, 20, 200).map((r) => {
      const { speedMps: _, ...rest } = r
      return { ...rest, ...offsetM(r, rng.normal() * 5, rng.normal() * 5) }
    })
    const truth = 15 * 20 * 200
    const { state } = run(route)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.01)
  })

  it("measures stop-and-go town driving reported every 10 s within 0.5 % (GPS only)", () => {
    // Second by second: pull away at 2.5 m/s² to 13 m/s, cruise 30 s, brake at 3 m/s², stand 20 s
    // at a light with the ignition on; the tracker reports every 10 s, 3 s out of phase.
    const speeds: number[] = []
    for (let light = 0; light < 30; light++) {
      for (let s = 1; s <= 6; s++) speeds.push(Math.min(13, s * 2.5))
      for (let s = 0; s < 30; s++) speeds.push(13)
      for (let s = 1; s <= 5; s++) speeds.push(Math.max(0, 13 - s * 3))
      for (let s = 0; s < 20; s++) speeds.push(0)
    }
    let drivenM = 0
    let previous = 0
    const records: TelemetryRecord[] = []
    const reportedAtM: number[] = []
    speeds.forEach((v, s) => {
      drivenM += (previous + v) / 2
      previous = v
      if ((s + 3) % 10 !== 0) return
      records.push(rec(T0 + s * 1000, offsetM(HOME, drivenM, 0), { speedMps: v, ignition: true }))
      reportedAtM.push(drivenM)
    })
    const truth = (reportedAtM.at(-1) ?? 0) - (reportedAtM[0] ?? 0)
    const { state } = run(records)
    expect(Math.abs(state.totalM - truth) / truth).toBeLessThan(0.005)
  })

  it("attributes a segment crossing midnight UTC to the later day", () => {
    const start = Date.UTC(2025, 5, 2, 23, 58, 0)
    const { events } = run(drive(HOME, 0, 20, 30, 8, start))
    const byDay = new Map<string, number>()
    for (const e of events) {
      const day = localDayKey("UTC", e.timeMs)
      byDay.set(day, (byDay.get(day) ?? 0) + e.metres)
    }
    // 23:58:00 … 00:02:00 in 30 s steps: 3 segments end on the 2nd; the one ending at 00:00:00
    // and the 4 after it on the 3rd.
    expect(byDay.get("2025-06-02")).toBeCloseTo(3 * 600, 0)
    expect(byDay.get("2025-06-03")).toBeCloseTo(5 * 600, 0)
  })
})

describe("MileageRule, odometer distance", () => {
  /** A vehicle whose GPS barely moves (e.g. a poor antenna) but whose odometer counts. */
  const withOdometer = (values: ReadonlyArray<number>, stepS = 30) =>
    values.map((odometerM, i) =>
      rec(T0 + i * stepS * 1000, offsetM(HOME, i * 3, 0), { speedMps: 12, ignition: true, odometerM }),
    )

  it("sums odometer deltas, not GPS distance", () => {
    const values = [120_000, 120_350, 120_700.5, 121_000, 121_000, 121_390]
    const { state, events } = run(withOdometer(values))
    expect(state.totalM).toBeCloseTo(1390, 6)
    expect(events.map((e) => e.metres)).toEqual([350, 350.5, 299.5, 390])
    expect(events.every((e) => e.source === "odometer")).toBe(true)
  })

  // Issue 10, finding 4: a flagged reading's stretch counts its GPS distance (3 m here), not 0.
  it("counts GPS for a rollback's stretch and follows the device from its new value", () => {
    const { state, events } = run(withOdometer([50_000, 50_300, 12_000, 12_000, 12_250]))
    expect(state.totalM).toBeCloseTo(553, 0)
    expect(events.map((e) => e.source)).toEqual(["odometer", "gps_odometer_flagged", "odometer"])
  })

  it("counts GPS for an implausible jump's stretch", () => {
    const { state } = run(withOdometer([50_000, 50_300, 9_050_300, 9_050_600]))
    expect(state.totalM).toBeCloseTo(603, 0)
  })

  it("recovers the distance across a single glitched reading, counting none twice", () => {
    const { state } = run(withOdometer([50_000, 50_300, 0, 50_900, 51_200]))
    expect(state.totalM).toBeCloseTo(1200, 6)
  })

  it("ignores a decrease within the tolerance instead of counting it back", () => {
    const { state } = run(withOdometer([50_000, 50_300, 50_290, 50_300, 50_600]))
    expect(state.totalM).toBeCloseTo(600, 6)
  })

  it("does not count twice when only some messages carry the odometer", () => {
    const route = drive(HOME, 0, 20, 10, 90).map((r, i) =>
      i % 3 === 0 ? { ...r, odometerM: 7_000_000 + i * 210 } : r,
    )
    const { state } = run(route)
    expect(state.totalM).toBeCloseTo(90 * 210, 6)
  })

  it("falls back to GPS once the odometer stops coming, and rebaselines when it returns", () => {
    const first = drive(HOME, 0, 20, 10, 10).map((r, i) => ({ ...r, odometerM: 1_000_000 + i * 200 }))
    const silentOdo = drive(last(first), 0, 20, 10, 120, last(first).timeMs).slice(1)
    const back = drive(last(silentOdo), 0, 20, 10, 10, last(silentOdo).timeMs)
      .slice(1)
      .map((r, i) => ({ ...r, odometerM: 5_000_000 + i * 200 }))
    const { state } = run([...first, ...silentOdo, ...back])
    // 10 × 200 by odometer, 120 × 200 by GPS, 1 × 200 by GPS up to the new baseline, 9 × 200 by odometer.
    expect(state.totalM / (140 * 200)).toBeCloseTo(1, 3)
  })
})
