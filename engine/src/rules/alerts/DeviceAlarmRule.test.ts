import {
  DEVICE_ALARM_ATTR,
  type DeviceId,
  deviceAlarmCode,
  type OrgId,
  type TelemetryRecord,
  type VehicleId,
} from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { emptyOutput, initialVehicleRules, stepVehicleRules } from "../../VehicleRules.js"
import { deviceAlarmOfPoint, deviceAlarmSeverity } from "./DeviceAlarmRule.js"

const T0 = Date.UTC(2026, 5, 1, 8)
const record = (atS: number, attrs?: Record<string, number>): TelemetryRecord => ({
  orgId: "0f000000-0000-4000-8000-000000000001" as OrgId,
  vehicleId: "0f000000-0000-4000-8000-000000000002" as VehicleId,
  deviceId: "gt06-1" as DeviceId,
  receivedAtMs: T0 + atS * 1000 + 300,
  timeMs: T0 + atS * 1000,
  lat: 43.25,
  lon: 76.95,
  satellites: 9,
  ...(attrs === undefined ? {} : { attrs }),
})

describe("device-reported alarms", () => {
  it("reads attrs.alarm by its code; no code, 0 or an unknown one is no alarm", () => {
    expect(deviceAlarmOfPoint({ [DEVICE_ALARM_ATTR]: deviceAlarmCode("sos") })).toBe("sos")
    expect(deviceAlarmOfPoint({ [DEVICE_ALARM_ATTR]: deviceAlarmCode("geofence_exit") })).toBe(
      "geofence_exit",
    )
    expect([deviceAlarmOfPoint(undefined), deviceAlarmOfPoint({}), deviceAlarmOfPoint({ alarm: 0 })]).toEqual(
      [null, null, null],
    )
    expect([deviceAlarmOfPoint({ alarm: 99 }), deviceAlarmOfPoint({ alarm: 1.5 })]).toEqual([null, null])
  })

  it("raise a device_alarm alert keyed by the alarm, critical for SOS, power cut and tamper", () => {
    const out = emptyOutput()
    let state = initialVehicleRules
    state = stepVehicleRules(state, record(0), out)
    state = stepVehicleRules(state, record(10, { alarm: deviceAlarmCode("sos"), gt06Alarm: 1 }), out)
    state = stepVehicleRules(state, record(20, { alarm: deviceAlarmCode("vibration") }), out)
    expect(out.alerts.map((a) => [a.type, a.key, a.severity, a.timeMs, a.details])).toEqual([
      ["device_alarm", "sos", "critical", T0 + 10_000, { alarm: "sos" }],
      ["device_alarm", "vibration", "warning", T0 + 20_000, { alarm: "vibration" }],
    ])
    expect(out.alerts[0]).toMatchObject({ lat: 43.25, lon: 76.95 })
    expect(out.cleared).toEqual([])
    expect(
      ["power_cut", "tamper", "overspeed", "low_battery"].map((a) => deviceAlarmSeverity(a as "sos")),
    ).toEqual(["critical", "critical", "warning", "warning"])
  })

  it("raise nothing for a duplicate or late point carrying an alarm", () => {
    const out = emptyOutput()
    let state = stepVehicleRules(initialVehicleRules, record(10, { alarm: deviceAlarmCode("sos") }), out)
    state = stepVehicleRules(state, record(10, { alarm: deviceAlarmCode("sos") }), out)
    stepVehicleRules(state, record(5, { alarm: deviceAlarmCode("power_cut") }), out)
    expect(out.alerts.map((a) => a.key)).toEqual(["sos"])
  })
})
