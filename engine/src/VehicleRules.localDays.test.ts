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

const orgId = "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId
const vehicleId = "0b8d6c1a-3e2f-4a5b-8c7d-9e0f1a2b3c4d" as VehicleId
const deviceId = "imei-356938035643809" as DeviceId
const driverId = "a1f1c2a3-1111-4222-8333-000000000001"

const profileIn = (timeZone: string): VehicleProfile => ({
  ...unknownProfile,
  ...ruleConfigs({}),
  timeZone,
  assignments: [{ driverId, fromMs: 0, toMs: null }],
})

/** A drive at 15 m/s, a point every 10 s, from `fromMs` for `minutes`; continues from `at`. */
const drive = (
  fromMs: number,
  minutes: number,
  at: LatLon = { lat: 43.24, lon: 76.9 },
): TelemetryRecord[] => {
  const points: TelemetryRecord[] = []
  let here = at
  for (let i = 0; i <= (minutes * 60) / 10; i++) {
    points.push({
      orgId,
      vehicleId,
      deviceId,
      timeMs: fromMs + i * 10_000,
      receivedAtMs: fromMs + i * 10_000 + 300,
      lat: here.lat,
      lon: here.lon,
      speedMps: 15,
      headingDeg: 90,
      ignition: true,
      satellites: 9,
      hdop: 0.8,
    })
    here = destinationPoint(here, 90, 150)
  }
  return points
}

/**
 * Runs the points and keeps what `daily_mileage` and `daily_mileage_driver` would hold: the last
 * total written per day (running totals; a newer row replaces an older one).
 */
const run = (
  start: VehicleRulesState,
  points: ReadonlyArray<TelemetryRecord>,
  profile: VehicleProfile,
  table = { days: new Map<string, number>(), driverDays: new Map<string, number>() },
) => {
  let state = start
  for (const r of points) {
    const out = emptyOutput()
    state = stepVehicleRules(state, r, out, profile)
    for (const [day, m] of out.days) table.days.set(day, m)
    for (const [key, m] of out.driverDays) table.driverDays.set(key, m)
  }
  return { state, table }
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, v) => s + v, 0)
/** A snapshot's round trip: JSON in Postgres (vehicle_rule_state). */
const reloaded = (state: VehicleRulesState): VehicleRulesState => JSON.parse(JSON.stringify(state))

describe("daily mileage on the organisation's local days", () => {
  it("splits a drive across local midnight in Almaty (UTC+5) at 19:00 UTC", () => {
    // 23:30–00:30 local on the night of 6 to 7 December 2026.
    const { state, table } = run(
      initialVehicleRules,
      drive(Date.UTC(2026, 11, 6, 18, 30), 60),
      profileIn("Asia/Almaty"),
    )
    expect([...table.days.keys()]).toEqual(["2026-12-06", "2026-12-07"])
    // 180 segments of 150 m before midnight, 180 after (the one ending at 19:00:00 is the 7th's).
    expect(table.days.get("2026-12-06")).toBeCloseTo(179 * 150, -1)
    expect(table.days.get("2026-12-07")).toBeCloseTo(181 * 150, -1)
    expect(table.driverDays.get(`2026-12-07|${driverId}`)).toBe(table.days.get("2026-12-07"))
    expect(state.dayZone).toBe("Asia/Almaty")
    expect(sum(table.days)).toBeCloseTo(state.mileage.totalM, 6)
  })

  it("keeps UTC states as they were: no zone in the snapshot, UTC day keys", () => {
    const { state } = run(initialVehicleRules, drive(Date.UTC(2026, 11, 6, 18, 30), 60), profileIn("UTC"))
    expect(Object.keys(state.days)).toEqual(["2026-12-06"])
    expect(JSON.stringify(state)).not.toContain("dayZone")
  })

  /**
   * A snapshot written with UTC days (before local days: no `dayZone`), then the same vehicle under
   * its organisation's zone. What the table ends with counts every metre once.
   */
  const upgrade = (zone: string, beforeMs: number, afterMs: number) => {
    const first = drive(beforeMs, 30)
    const old = run(initialVehicleRules, first, profileIn("UTC"))
    expect(JSON.stringify(old.state)).not.toContain("dayZone")
    const last = first.at(-1) as TelemetryRecord
    const next = run(reloaded(old.state), drive(afterMs, 30, last), profileIn(zone), old.table)
    expect(sum(next.table.days)).toBeCloseTo(next.state.mileage.totalM, 6)
    expect(sum(next.table.driverDays)).toBeCloseTo(next.state.mileage.totalM, 6)
    expect(next.state.dayZone).toBe(zone)
    return { before: old.table.days.get(new Date(beforeMs).toISOString().slice(0, 10)) ?? 0, ...next }
  }

  it("carries the UTC day in progress into the same local day at the upgrade", () => {
    // Almaty: 07:00 and 09:00 local on the 7th, both on the UTC day 7th too.
    const { table, before, state } = upgrade(
      "Asia/Almaty",
      Date.UTC(2026, 11, 7, 2),
      Date.UTC(2026, 11, 7, 4),
    )
    expect([...table.days.keys()]).toEqual(["2026-12-07"])
    expect(table.days.get("2026-12-07")).toBeCloseTo(state.mileage.totalM, 6)
    expect(before).toBeGreaterThan(25_000)
    expect(state.days).toEqual({ "2026-12-07": table.days.get("2026-12-07") })
  })

  it("leaves the UTC day as written when the upgrade falls on the next local day", () => {
    // Almaty: UTC day 6th at 15:00 UTC; after the upgrade 20:00 UTC is 01:00 local on the 7th.
    const { table, before } = upgrade("Asia/Almaty", Date.UTC(2026, 11, 6, 15), Date.UTC(2026, 11, 6, 20))
    expect(table.days.get("2026-12-06")).toBe(before)
    expect(table.days.get("2026-12-07")).toBeGreaterThan(25_000)
  })

  it("moves a UTC day that is still yesterday locally back onto it (west of UTC)", () => {
    // New York: 01:00 UTC on the 7th is 20:00 on the 6th; the UTC row of the 7th goes to 0.
    const { table, state } = upgrade("America/New_York", Date.UTC(2026, 11, 7, 1), Date.UTC(2026, 11, 7, 2))
    expect(table.days.get("2026-12-07")).toBe(0)
    expect(table.days.get("2026-12-06")).toBeCloseTo(state.mileage.totalM, 6)
    expect(table.driverDays.get(`2026-12-07|${driverId}`)).toBe(0)
    expect(Object.keys(state.days)).toEqual(["2026-12-06"])
  })

  it("moves the running days when the organisation changes its zone", () => {
    const almaty = run(initialVehicleRules, drive(Date.UTC(2026, 11, 7, 17), 30), profileIn("Asia/Almaty"))
    expect(Object.keys(almaty.state.days)).toEqual(["2026-12-07"])
    // 19:00 UTC: the 8th in Almaty, still the 7th in Berlin (20:00) where the day goes on.
    const berlin = run(
      reloaded(almaty.state),
      drive(Date.UTC(2026, 11, 7, 19), 30),
      profileIn("Europe/Berlin"),
      almaty.table,
    )
    expect(berlin.state.dayZone).toBe("Europe/Berlin")
    expect(berlin.table.days.get("2026-12-07")).toBeCloseTo(berlin.state.mileage.totalM, 6)
    expect(sum(berlin.table.days)).toBeCloseTo(berlin.state.mileage.totalM, 6)
  })
})
