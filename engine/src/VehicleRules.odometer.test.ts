import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon } from "./rules/geo.js"
import {
  emptyOutput,
  initialVehicleRules,
  ruleConfigs,
  stepVehicleRules,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
} from "./VehicleRules.js"

/**
 * The vehicle's odometer (`estimatedOdometerM`, what the vehicles list, the maintenance planner and
 * its reminders read) goes on from the last value it could trust when the device's odometer is
 * rolled back or jumps: the device's value no longer says how far the vehicle has driven.
 */
const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2026, 10, 2, 8, 0, 0)
const profile: VehicleProfile = { ...unknownProfile, ...ruleConfigs({}) }

/** A straight drive at 15 m/s, a point every 10 s, the device's odometer from `odometer(i, driven)`. */
const drive = (
  n: number,
  odometer: (i: number, drivenM: number) => number | undefined,
): TelemetryRecord[] => {
  let at: LatLon = { lat: 43.24, lon: 76.9 }
  const points: TelemetryRecord[] = []
  for (let i = 0; i < n; i++) {
    if (i > 0) at = destinationPoint(at, 90, 150)
    const odometerM = odometer(i, i * 150)
    points.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: T0 + i * 10_000,
      receivedAtMs: T0 + i * 10_000 + 300,
      lat: at.lat,
      lon: at.lon,
      speedMps: 15,
      headingDeg: 90,
      ignition: true,
      satellites: 9,
      hdop: 0.9,
      ...(odometerM === undefined ? {} : { odometerM }),
    })
  }
  return points
}

const run = (points: ReadonlyArray<TelemetryRecord>, start: VehicleRulesState = initialVehicleRules) => {
  const out = emptyOutput()
  const estimates: Array<number | null> = []
  let state = start
  for (const r of points) {
    state = stepVehicleRules(state, r, out, profile)
    estimates.push(state.estimatedOdometerM ?? null)
  }
  return { state, out, estimates }
}

const START = 150_000_000 // 150,000 km

describe("the vehicle's odometer across a device's faulty odometer", () => {
  it("is the device's reading while the device's odometer is sound", () => {
    const points = drive(100, (_, driven) => START + driven)
    const { estimates } = run(points)
    expect(estimates).toEqual(points.map((p) => p.odometerM))
  })

  it("goes on from where it was by the distance driven when the odometer is rolled back", () => {
    // At point 50 the odometer is wound back by 100,000 km and then advances normally.
    const points = drive(100, (i, driven) => START + driven - (i >= 50 ? 100_000_000 : 0))
    const { estimates, out } = run(points)
    expect(out.alerts.some((a) => a.type === "odometer_rollback")).toBe(true)
    const before = estimates[49] as number
    expect(before).toBe(START + 49 * 150)
    // The rollback's own stretch counts what the GPS saw (about 150 m), then every advance counts.
    const last = estimates[99] as number
    expect(last).toBeGreaterThan(START + 99 * 150 - 50)
    expect(last).toBeLessThan(START + 99 * 150 + 50)
    // Never the rolled-back value.
    expect(estimates.every((e) => (e as number) >= START)).toBe(true)
  })

  it("does not take a jump, and follows the device again once it steps back", () => {
    const points = drive(100, (i, driven) => START + driven + (i >= 40 && i < 45 ? 2_000_000 : 0))
    const { estimates, out } = run(points)
    expect(out.alerts.some((a) => a.type === "odometer_jump")).toBe(true)
    for (const [i, e] of estimates.entries()) {
      expect(Math.abs((e as number) - (START + i * 150))).toBeLessThan(50)
    }
    // Back on the device's scale: the device's own reading again.
    expect(estimates[99]).toBe(points[99]?.odometerM)
  })

  it("keeps the correction through a snapshot read back from JSON", () => {
    const points = drive(100, (i, driven) => START + driven - (i >= 50 ? 100_000_000 : 0))
    const whole = run(points)
    const first = run(points.slice(0, 70))
    const resumed = run(points.slice(70), JSON.parse(JSON.stringify(first.state)) as VehicleRulesState)
    expect(resumed.estimates.at(-1)).toBe(whole.estimates.at(-1))
  })

  it("is not moved back by a late point", () => {
    const points = drive(60, (_, driven) => START + driven)
    const late = points.splice(30, 1)[0] as TelemetryRecord
    points.splice(40, 0, late)
    const { estimates } = run(points)
    expect(estimates[40]).toBe(estimates[39])
    expect(estimates.at(-1)).toBe(START + 59 * 150)
  })
})

describe("the vehicle's odometer set by a manual reading against the tracker's", () => {
  // A tracker that counts from its installation: 5,000 km on a vehicle that has done 150,000.
  const points = drive(100, (_, driven) => 5_000_000 + driven)
  const reading = (atIndex: number) => ({
    valueM: START,
    atMs: T0 + atIndex * 10_000 + 5_000,
    deviceOdometerM: 5_000_000 + atIndex * 150,
  })
  const runWith = (manual: VehicleProfile["manualReading"], from = points) => {
    const out = emptyOutput()
    let state: VehicleRulesState = initialVehicleRules
    const estimates: Array<number | null> = []
    for (const r of from) {
      state = stepVehicleRules(state, r, out, { ...profile, manualReading: manual })
      estimates.push(state.estimatedOdometerM ?? null)
    }
    return { state, estimates }
  }

  it("counts on from the reading by what the tracker counts", () => {
    const { estimates, state } = runWith(reading(40))
    expect(estimates[40]).toBe(points[40]?.odometerM)
    expect(estimates[41]).toBe(START + 150)
    expect(estimates[99]).toBe(START + 59 * 150)
    expect(state.odometerOffsetAtMs).toBe(reading(40).atMs)
  })

  it("takes a reading the engine learns of after it has passed the reading's time", () => {
    // The profile gains the reading at point 70 (a refresh after it was entered).
    const out = emptyOutput()
    let state: VehicleRulesState = initialVehicleRules
    for (const [i, r] of points.entries()) {
      state = stepVehicleRules(state, r, out, { ...profile, manualReading: i >= 70 ? reading(40) : null })
    }
    expect(state.estimatedOdometerM).toBe(START + 59 * 150)
  })

  it("does not take a reading from before a rollback on the tracker's old scale", () => {
    const rolled = drive(100, (i, driven) => 5_000_000 + driven - (i >= 60 ? 4_000_000 : 0))
    const out = emptyOutput()
    let state: VehicleRulesState = initialVehicleRules
    for (const [i, r] of rolled.entries()) {
      state = stepVehicleRules(state, r, out, { ...profile, manualReading: i >= 70 ? reading(40) : null })
    }
    // Carried on from the tracker's sound figure, not set from the reading against a wound-back one.
    expect(Math.abs((state.estimatedOdometerM as number) - (5_000_000 + 99 * 150))).toBeLessThan(50)
  })

  it("ignores a reading without the tracker's figure (entered for a time before its last point)", () => {
    const { estimates } = runWith({ valueM: START, atMs: T0 + 40 * 10_000, deviceOdometerM: null })
    expect(estimates[99]).toBe(points[99]?.odometerM)
  })
})
