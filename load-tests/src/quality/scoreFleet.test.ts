import type { OrgId, RaisedAlert, VehicleId } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { checkGoals } from "./goals.js"
import type { LabelledTrace } from "./labels.js"
import type { RulesRun } from "./runRules.js"
import { scoreFleet } from "./scoreFleet.js"

const MIN = 60_000
const DAY = Date.UTC(2026, 2, 2)
const trace: LabelledTrace = {
  vehicleId: "v1",
  category: "theft_parked_drain",
  tracker: {
    reportsOdometer: true,
    tankCapacityL: 60,
    drivingIntervalS: 10,
    parkedIntervalS: 300,
    route: "urban",
  },
  records: [],
  days: [{ day: "2026-03-02", distanceM: 40_000, trips: 2, tripDistanceM: 40_000 }],
  trips: [
    { startMs: DAY + 60 * MIN, endMs: DAY + 90 * MIN, distanceM: 20_000 },
    { startMs: DAY + 150 * MIN, endMs: DAY + 190 * MIN, distanceM: 20_000 },
  ],
  events: [
    { kind: "theft_parked_drain", startMs: DAY + 100 * MIN, endMs: DAY + 105 * MIN, litres: 30 },
    { kind: "fill", startMs: DAY + 200 * MIN, endMs: DAY + 203 * MIN, litres: 40 },
    {
      kind: "odometer_rollback",
      startMs: DAY + 300 * MIN,
      endMs: DAY + 300 * MIN,
      within10KmMs: DAY + 330 * MIN,
    },
  ],
}
const trip = (startMin: number, endMin: number, distanceM: number) =>
  ({ startMs: DAY + startMin * MIN, endMs: DAY + endMin * MIN, distanceM }) as RulesRun["trips"][number]
const fuel = (kind: "fuel_drop" | "fuel_fill", atMin: number, litres: number) => ({
  kind,
  timeMs: DAY + atMin * MIN,
  startMs: DAY + atMin * MIN,
  endMs: DAY + atMin * MIN,
  driverId: null,
  lat: 0,
  lon: 0,
  fromL: 0,
  toL: 0,
  litres,
})
const alert = (type: string, atMin: number): RaisedAlert => ({
  orgId: "o" as OrgId,
  vehicleId: "v1" as VehicleId,
  type,
  key: "",
  severity: "critical",
  timeMs: DAY + atMin * MIN,
  lat: 0,
  lon: 0,
  details: {},
})
const run: RulesRun = {
  days: new Map([["2026-03-02", 39_600]]),
  // The second true trip comes out split in two: 12 km and 7.6 km.
  trips: [trip(60, 90, 20_000), trip(150, 165, 12_000), trip(170, 190, 7_600)],
  fuelEvents: [fuel("fuel_drop", 110, 28), fuel("fuel_drop", 500, 9), fuel("fuel_fill", 206, 38)],
  alerts: [alert("odometer_rollback", 305), alert("odometer_jump", 700)],
}

describe("scoreFleet", () => {
  it("computes mileage and trip errors per vehicle-day, and precision, recall and false alarms per kind", () => {
    const score = scoreFleet([{ trace, run, records: 0 }], ["theft_parked_drain"])
    const category = score.categories[0]
    expect(category?.category).toBe("theft_parked_drain")
    expect(category?.mileageErrorPct.median).toBeCloseTo(1, 6) // 39.6 km for 40 km
    expect(category?.mileageBiasPct).toBeCloseTo(-1, 6)
    expect([category?.truthTrips, category?.ruleTrips, category?.exactTripDaysPct]).toEqual([2, 3, 0])
    expect(category?.tripDistanceErrorPct.median).toBeCloseTo(1, 6)
    expect(category?.splitTrips).toBe(1)
    expect(category?.tripLengthErrorPct.max).toBeCloseTo(62, 6) // the longer-lasting part: 7.6 km of 20 km
    expect(category?.tripLengthErrorPct.median).toBeCloseTo(0, 6)
    const theft = score.events.find((e) => e.kind === "theft")
    expect([theft?.recall, theft?.precision, theft?.falseAlarms]).toEqual([1, 0.5, 1])
    expect(theft?.falseAlarmsPer1000VehicleDays).toBe(1000)
    expect(theft?.delayS.median).toBe(5 * 60)
    expect(score.events.find((e) => e.kind === "theft_parked_drain")?.amountRecall).toBe(1)
    expect(score.events.find((e) => e.kind === "fill")?.precision).toBe(1)
    const odometer = score.events.find((e) => e.kind === "odometer")
    expect([odometer?.recall, odometer?.precision]).toEqual([1, 0.5])
    expect(score.falseAlarmsByType).toEqual({
      "fuel_drop in theft_parked_drain": 1,
      "odometer_jump in theft_parked_drain": 1,
    })
  })

  it("breaks mileage down by source and reporting interval, splits gps_outage by source, and lists the worst days", () => {
    const gpsOnly = (vehicleId: string, category: LabelledTrace["category"], drivingIntervalS: number) => ({
      ...trace,
      vehicleId,
      category,
      tracker: { ...trace.tracker, reportsOdometer: false, drivingIntervalS },
      events: [],
    })
    const short = { ...run, days: new Map([["2026-03-02", 38_000]]), fuelEvents: [], alerts: [] }
    const score = scoreFleet(
      [
        { trace, run, records: 0 },
        { trace: gpsOnly("v2", "gps_outage", 10), run: short, records: 0 },
        { trace: gpsOnly("v3", "gps_outage", 30), run, records: 0 },
      ],
      ["theft_parked_drain", "gps_outage"],
    )
    const row = (name: string) => score.breakdown.find((c) => c.category === name)
    expect(score.breakdown.map((c) => [c.category, c.vehicleDays])).toEqual([
      ["gps only · 10 s", 1],
      ["gps only · 30 s", 1],
      ["odometer · 10 s", 1],
      ["gps_outage · gps only", 2],
    ])
    expect(row("gps only · 10 s")?.mileageBiasPct).toBeCloseTo(-5, 6)
    expect(row("gps_outage · gps only")?.mileageErrorPct.max).toBeCloseTo(5, 6)
    // No gps_outage day with an odometer here: no goal line for them.
    expect(checkGoals(score).some((g) => g.goal.includes("days with an odometer"))).toBe(false)
    expect(score.worstDays.map((w) => [w.vehicleId, w.intervalS, Math.round(w.signedPct)])).toEqual([
      ["v2", 10, -5],
      ["v1", 10, -1],
      ["v3", 30, -1],
    ])
  })

  it("judges gps_outage on its days with an odometer too", () => {
    const score = scoreFleet(
      [{ trace: { ...trace, category: "gps_outage" }, run, records: 0 }],
      ["gps_outage"],
    )
    const line = checkGoals(score).find((g) => g.goal.includes("gps_outage, days with an odometer"))
    expect([line?.actual, line?.met]).toEqual(["1.00%", false])
  })
})
