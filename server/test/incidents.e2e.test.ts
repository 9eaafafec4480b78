import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { raiseAlerts } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import {
  type ApiClient,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  login,
  type Provisioned,
  provision,
  publishPoints,
} from "./harness.js"

const HOUR = 3_600_000
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR

interface IncidentItem {
  id: string
  kind: string
  amount: number
  unit: string
  driverId: string | null
  startedAt: string
  alertId: string | null
  details: Record<string, number>
}
interface AlertItem {
  id: string
  type: string
  occurrences: number
  incidentId: string | null
  details: Record<string, number>
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-incidents-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Parked with the ignition off for `minutes`, one reading every 10 s at `pct` of the tank. */
const parked = (from: number, minutes: number, pct: number) =>
  Array.from({ length: minutes * 6 }, (_, i) => ({
    timeMs: from + i * 10_000,
    lat: 43.24,
    lon: 76.91,
    speedMps: 0,
    ignition: false,
    fuelLevelPct: pct,
  }))

/** A vehicle with a 60 L tank and a driver assigned since before the day. */
const tankWithDriver = async (device: string, plate: string): Promise<Provisioned & { driverId: string }> => {
  const v = await provision(admin, device, plate)
  const orgId = await demoOrgId(fleet)
  const type = await fleet.db.system.query<{ id: string }>(
    `INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km, tank_capacity_l) VALUES ($1, $2, 8, 60) RETURNING id`,
    [orgId, `Tank 60 ${device}`],
  )
  await fleet.db.system.query("UPDATE vehicles SET vehicle_type_id = $2 WHERE id = $1", [
    v.vehicleId,
    type.rows[0]?.id,
  ])
  const driver = await fleet.db.system.query<{ id: string }>(
    "INSERT INTO drivers (org_id, full_name) VALUES ($1, $2) RETURNING id",
    [orgId, `Driver of ${plate}`],
  )
  const driverId = driver.rows[0]?.id as string
  const assigned = await admin.call("POST", `/api/v1/vehicles/${v.vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(startMs - HOUR).toISOString(),
  })
  expect(assigned.status).toBe(201)
  return { ...v, driverId }
}

const incidentsOf = async (vehicleId: string) =>
  (
    await admin.call<{ items: IncidentItem[]; total: number }>(
      "GET",
      `/api/v1/incidents?vehicleId=${vehicleId}`,
    )
  ).body
const alertsOf = async (vehicleId: string) =>
  (await admin.call<{ items: AlertItem[] }>("GET", `/api/v1/alerts?vehicleId=${vehicleId}`)).body.items

describe("incidents", () => {
  it("makes three parked drains in one day three incidents and three alerts, each with its own litres, and a replay adds none", async () => {
    const v = await tankWithDriver("incidents-1", "INC 001")
    const t0 = startMs + HOUR
    // 54 L → 39 L → 24 L → 12 L: drains of 15, 15 and 12 litres, twenty minutes apart.
    await publishPoints(fleet, v, [
      ...parked(t0, 10, 90),
      ...parked(t0 + 20 * 60_000, 10, 65),
      ...parked(t0 + 40 * 60_000, 10, 40),
      ...parked(t0 + 60 * 60_000, 10, 20),
    ])
    // Three drains seen, however they are stored (merged, the old way, they are one alert × 3).
    await eventually(
      async () => {
        const seen = (await alertsOf(v.vehicleId)).reduce((n, a) => n + a.occurrences, 0)
        return seen >= 3 ? seen : undefined
      },
      20_000,
      "three drains",
    )
    await new Promise((r) => setTimeout(r, 500))
    const alerts = await alertsOf(v.vehicleId)
    expect(alerts.map((a) => [a.type, a.occurrences, a.details.litres]).sort()).toEqual([
      ["fuel_theft", 1, 12],
      ["fuel_theft", 1, 15],
      ["fuel_theft", 1, 15],
    ])
    const found = await incidentsOf(v.vehicleId)
    const incidents = [...found.items].sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    expect(incidents.map((i) => [i.kind, i.unit, i.amount])).toEqual([
      ["fuel_drop", "l", 15],
      ["fuel_drop", "l", 15],
      ["fuel_drop", "l", 12],
    ])
    expect(incidents.every((i) => i.driverId === v.driverId)).toBe(true)

    // Each alert names its incident, each incident its alert, and the alert keeps its own litres.
    for (const i of incidents) {
      const alert = alerts.find((a) => a.id === i.alertId)
      expect(alert?.incidentId).toBe(i.id)
      expect(alert?.details.litres).toBe(i.amount)
    }
    const one = await admin.call<IncidentItem>("GET", `/api/v1/incidents/${incidents[2]?.id}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({
      kind: "fuel_drop",
      amount: 12,
      details: { fromL: 24, toL: 12, litres: 12 },
    })

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const replayed = await admin.call("POST", `/api/v1/vehicles/${v.vehicleId}/replay`, {
      from: day(startMs),
      to: day(Date.now()),
    })
    expect(replayed.status).toBe(200)
    const after = await incidentsOf(v.vehicleId)
    expect(after.items.map((i) => i.id).sort()).toEqual(incidents.map((i) => i.id).sort())
    expect((await alertsOf(v.vehicleId)).map((a) => [a.id, a.occurrences]).sort()).toEqual(
      alerts.map((a) => [a.id, 1]).sort(),
    )
  })

  it("answers an unknown incident with 404, and filters by kind", async () => {
    const missing = await admin.call<{ error: { code: string } }>(
      "GET",
      "/api/v1/incidents/00000000-0000-4000-8000-000000000000",
    )
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe("FLEET_INCIDENT_NOT_FOUND")
    const fills = await admin.call<{ items: IncidentItem[] }>("GET", "/api/v1/incidents?kind=fuel_fill")
    expect(fills.status).toBe(200)
    expect(fills.body.items.every((i) => i.kind === "fuel_fill")).toBe(true)
  })

  it("keeps one alert for an overspeed that persists: a repeat counts an occurrence", async () => {
    const v = await provision(admin, "incidents-2", "INC 002")
    const orgId = (await demoOrgId(fleet)) as OrgId
    const raise = (timeMs: number) =>
      raiseAlerts(fleet.db.system, [
        {
          orgId,
          vehicleId: v.vehicleId as VehicleId,
          type: "overspeed",
          key: "",
          severity: "warning",
          timeMs,
          lat: 43.24,
          lon: 76.91,
          details: { limitKmh: 90, maxKmh: 120 },
        },
      ])
    await raise(startMs)
    await raise(startMs + 60_000)
    await raise(startMs + 120_000)
    const alerts = await alertsOf(v.vehicleId)
    expect(alerts.map((a) => [a.type, a.occurrences, a.incidentId])).toEqual([["overspeed", 3, null]])
    expect((await incidentsOf(v.vehicleId)).total).toBe(0)
  })
})
