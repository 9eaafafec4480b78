import type { OrgId, RaisedAlert, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { type IncidentEvent, incidentsOf } from "./IncidentSink.js"
import { planReconcile, type StoredOutcome } from "./reconcileAlerts.js"

const orgId = "00000000-0000-4000-8000-000000000001" as OrgId
const vehicleId = "00000000-0000-4000-8000-000000000002" as VehicleId

const raised = (type: string, timeMs: number, key = ""): RaisedAlert => ({
  orgId,
  vehicleId,
  type,
  key,
  severity: "warning",
  timeMs,
  lat: null,
  lon: null,
  details: {},
})
const stored = (over: Partial<StoredOutcome>): StoredOutcome => ({
  alertId: "a1",
  incidentId: null,
  type: "overspeed",
  key: "",
  atMs: 10_000,
  status: "open",
  untouched: true,
  ...over,
})
const drain = (startMs: number): IncidentEvent[] =>
  incidentsOf({
    fuelEvents: [
      {
        orgId,
        vehicleId,
        event: {
          kind: "fuel_drop",
          timeMs: startMs + 600_000,
          startMs,
          endMs: startMs + 600_000,
          lat: 43.2,
          lon: 76.9,
          fromL: 50,
          toL: 20,
          litres: 30,
        },
      },
    ],
    alerts: [],
  })
const none = { alerts: [], incidents: [] }

describe("planReconcile", () => {
  it("withdraws an open alert nobody touched that the re-run no longer raises", () => {
    expect(planReconcile([stored({})], none)).toEqual({ withdraw: ["a1"], note: [], deleteIncidents: [] })
  })

  it("keeps an open alert the re-run raises again, even at another time (it is the same alert)", () => {
    const again = { alerts: [raised("overspeed", 12_000)], incidents: [] }
    expect(planReconcile([stored({})], again)).toEqual({ withdraw: [], note: [], deleteIncidents: [] })
  })

  it("keeps an alert someone acknowledged or assigned, with a note", () => {
    const acknowledged = stored({ status: "acknowledged", untouched: false })
    const assigned = stored({ alertId: "a2", untouched: false })
    expect(planReconcile([acknowledged, assigned], none)).toEqual({
      withdraw: [],
      note: ["a1", "a2"],
      deleteIncidents: [],
    })
  })

  it("tells alerts apart by type and key", () => {
    const fence = stored({ type: "geofence_enter", key: "f1" })
    const other = { alerts: [raised("geofence_enter", 10_000, "f2"), raised("geofence_exit", 10_000, "f1")] }
    expect(planReconcile([fence], { ...other, incidents: [] }).withdraw).toEqual(["a1"])
  })

  it("keeps an alert the rules resolved only when the re-run raises the same occurrence", () => {
    const cleared = stored({ status: "resolved" })
    const same = { alerts: [raised("overspeed", 10_000)], incidents: [] }
    const later = { alerts: [raised("overspeed", 50_000)], incidents: [] }
    expect(planReconcile([cleared], same).withdraw).toEqual([])
    expect(planReconcile([cleared], later).withdraw).toEqual(["a1"])
  })

  it("withdraws a theft the re-run no longer finds and deletes its incident; keeps one it finds again", () => {
    const theft = stored({ alertId: "t1", incidentId: "i1", type: "fuel_drop", atMs: 1_000_000 })
    expect(planReconcile([theft], none)).toEqual({ withdraw: ["t1"], note: [], deleteIncidents: ["i1"] })
    expect(planReconcile([theft], { alerts: [], incidents: drain(1_000_000) })).toEqual({
      withdraw: [],
      note: [],
      deleteIncidents: [],
    })
  })

  it("keeps a theft whose alert someone acted on (with a note), and deletes a fill without an alert", () => {
    const theft = stored({ alertId: "t1", incidentId: "i1", type: "fuel_drop", untouched: false })
    const fill = stored({ alertId: null, incidentId: "i2", type: "fuel_fill", status: null })
    expect(planReconcile([theft, fill], none)).toEqual({
      withdraw: [],
      note: ["t1"],
      deleteIncidents: ["i2"],
    })
  })

  it("does not take a theft's re-derived alert for a condition alert", () => {
    const theftAlert = { ...raised("fuel_theft", 10_000), severity: "critical" as const }
    expect(
      planReconcile([stored({ type: "fuel_theft" })], { alerts: [theftAlert], incidents: [] }).withdraw,
    ).toEqual(["a1"])
  })
})
