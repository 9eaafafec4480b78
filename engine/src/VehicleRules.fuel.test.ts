import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { emptyOutput, initialVehicleRules, stepVehicleRules, unknownProfile } from "./VehicleRules.js"

const T0 = Date.UTC(2026, 2, 2, 22)
const MIN = 60_000
const record = (atMin: number, fuelLevelPct: number): TelemetryRecord => ({
  orgId: "0f000000-0000-4000-8000-000000000001" as OrgId,
  vehicleId: "0f000000-0000-4000-8000-000000000002" as VehicleId,
  deviceId: "fuel-driver" as DeviceId,
  receivedAtMs: T0 + atMin * MIN + 500,
  timeMs: T0 + atMin * MIN,
  lat: 43.2,
  lon: 76.9,
  speedMps: 0,
  satellites: 9,
  ignition: false,
  fuelLevelPct,
})

describe("fuel events in the vehicle's rules", () => {
  it("name the driver assigned when the drain began, on the event and on its theft alert", () => {
    const profile = {
      ...unknownProfile,
      tankCapacityL: 60,
      assignments: [
        { driverId: "d-night", fromMs: T0 - 60 * MIN, toMs: T0 + 25 * MIN },
        { driverId: "d-day", fromMs: T0 + 25 * MIN, toMs: null },
      ],
    }
    const out = emptyOutput()
    let state = initialVehicleRules
    // Parked at 80 % (48 L), reported every 5 min; 30 L drained between minutes 20 and 30.
    for (let m = 0; m <= 60; m += 5)
      state = stepVehicleRules(state, record(m, m <= 20 ? 80 : 30), out, profile)
    expect(out.fuelEvents).toEqual([
      expect.objectContaining({
        kind: "fuel_drop",
        startMs: T0 + 20 * MIN,
        endMs: T0 + 25 * MIN,
        litres: 30,
        driverId: "d-night",
      }),
    ])
    expect(out.alerts.filter((a) => a.type === "fuel_theft")).toEqual([
      expect.objectContaining({ driverId: "d-night", details: expect.objectContaining({ litres: 30 }) }),
    ])
  })
})
