import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { destinationPoint, type LatLon } from "../geo.js"
import {
  initialOdometerIntegrityState,
  type OdometerAlert,
  stepOdometerIntegrity,
} from "./OdometerIntegrityRule.js"

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const T0 = Date.UTC(2026, 2, 2, 6, 0, 0)
/** A tracker reporting every 15 s at 15 m/s, with an exact odometer. */
const STEP_S = 15
const SPEED = 15

const record = (timeMs: number, at: LatLon, odometerM: number): TelemetryRecord => ({
  orgId,
  vehicleId,
  deviceId,
  timeMs,
  receivedAtMs: timeMs + 1000,
  ...at,
  speedMps: SPEED,
  ignition: true,
  hdop: 0.9,
  odometerM,
})

/**
 * 6 km north, then a silence of `silenceS` in which the vehicle drives half of it south and
 * half back north (a U-turn: the straight line across the silence is ~0 m), then 3 km north.
 */
const uTurnInSilence = (silenceS: number): TelemetryRecord[] => {
  const out: TelemetryRecord[] = []
  let at: LatLon = { lat: 43.2, lon: 76.9 }
  let t = T0
  let odo = 247_000_000
  const leg = (steps: number) => {
    for (let i = 0; i < steps; i++) {
      at = destinationPoint(at, 0, SPEED * STEP_S)
      t += STEP_S * 1000
      odo += SPEED * STEP_S
      out.push(record(t, at, odo))
    }
  }
  out.push(record(t, at, odo))
  leg(27)
  t += silenceS * 1000
  odo += SPEED * silenceS
  out.push(record(t, at, odo))
  leg(14)
  return out
}

const alerts = (records: ReadonlyArray<TelemetryRecord>) => {
  let state = initialOdometerIntegrityState
  const events: OdometerAlert[] = []
  for (const r of records) {
    const step = stepOdometerIntegrity(state, r)
    state = step.state
    events.push(...step.events)
  }
  return events.map((e) => e.kind)
}

describe("odometer comparisons across a silence", () => {
  // The quality run's late_upload false alarms: while a blind-area buffer was still uploading, a
  // re-run saw 105 s and 120 s without points across a U-turn; the straight line under-read the
  // road and two `odometer_mismatch` alerts were raised for an exact odometer.
  it.each([105, 120])("leaves out a %i s silence of a 15 s tracker (a U-turn hides in it)", (silenceS) => {
    expect(alerts(uTurnInSilence(silenceS))).toEqual([])
  })

  it("still compares a tracker's regular 30 s reports", () => {
    // The odometer reads 30 % short: tampering, reported at a steady 30 s interval.
    let at: LatLon = { lat: 43.2, lon: 76.9 }
    let odo = 100_000_000
    const records: TelemetryRecord[] = []
    for (let i = 0; i <= 40; i++) {
      if (i > 0) {
        at = destinationPoint(at, 0, SPEED * 30)
        odo += SPEED * 30 * 0.7
      }
      records.push(record(T0 + i * 30_000, at, Math.round(odo)))
    }
    expect(alerts(records)).toContain("odometer_mismatch")
  })
})
