import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon } from "../geo.js"
import { flushTrips, initialTripState, stepTrips, type TripEvent, type TripState } from "./TripRule.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const STEP_S = 10

interface Options {
  readonly withSpeed?: boolean
  readonly withFuel?: boolean
}

/** Builds one vehicle's telemetry, a point every STEP_S seconds, starting parked at T0. */
const script = ({ withSpeed = true, withFuel = false }: Options = {}) => {
  const records: TelemetryRecord[] = []
  let at: LatLon = { lat: 48.137, lon: 11.575 }
  let t = T0
  let fuel = 100
  const push = (speedMps: number, ignition: boolean) =>
    records.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: t,
      receivedAtMs: t + 800,
      lat: at.lat,
      lon: at.lon,
      ignition,
      // Stops here are instant: the moving fix's exact position at speed 0, which from a tracker
      // reporting no satellite count is the sign of a lost fix (see fixValidity). This one has a fix.
      satellites: 9,
      ...(withSpeed ? { speedMps } : {}),
      ...(withFuel ? { fuelUsedL: fuel } : {}),
    })
  push(0, false)
  const s = {
    records,
    /** `steps` points moving at `speedMps`, each burning 0.01 L. */
    drive(steps: number, speedMps: number, bearing = 30) {
      for (let i = 0; i < steps; i++) {
        t += STEP_S * 1000
        at = destinationPoint(at, bearing, speedMps * STEP_S)
        fuel += 0.01
        push(speedMps, true)
      }
      return s
    },
    /** `steps` points standing still; with the ignition on each burns 0.001 L. */
    stand(steps: number, ignition: boolean) {
      for (let i = 0; i < steps; i++) {
        t += STEP_S * 1000
        if (ignition) fuel += 0.001
        push(0, ignition)
      }
      return s
    },
    silence(seconds: number) {
      t += seconds * 1000 - STEP_S * 1000
      return s
    },
  }
  return s
}

const run = (records: ReadonlyArray<TelemetryRecord>, state: TripState = initialTripState) => {
  const events: TripEvent[] = []
  for (const r of records) {
    const step = stepTrips(state, r)
    state = step.state
    events.push(...step.events)
  }
  return { state, events }
}

const at = (i: number) => T0 + i * STEP_S * 1000

describe("TripRule", () => {
  it("keeps traffic-light stops inside one trip, with correct statistics", () => {
    const { records } = script({ withFuel: true })
      .drive(30, 12)
      .stand(6, true)
      .drive(30, 20)
      .stand(9, true)
      .drive(18, 15)
      .stand(60, false)
    const { events, state } = run(records)
    expect(events).toHaveLength(1)
    const trip = events[0] as TripEvent
    // Starts at the parked point before moving; ends at the first point of the final stop.
    expect(trip.startMs).toBe(T0)
    expect(trip.endMs).toBe(at(94))
    expect(trip.durationS).toBe(940)
    expect(trip.distanceM).toBeCloseTo(30 * 120 + 30 * 200 + 18 * 150, 3)
    expect(trip.maxSpeedMps).toBe(20)
    // Moving: 78 segments ending in motion and 3 arrivals; idle: 5 + 8 segments at the lights.
    expect(trip.avgSpeedMps).toBeCloseTo(12_300 / 810, 6)
    expect(trip.idleS).toBe(130)
    expect(trip.fuelUsedL).toBeCloseTo(78 * 0.01 + 15 * 0.001, 9)
    expect(trip.endLat).toBe(records[94]?.lat)
    expect(trip.startLon).toBe(records[0]?.lon)
    expect(state.trip).toBeNull()
  })

  it("never reports an average speed above the maximum when reported speeds lag the distance covered", () => {
    // The device says 25 m/s while the positions cover 32 m/s (a speed sensor reading low).
    const { records } = script().drive(40, 32).stand(60, false)
    const lagging = records.map((r) =>
      r.speedMps !== undefined && r.speedMps > 0 ? { ...r, speedMps: 25 } : r,
    )
    const trip = run(lagging).events[0] as TripEvent
    // 39 segments of 320 m, and the arrival (moving, then standing) counted as moving time. The
    // first segment, 320 m in 10 s from standing, is beyond 4 m/s² (GpsDistance's speed band):
    // the speeds' 125 m count.
    expect(trip.avgSpeedMps).toBeCloseTo((39 * 320 + 125) / 410, 3)
    expect(trip.maxSpeedMps).toBe(trip.avgSpeedMps)
  })

  it("splits two trips at a 10-minute stop with the ignition off", () => {
    const { records } = script().drive(30, 15).stand(60, false).drive(30, 15).stand(30, false)
    const { events } = run(records)
    expect(events.map((e) => [e.startMs, e.endMs])).toEqual([
      [T0, at(31)],
      [at(90), at(121)],
    ])
    expect(events.map((e) => Math.round(e.distanceM))).toEqual([4500, 4500])
    expect(events.every((e) => e.fuelUsedL === null && e.idleS === 0)).toBe(true)
  })

  it("keeps one trip when the device clock steps forward during a short stop (clock_skew)", () => {
    // 230 s behind, points arriving live every 10 s; at a 20 s traffic light the clock is corrected.
    const { records } = script().drive(30, 15).stand(2, true).drive(30, 15).stand(30, false)
    const stepAt = 33
    const behindMs = 230_000
    const skewed = records.map((r, i) => (i < stepAt ? { ...r, timeMs: r.timeMs - behindMs } : r))
    const { events } = run(skewed)
    expect(events).toHaveLength(1)
    expect(events[0]?.startMs).toBe(T0 - behindMs)
    expect(Math.round(events[0]?.distanceM ?? 0)).toBe(9000)
    // The step is no time spent: 10 s idle at the light (the rest of it is arriving and leaving).
    expect(events[0]?.idleS).toBe(10)
  })

  it("still ends a trip at a real long stop uploaded from the tracker's buffer in one burst", () => {
    const { records } = script().drive(30, 15).stand(25, true).drive(30, 15).stand(30, false)
    // Everything after the first drive arrives within two seconds, long after it was recorded.
    const burstMs = (records.at(-1)?.timeMs ?? 0) + 5_000
    const buffered = records.map((r, i) => (i > 30 ? { ...r, receivedAtMs: burstMs + i } : r))
    const { events } = run(buffered)
    expect(events).toHaveLength(2)
  })

  it("ends a trip at a long stop even with the engine idling", () => {
    const { events } = run(script().drive(30, 15).stand(25, true).drive(30, 15).stand(30, false).records)
    expect(events).toHaveLength(2)
    expect(events[0]?.idleS).toBe(0)
  })

  it("drops a trip shorter than the minimum duration", () => {
    expect(run(script().drive(4, 10).stand(30, false).records).events).toEqual([])
    expect(run(script().drive(6, 10).stand(30, false).records).events).toHaveLength(1)
  })

  it("ends a trip at the last point before a long gap", () => {
    const { records } = script()
      .drive(30, 15)
      .silence(20 * 60)
      .drive(30, 15)
      .stand(30, false)
    const { events } = run(records)
    expect(events.map((e) => [e.startMs, e.endMs])).toEqual([
      [T0, at(30)],
      [at(30) + 20 * 60_000, at(60) + 20 * 60_000],
    ])
    // The second trip starts at the first point after the gap: nothing before it is counted.
    expect(events.map((e) => Math.round(e.distanceM))).toEqual([4500, 29 * 150])
  })

  it("creates no extra trips from duplicates and out-of-order points", () => {
    const { records } = script().drive(30, 15).stand(60, false).drive(30, 15).stand(30, false)
    const clean = run(records).events
    const messy: TelemetryRecord[] = []
    records.forEach((r, i) => {
      messy.push(r)
      if (i % 5 === 0) messy.push({ ...r, receivedAtMs: r.receivedAtMs + 10_000 })
      const late = records[i - 4]
      if (i % 9 === 0 && late !== undefined) messy.push({ ...late, speedMps: 30, ignition: true })
    })
    expect(run(messy).events).toEqual(clean)
  })

  it("detects trips from position alone when the device reports no speed", () => {
    const { records } = script({ withSpeed: false })
      .drive(30, 15)
      .stand(60, false)
      .drive(30, 15)
      .stand(30, false)
    const { events } = run(records)
    expect(events).toHaveLength(2)
    expect(events[0]?.maxSpeedMps).toBeCloseTo(15, 6)
    expect(events[0]?.distanceM).toBeCloseTo(4500, 3)
  })

  it("flushes an open trip only after the vehicle is silent for longer than maxGapS", () => {
    const { records } = script().drive(30, 15)
    const { state, events } = run(records)
    expect(events).toEqual([])
    const lastReceived = (records.at(-1) as TelemetryRecord).receivedAtMs
    expect(flushTrips(state, lastReceived + 600_000).events).toEqual([])
    const flushed = flushTrips(state, lastReceived + 600_001)
    expect(flushed.events.map((e) => [e.startMs, e.endMs])).toEqual([[T0, at(30)]])
    expect(flushed.state.trip).toBeNull()
    expect(flushTrips(flushed.state, lastReceived + 900_000).events).toEqual([])
  })

  it("keeps its state JSON-serialisable", () => {
    const { state } = run(script({ withFuel: true }).drive(30, 15).stand(3, true).records)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })
})
