import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon } from "./rules/geo.js"
import { initialTripState, stepTrips, type TripEvent } from "./rules/trips/TripRule.js"
import {
  emptyOutput,
  initialVehicleRules,
  type RulesOutput,
  ruleConfigs,
  stepVehicleRules,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
  withSharedMileage,
} from "./VehicleRules.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 22, 40, 0)

/**
 * A night's work every 10 s across midnight: parked, a drive with turns (odometer reported on the
 * second half), a stop, a drive without fix for a while; a device clock stepping back, a few points
 * late and one repeated.
 */
const stream = (): TelemetryRecord[] => {
  const points: TelemetryRecord[] = []
  let at: LatLon = { lat: 43.24, lon: 76.9 }
  let odometerM = 120_000
  for (let i = 0; i < 900; i++) {
    const t = T0 + i * 10_000
    const parked = i < 40 || (i >= 400 && i < 460)
    const speedMps = parked ? 0 : 11 + (i % 7)
    if (!parked) {
      at = destinationPoint(at, Math.floor(i / 25) * 70, speedMps * 10)
      odometerM += speedMps * 10.4
    }
    const noFix = i >= 700 && i < 720
    // The device clock steps back a minute for six points (received at their pace).
    const clockStep = i >= 200 && i < 206 ? 60_000 : 0
    points.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: t - clockStep,
      receivedAtMs: t + 400,
      lat: at.lat,
      lon: at.lon,
      speedMps,
      headingDeg: (Math.floor(i / 25) * 70) % 360,
      ignition: !parked,
      satellites: noFix ? 0 : 9,
      hdop: noFix ? 99 : 0.9,
      fuelLevelPct: 80 - i * 0.02,
      batteryV: parked ? 12.4 : 14.1,
      ...(i >= 450 ? { odometerM: Math.round(odometerM) } : {}),
    })
  }
  // Late and repeated points: the mileage rule looks at them, the trip rule skips them.
  const late = points.splice(300, 3)
  points.splice(310, 0, ...late)
  points.splice(600, 0, points[590] as TelemetryRecord)
  return points
}

const profile: VehicleProfile = {
  ...unknownProfile,
  ...ruleConfigs({}),
  tankCapacityL: 60,
  speedLimitKmh: 50,
}

const run = (start: VehicleRulesState, points: ReadonlyArray<TelemetryRecord>) => {
  let state = start
  const out: RulesOutput = emptyOutput()
  const shared: boolean[] = []
  for (const r of points) {
    state = stepVehicleRules(state, r, out, profile)
    shared.push(state.trips.mileage === state.mileage)
  }
  return { state, out, shared }
}

const plain = (out: RulesOutput) => ({ ...out, days: [...out.days], driverDays: [...out.driverDays] })

describe("one mileage step for the mileage and trip rules", () => {
  it("derives exactly what two separate mileage states derive, late points included", () => {
    const points = stream()
    const shared = run(initialVehicleRules, points)
    // The trip rule's mileage state as its own copy: each rule steps its own, as before.
    const separate = run(
      {
        ...initialVehicleRules,
        trips: { ...initialVehicleRules.trips, mileage: structuredClone(initialVehicleRules.mileage) },
      },
      points,
    )
    expect(separate.shared.some((s) => s)).toBe(false)
    expect(shared.out.trips.length).toBeGreaterThan(0)
    expect(shared.out.days.size).toBe(2)
    expect(plain(shared.out)).toEqual(plain(separate.out))
    expect(JSON.stringify(shared.state)).toBe(JSON.stringify(separate.state))
    // Shared until the clock steps back (the trip rule skips those points, the mileage rule does not).
    expect(shared.shared.slice(0, 200).every((s) => s)).toBe(true)
    expect(shared.shared.slice(200).some((s) => !s)).toBe(true)
    // The trip rule on its own, stepping its own mileage: the same trips and the same state.
    let trips = initialTripState
    const events: TripEvent[] = []
    for (const r of points) {
      const step = stepTrips(trips, r, profile.trips)
      trips = step.state
      events.push(...step.events)
    }
    expect(shared.out.trips).toEqual(events)
    expect(JSON.stringify(shared.state.trips)).toBe(JSON.stringify(trips))
  })

  it("shares again a state read back from JSON when the two mileage states are equal", () => {
    const { state } = run(initialVehicleRules, stream().slice(0, 200))
    expect(state.trips.mileage).toBe(state.mileage)
    const read = JSON.parse(JSON.stringify(state)) as VehicleRulesState
    expect(read.trips.mileage).not.toBe(read.mileage)
    const again = withSharedMileage(read)
    expect(again.trips.mileage).toBe(again.mileage)
    expect(JSON.stringify(again)).toBe(JSON.stringify(state))
    // Different states stay apart.
    const apart = { ...read, trips: { ...read.trips, mileage: { ...read.mileage, totalM: 1 } } }
    expect(withSharedMileage(apart)).toBe(apart)
  })
})
