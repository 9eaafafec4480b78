import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { CheckpointBudget } from "./CheckpointBudget.js"
import { checkpointState, type LateTrack, newLateTrack, releaseAll } from "./lateTrack.js"
import { planLate, stepWithCheckpoints } from "./rederive.js"
import { destinationPoint, type LatLon } from "./rules/geo.js"
import { emptyOutput, initialVehicleRules, unknownProfile, type VehicleRulesState } from "./VehicleRules.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void
const heapAfterGc = (): number => {
  gc()
  gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const T0 = Date.UTC(2025, 5, 2, 6, 0, 0)

/**
 * One vehicle of a parked fleet: a 30-minute drive (10 s reports, odometer, fuel level, battery),
 * then parked a day with the ignition off, a report every 5 minutes.
 */
const parkedVehicle = (n: number): TelemetryRecord[] => {
  const vehicleId = `0b8d6c1a-3e2f-4a5b-8c7d-${n.toString(16).padStart(12, "0")}` as VehicleId
  const deviceId = `imei-${n}` as DeviceId
  let at: LatLon = { lat: 43.2 + n * 1e-4, lon: 76.9 }
  const points: TelemetryRecord[] = []
  const rec = (timeMs: number, speedMps: number, ignition: boolean, odometerM: number): TelemetryRecord => ({
    orgId,
    vehicleId,
    deviceId,
    timeMs,
    receivedAtMs: timeMs + 500,
    lat: at.lat,
    lon: at.lon,
    speedMps,
    ignition,
    satellites: 9,
    hdop: 0.9,
    odometerM,
    fuelLevelPct: 60 + ((timeMs / 1000) % 7) / 10,
    batteryV: ignition ? 14 : 12.5,
  })
  let t = T0
  let odometerM = 80_000_000
  for (let i = 0; i < 180; i++, t += 10_000, odometerM += 120) {
    points.push(rec(t, 12, true, odometerM))
    at = destinationPoint(at, Math.floor(i / 30) * 60, 120)
  }
  for (let i = 0; i < 288; i++, t += 300_000) points.push(rec(t, 0, false, odometerM))
  return points
}

const VEHICLES = 100

describe("checkpoint memory of a parked fleet", () => {
  it("is one or two deflated states per vehicle (measured: see docs/rules.md, late points)", {
    timeout: 120_000,
  }, () => {
    const budget = new CheckpointBudget(1_000_000)
    const tracks: LateTrack[] = []
    const states: VehicleRulesState[] = []
    for (let n = 0; n < VEHICLES; n++) {
      const late = newLateTrack(budget)
      let state = initialVehicleRules
      for (const r of parkedVehicle(n)) {
        const newest = state.lastTimeMs
        state = stepWithCheckpoints(late, state, r, emptyOutput(), unknownProfile)
        planLate(late, newest, [r])
      }
      tracks.push(late)
      states.push(state)
    }
    const kept = budget.size / VEHICLES
    expect(kept).toBeGreaterThanOrEqual(1)
    expect(kept).toBeLessThanOrEqual(2)
    const jsonBytes =
      tracks.reduce(
        (sum, t) => sum + t.checkpoints.reduce((s, c) => s + JSON.stringify(checkpointState(c)).length, 0),
        0,
      ) / budget.size
    const withCheckpoints = heapAfterGc()
    for (const t of tracks) {
      releaseAll(t)
      t.holes.length = 0
    }
    const without = heapAfterGc()
    const perVehicle = (withCheckpoints - without) / VEHICLES
    // The states the vehicles stand in stay either way; what checkpoints add is their own copy.
    expect(states.length).toBe(VEHICLES)
    expect(budget.size).toBe(0)
    expect(perVehicle).toBeGreaterThan(0)
    expect(perVehicle).toBeLessThan(16 * 1024)
    expect(jsonBytes).toBeLessThan(8 * 1024)
    process.stdout.write(
      `parked fleet: ${kept.toFixed(2)} checkpoints per vehicle, ${(perVehicle / 1024).toFixed(2)} KiB heap per vehicle, ${(jsonBytes / 1024).toFixed(2)} KiB JSON per checkpoint\n`,
    )
  })
})
