import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type IncidentEvent, withdrawUnsupported, writeIncidents } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { abayDrive, type DrivePoint } from "./drive.js"
import { type ApiClient, DEMO_PASSWORD, eventually, login, provision, publishPoints } from "./harness.js"

const HOUR = 3_600_000
/** Five minutes before a full hour, three hours ago: the hole crosses the hour (a checkpoint). */
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR - 5 * 60_000
const holeFrom = startMs + 240_000
const holeTo = startMs + 860_000

/**
 * A GPS-only drive at 8 m/s (28.8 km/h, under the 35 km/h limit) in which the point just before a
 * 10-minute blind area and the one just after it read 13 m/s. Without the blind area's points the
 * two look like 10 minutes over the limit (an overspeed alert); with them, two single readings.
 */
const drive = (): DrivePoint[] =>
  abayDrive({ startMs, speedMps: 8, noiseM: 4, parkedS: 300, seed: 7 }).points.map(
    ({ odometerM: _, ...p }) =>
      p.timeMs === holeFrom - 1000 || p.timeMs === holeTo ? { ...p, speedMps: 13 } : p,
  )
const inHole = (p: DrivePoint) => p.timeMs >= holeFrom && p.timeMs < holeTo

interface AlertItem {
  id: string
  type: string
  status: string
  occurrences: number
  resolutionNote: string | null
}
interface HistoryItem {
  action: string
  actorId: string | null
  note: string | null
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-late-alerts-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const limit = await admin.call("PUT", "/api/v1/settings", {
    overspeedLimitKmh: 35,
    overspeedMinDurationS: 30,
  })
  expect(limit.status).toBe(200)
})
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

const alertsOf = async (vehicleId: string) =>
  (await admin.call<{ items: AlertItem[] }>("GET", `/api/v1/alerts?vehicleId=${vehicleId}`)).body.items
const historyOf = async (alertId: string) =>
  (await admin.call<{ items: HistoryItem[] }>("GET", `/api/v1/alerts/${alertId}/history`)).body.items

describe("alerts after late points", () => {
  it("withdraws an alert the late points no longer support, keeps one someone acknowledged with a note", async () => {
    const points = drive()
    // The live feed up to the first point after the blind area; the blind area's points come later.
    const live = points.filter((p) => p.timeMs <= holeTo && !inHole(p))
    const untouched = await provision(admin, "late-alert-untouched", "LATE 11")
    const acknowledged = await provision(admin, "late-alert-acked", "LATE 12")
    await Promise.all([publishPoints(fleet, untouched, live), publishPoints(fleet, acknowledged, live)])
    const raised = async (vehicleId: string) =>
      eventually(
        async () => {
          const items = await alertsOf(vehicleId)
          return items.length === 1 && items[0]?.status === "open" ? (items[0] as AlertItem) : undefined
        },
        30_000,
        "the overspeed alert across the blind area",
      )
    const first = await raised(untouched.vehicleId)
    const second = await raised(acknowledged.vehicleId)
    expect([first.type, second.type]).toEqual(["overspeed", "overspeed"])
    const ack = await admin.call("POST", `/api/v1/alerts/${second.id}/acknowledge`, {
      note: "Calling the driver",
    })
    expect(ack.status).toBe(200)

    const late = points.filter(inHole)
    await Promise.all([publishPoints(fleet, untouched, late), publishPoints(fleet, acknowledged, late)])

    const withdrawn = await eventually(
      async () => {
        const items = await alertsOf(untouched.vehicleId)
        return items[0]?.status === "resolved" ? items : undefined
      },
      30_000,
      "the alert withdrawn",
    )
    expect(withdrawn).toMatchObject([{ id: first.id, status: "resolved", occurrences: 1 }])
    expect(withdrawn[0]?.resolutionNote).toMatch(/not supported by late data/u)
    expect(await historyOf(first.id)).toMatchObject([{ action: "withdraw", actorId: null }])

    const kept = await eventually(
      async () => {
        const history = await historyOf(second.id)
        return history.length === 2 ? history : undefined
      },
      30_000,
      "the acknowledged alert's note",
    )
    expect(kept.map((h) => h.action)).toEqual(["acknowledge", "note"])
    expect(kept[1]?.note).toMatch(/kept because someone already acted on it/u)
    expect(await alertsOf(acknowledged.vehicleId)).toMatchObject([{ id: second.id, status: "acknowledged" }])

    // The withdrawal told nobody again: the one notification is the one of its opening.
    const events = await fleet.db.system.query<{ n: string }>(
      "SELECT count(*) AS n FROM notification_events WHERE alert_id = $1",
      [first.id],
    )
    expect(Number(events.rows[0]?.n)).toBe(1)
  })

  it("withdraws a theft and deletes its incident and a fill the re-run no longer finds; keeps an acknowledged theft and one found again", async () => {
    const car = await provision(admin, "late-incidents", "LATE 13")
    const org = (
      await fleet.db.system.query<{ org_id: string }>("SELECT org_id FROM vehicles WHERE id = $1", [
        car.vehicleId,
      ])
    ).rows[0]?.org_id as OrgId
    const hourAgo = Date.now() - HOUR
    const incident = (kind: "fuel_drop" | "fuel_fill", startMs: number): IncidentEvent => ({
      orgId: org,
      vehicleId: car.vehicleId as VehicleId,
      kind,
      startMs,
      endMs: startMs + 600_000,
      lat: 43.24,
      lon: 76.91,
      amount: 20,
      unit: "l",
      details: { litres: 20 },
      alert: kind === "fuel_drop" ? { type: "fuel_theft", severity: "critical" } : null,
    })
    const gone = incident("fuel_drop", hourAgo)
    const acted = incident("fuel_drop", hourAgo + 1_200_000)
    const again = incident("fuel_drop", hourAgo + 2_400_000)
    const fill = incident("fuel_fill", hourAgo + 3_000_000)
    await writeIncidents(fleet.db.system, [gone, acted, again, fill])
    const rows = async () =>
      (
        await fleet.db.system.query<{
          started_at: Date
          kind: string
          alert_id: string | null
          status: string | null
        }>(
          `SELECT i.started_at, i.kind, i.alert_id, a.status FROM incidents i LEFT JOIN alerts a ON a.id = i.alert_id
           WHERE i.vehicle_id = $1 ORDER BY i.started_at`,
          [car.vehicleId],
        )
      ).rows
    const before = await rows()
    const actedAlert = before[1]?.alert_id as string
    expect((await admin.call("POST", `/api/v1/alerts/${actedAlert}/acknowledge`, {})).status).toBe(200)

    // The re-run from a checkpoint before them all found only the third theft again.
    await writeIncidents(fleet.db.system, [again])
    const withdrawn = await withdrawUnsupported(
      fleet.db.system,
      { vehicleId: car.vehicleId, afterMs: hourAgo - 60_000 },
      { alerts: [], incidents: [again] },
    )
    expect(withdrawn.map((a) => a.id)).toEqual([before[0]?.alert_id])
    const after = await rows()
    expect(after.map((r) => [r.started_at.getTime(), r.status])).toEqual([
      [acted.startMs, "acknowledged"],
      [again.startMs, "open"],
    ])
    expect(after[1]?.alert_id).toBe(before[2]?.alert_id)
    const gone0 = (await admin.call<AlertItem>("GET", `/api/v1/alerts/${before[0]?.alert_id}`)).body
    expect(gone0).toMatchObject({ status: "resolved", occurrences: 1 })
    expect((await historyOf(actedAlert)).map((h) => h.action)).toEqual(["acknowledge", "note"])
    // A second re-run changes nothing more: no second note, nothing else withdrawn.
    await withdrawUnsupported(
      fleet.db.system,
      { vehicleId: car.vehicleId, afterMs: hourAgo - 60_000 },
      { alerts: [], incidents: [again] },
    )
    expect((await historyOf(actedAlert)).map((h) => h.action)).toEqual(["acknowledge", "note"])
    expect(await rows()).toEqual(after)
  })
})
