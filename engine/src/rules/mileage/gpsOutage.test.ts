import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon, offsetM } from "../geo.js"
import { initialMileageState, type MileageState, stepMileage } from "./MileageRule.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const START: LatLon = { lat: 43.238, lon: 76.945 }

type Extra = Partial<Omit<TelemetryRecord, "orgId" | "vehicleId" | "deviceId" | "timeMs" | "lat" | "lon">>
const rec = (timeMs: number, at: LatLon, extra: Extra = {}): TelemetryRecord => ({
  orgId,
  vehicleId,
  deviceId,
  timeMs,
  receivedAtMs: timeMs + 500,
  lat: at.lat,
  lon: at.lon,
  ignition: true,
  ...extra,
})

const run = (records: ReadonlyArray<TelemetryRecord>, state: MileageState = initialMileageState) => {
  const fixes: boolean[] = []
  for (const r of records) {
    const step = stepMileage(state, r)
    state = step.state
    fixes.push(step.fix)
  }
  return { totalM: state.totalM, fixes }
}

/**
 * 60 s at 20 m/s, `outageS` of the last fix repeated (speed 0, `noFix` extras), 60 s at 20 m/s
 * again: 2 400 m plus 20 m/s over the outage, along a straight road, one point a second.
 */
const tunnel = (outageS: number, noFix: Extra, valid: Extra = {}) => {
  const records: TelemetryRecord[] = []
  let at = START
  let t = T0
  for (let i = 0; i <= 60; i++, t += 1000, at = destinationPoint(at, 90, 20)) {
    records.push(rec(t, at, { speedMps: 20, ...valid }))
  }
  const lastFix = records.at(-1) as TelemetryRecord
  for (let i = 0; i < outageS - 1; i++, t += 1000, at = destinationPoint(at, 90, 20)) {
    records.push(rec(t, lastFix, { speedMps: 0, ...noFix }))
  }
  for (let i = 0; i <= 60; i++, t += 1000, at = destinationPoint(at, 90, 20)) {
    records.push(rec(t, at, { speedMps: 20, ...valid }))
  }
  return { records, truthM: 20 * (120 + outageS) }
}

describe("MileageRule across GPS outages", () => {
  it("bridges a tunnel where the tracker repeats its last fix at speed 0 (no satellite count)", () => {
    const { records, truthM } = tunnel(90, {})
    const { totalM, fixes } = run(records)
    expect(Math.abs(totalM - truthM)).toBeLessThan(20)
    expect(fixes.filter((f) => !f)).toHaveLength(89)
  })

  it("bridges a tunnel where the tracker reports 0 satellites", () => {
    const { records, truthM } = tunnel(90, { satellites: 0, hdop: 99 }, { satellites: 10, hdop: 0.8 })
    const { totalM, fixes } = run(records)
    expect(Math.abs(totalM - truthM)).toBeLessThan(20)
    expect(fixes.filter((f) => !f)).toHaveLength(89)
  })

  it("counts nothing from no-fix positions wandering in a garage", () => {
    const records = [rec(T0, START, { speedMps: 0, satellites: 9, hdop: 0.9 })]
    for (let i = 1; i <= 30; i++) {
      // Dead-reckoned or stale positions hundreds of metres off, with no satellites.
      const off = offsetM(START, (i % 7) * 80, (i % 5) * -90)
      records.push(rec(T0 + i * 10_000, off, { speedMps: 0, satellites: 0, hdop: 50 }))
    }
    records.push(rec(T0 + 310_000, START, { speedMps: 0, satellites: 9, hdop: 0.9 }))
    expect(run(records).totalM).toBe(0)
  })

  it("counts the odometer on no-fix samples", () => {
    const records: TelemetryRecord[] = []
    for (let i = 0; i <= 50; i++) {
      // 10 m a second on the odometer; no fix after the tenth second.
      records.push(
        rec(T0 + i * 1000, START, {
          speedMps: 0,
          odometerM: 1_000_000 + i * 10,
          ...(i > 10 ? { satellites: 0 } : { satellites: 8 }),
        }),
      )
    }
    expect(run(records).totalM).toBe(500)
  })

  it("adds nothing for a parked vehicle's identical fixes", () => {
    const records = Array.from({ length: 100 }, (_, i) =>
      rec(T0 + i * 60_000, START, { speedMps: 0, ignition: false }),
    )
    const { totalM, fixes } = run(records)
    expect(totalM).toBe(0)
    expect(fixes.every((f) => f)).toBe(true)
  })
})
