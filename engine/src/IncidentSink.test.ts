import type { OrgId, RaisedAlert, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { incidentsOf, isIncidentAlert } from "./IncidentSink.js"
import type { FuelLevelEvent } from "./rules/fuel/FuelLevelRule.js"

const orgId = "00000000-0000-4000-8000-000000000001" as OrgId
const vehicleId = "00000000-0000-4000-8000-000000000002" as VehicleId
const drain = (timeMs: number, litres: number): FuelLevelEvent => ({
  kind: "fuel_drop",
  timeMs,
  startMs: timeMs - 600_000,
  endMs: timeMs,
  lat: 43.2,
  lon: 76.9,
  fromL: 50,
  toL: 50 - litres,
  litres,
})
const alert = (type: string, details: Record<string, number>): RaisedAlert => ({
  orgId,
  vehicleId,
  type,
  key: "",
  severity: "critical",
  timeMs: 5_000,
  lat: 1,
  lon: 2,
  details,
})

describe("incidentsOf", () => {
  it("makes each drain its own incident with its own litres and a theft alert", () => {
    const got = incidentsOf({
      fuelEvents: [1_000, 2_000, 3_000].map((t, i) => ({ orgId, vehicleId, event: drain(t, 10 + i) })),
      alerts: [],
    })
    expect(got.map((i) => [i.kind, i.startMs, i.endMs, i.amount, i.unit, i.alert?.type])).toEqual([
      ["fuel_drop", -599_000, 1_000, 10, "l", "fuel_theft"],
      ["fuel_drop", -598_000, 2_000, 11, "l", "fuel_theft"],
      ["fuel_drop", -597_000, 3_000, 12, "l", "fuel_theft"],
    ])
  })

  it("takes a fuel event's own start and end when the rule gives them", () => {
    const event = { ...drain(9_000, 20), startMs: 4_000, endMs: 9_000 }
    const [got] = incidentsOf({ fuelEvents: [{ orgId, vehicleId, event }], alerts: [] })
    expect([got?.startMs, got?.endMs]).toEqual([4_000, 9_000])
  })

  it("keeps a fill an incident without an alert", () => {
    const fill: FuelLevelEvent = { ...drain(1_000, 30), kind: "fuel_fill", fromL: 10, toL: 40 }
    const [got] = incidentsOf({ fuelEvents: [{ orgId, vehicleId, event: fill }], alerts: [] })
    expect(got).toMatchObject({ kind: "fuel_fill", amount: 30, unit: "l", alert: null })
  })

  it("makes odometer faults incidents in metres (a mismatch in percent), and leaves conditions alone", () => {
    const got = incidentsOf({
      fuelEvents: [],
      alerts: [
        alert("odometer_rollback", { decreaseM: 20_000 }),
        alert("odometer_jump", { increaseM: 7_000 }),
        alert("odometer_mismatch", { diffPct: 12.5 }),
        alert("odometer_frozen", { gpsM: 3_100, startMs: 1_000, endMs: 5_000 }),
        alert("overspeed", { maxKmh: 130 }),
      ],
    })
    expect(got.map((i) => [i.kind, i.amount, i.unit, i.startMs, i.endMs, i.alert?.type])).toEqual([
      ["odometer_rollback", 20_000, "m", 5_000, 5_000, "odometer_rollback"],
      ["odometer_jump", 7_000, "m", 5_000, 5_000, "odometer_jump"],
      ["odometer_mismatch", 12.5, "pct", 5_000, 5_000, "odometer_mismatch"],
      ["odometer_frozen", 3_100, "m", 1_000, 5_000, "odometer_frozen"],
    ])
  })

  it("tells incident alerts from conditions that keep their deduplication", () => {
    expect(
      ["fuel_theft", "odometer_rollback", "odometer_frozen"].every((type) => isIncidentAlert({ type })),
    ).toBe(true)
    expect(
      ["overspeed", "low_battery", "dtc", "device_offline", "geofence_enter"].some((type) =>
        isIncidentAlert({ type }),
      ),
    ).toBe(false)
  })
})
