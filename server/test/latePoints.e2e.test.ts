import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import { type RunningFleetCore, startFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { abayDrive, type DrivePoint } from "./drive.js"
import {
  type ApiClient,
  DEMO_PASSWORD,
  eventually,
  login,
  type Provisioned,
  provision,
  publishPoints,
} from "./harness.js"

const HOUR = 3_600_000
/** Five minutes before a full hour, three hours ago: the hole crosses the hour (a checkpoint). */
const startMs = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR - 5 * 60_000

/** A GPS-only drive along Abay Avenue at 8 m/s (about 25 minutes), then parked. */
const drive = (): DrivePoint[] =>
  abayDrive({ startMs, speedMps: 8, noiseM: 4, parkedS: 300, seed: 7 }).points.map(
    ({ odometerM: _, ...p }) => p,
  )

const range = () =>
  `from=${new Date(startMs - HOUR).toISOString()}&to=${new Date(Date.now() + HOUR).toISOString()}`
const trips = async (api: ApiClient, vehicleId: string) =>
  (
    await api.call<{
      items: Array<{ startMs: number; endMs: number; distanceM: number; maxSpeedMps: number }>
    }>("GET", `/api/v1/vehicles/${vehicleId}/trips?${range()}`)
  ).body.items
const mileageKm = async (api: ApiClient, vehicleId: string) => {
  const from = new Date(startMs - 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
  return (
    await api.call<{ totalKm: number }>("GET", `/api/v1/vehicles/${vehicleId}/mileage?from=${from}&to=${to}`)
  ).body.totalKm
}

let dir: string
let fleet: RunningFleetCore
let admin: ApiClient
let lateCar: Provisioned | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetcore-late-"))
  fleet = await startFleetCoreFromTemplate(
    { dataDir: dir, demoAdminPassword: DEMO_PASSWORD, ruleSnapshotSeconds: 1 },
    process.env.FLEET_TEST_TEMPLATES,
  )
  admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  // 8 m/s is 28.8 km/h: both cars raise one overspeed alert, resolved when they park.
  expect((await admin.call("PUT", "/api/v1/settings", { overspeedLimitKmh: 20 })).status).toBe(200)
})
afterAll(async () => {
  await fleet?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe("late and out-of-order points", () => {
  it("re-derive trips, mileage and alerts as if the points had arrived in order; the live position is not rewound", async () => {
    const points = drive()
    const inOrder = await provision(admin, "late-in-order", "LATE 01")
    const late = await provision(admin, "late-blind-area", "LATE 02")
    lateCar = late
    await publishPoints(fleet, inOrder, points)
    const expected = await eventually(
      async () => {
        const t = await trips(admin, inOrder.vehicleId)
        return t.length === 1 ? t : undefined
      },
      30_000,
      "the in-order trip",
    )
    const expectedKm = await mileageKm(admin, inOrder.vehicleId)

    // A 10-minute blind area from just before the hour: the points after it arrive first.
    const hole = (p: DrivePoint) => p.timeMs >= startMs + 240_000 && p.timeMs < startMs + 860_000
    const ws = new WebSocket(`${fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`)
    const live: Array<{ timeMs: number }> = []
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as {
        type: string
        positions?: Array<{ vehicleId: string; timeMs: number }>
      }
      for (const p of m.positions ?? []) if (p.vehicleId === late.vehicleId) live.push(p)
    })
    await new Promise((resolve) => ws.once("open", resolve))
    await publishPoints(
      fleet,
      late,
      points.filter((p) => !hole(p)),
    )
    const newestMs = (points.at(-1) as DrivePoint).timeMs
    await eventually(
      async () => ((await trips(admin, late.vehicleId)).length === 2 ? true : undefined),
      30_000,
      "the trip split by the blind area",
    )
    await publishPoints(fleet, late, points.filter(hole))

    // Every batch of late points re-runs; the last one sees them all.
    const got = await eventually(
      async () => {
        const t = await trips(admin, late.vehicleId)
        return JSON.stringify(t) === JSON.stringify(expected) ? t : undefined
      },
      30_000,
      "the re-derived trip",
    )
    expect(got).toEqual(expected)
    expect(await mileageKm(admin, late.vehicleId)).toBeCloseTo(expectedKm, 3)

    const alerts = async (vehicleId: string) =>
      (
        await fleet.db.system.query<{ type: string; occurrences: number; status: string }>(
          "SELECT type, occurrences, status FROM alerts WHERE vehicle_id = $1 ORDER BY opened_at",
          [vehicleId],
        )
      ).rows
    expect(await alerts(late.vehicleId)).toEqual(await alerts(inOrder.vehicleId))
    expect((await alerts(late.vehicleId)).map((a) => a.type)).toEqual(["overspeed"])

    // The late points never moved the marker or "last seen" back.
    expect(live.length).toBeGreaterThan(0)
    expect(live.filter((p, i) => i > 0 && p.timeMs <= (live[i - 1] as { timeMs: number }).timeMs)).toEqual([])
    expect(live.filter((p) => hole(p as DrivePoint))).toEqual([])
    await eventually(
      async () => {
        const row = (
          await fleet.db.system.query<{ time: Date }>(
            "SELECT time FROM vehicle_state WHERE vehicle_id = $1",
            [late.vehicleId],
          )
        ).rows[0]
        return row?.time.getTime() === newestMs ? true : undefined
      },
      10_000,
      "last seen at the newest point",
    )
    ws.close()
  })

  it("a whole trip uploaded after the parked points that followed it is re-derived, as if in order", async () => {
    // Parked with the ignition off, a report every 5 minutes for an hour before and 40 minutes
    // after the drive; the tracker buffered the whole drive and uploads it once the parked
    // reports have resumed (session 13's quality run: a day at −17.6 %).
    const points = drive()
    const first = points[0] as DrivePoint
    const last = points.at(-1) as DrivePoint
    const parked = (at: DrivePoint, timeMs: number): DrivePoint => ({
      timeMs,
      lat: at.lat,
      lon: at.lon,
      speedMps: 0,
      ignition: false,
    })
    const before = Array.from({ length: 12 }, (_, i) => parked(first, startMs - (12 - i) * 300_000))
    const after = Array.from({ length: 8 }, (_, i) => parked(last, last.timeMs + (i + 1) * 300_000))
    const inOrder = await provision(admin, "late-parked-in-order", "LATE 03")
    const late = await provision(admin, "late-parked-blind", "LATE 04")
    await publishPoints(fleet, inOrder, [...before, ...points, ...after])
    const expected = await eventually(
      async () => {
        const t = await trips(admin, inOrder.vehicleId)
        return t.length === 1 ? t : undefined
      },
      30_000,
      "the in-order trip",
    )
    const expectedKm = await mileageKm(admin, inOrder.vehicleId)
    expect(expectedKm).toBeGreaterThan(5)
    await publishPoints(fleet, late, [...before, ...after])
    await eventually(
      async () => {
        const rows = await fleet.ch.query<{ n: string | number }>(
          "SELECT count() AS n FROM positions WHERE vehicle_id = {v:UUID}",
          { v: late.vehicleId },
        )
        return Number(rows[0]?.n) === before.length + after.length ? true : undefined
      },
      20_000,
      "the parked points stored",
    )
    expect(await trips(admin, late.vehicleId)).toEqual([])
    await publishPoints(fleet, late, points)
    const got = await eventually(
      async () => {
        const t = await trips(admin, late.vehicleId)
        return JSON.stringify(t) === JSON.stringify(expected) ? t : undefined
      },
      30_000,
      "the re-derived trip",
    )
    expect(got).toEqual(expected)
    expect(await mileageKm(admin, late.vehicleId)).toBeCloseTo(expectedKm, 3)
    // The trip's overspeed (8 m/s over a 20 km/h limit) is raised once, resolved, as in order.
    const alerts = async (vehicleId: string) =>
      (
        await fleet.db.system.query<{ type: string; occurrences: number; status: string; opened_at: Date }>(
          "SELECT type, occurrences, status, opened_at FROM alerts WHERE vehicle_id = $1 ORDER BY opened_at",
          [vehicleId],
        )
      ).rows
    const inOrderAlerts = await alerts(inOrder.vehicleId)
    expect(inOrderAlerts.map((a) => [a.type, a.occurrences, a.status])).toEqual([
      ["overspeed", 1, "resolved"],
    ])
    const lateAlerts = await eventually(
      async () => {
        const a = await alerts(late.vehicleId)
        return JSON.stringify(a) === JSON.stringify(inOrderAlerts) ? a : undefined
      },
      10_000,
      "the re-derived trip's alerts",
    )
    expect(lateAlerts).toEqual(inOrderAlerts)
  })

  it("checkpoints survive a restart: a trip uploaded after the parked points and a restart is re-derived, as if in order", async () => {
    // As above, but FleetCore restarts between the parked points and the upload: until session
    // 15 the holes and checkpoints lived only in memory, the restarted engine knew no hole, the
    // late trip was stored and ignored by the rules (no trip, no mileage).
    const points = drive()
    const first = points[0] as DrivePoint
    const last = points.at(-1) as DrivePoint
    const parked = (at: DrivePoint, timeMs: number): DrivePoint => ({
      timeMs,
      lat: at.lat,
      lon: at.lon,
      speedMps: 0,
      ignition: false,
    })
    const before = Array.from({ length: 12 }, (_, i) => parked(first, startMs - (12 - i) * 300_000))
    const after = Array.from({ length: 8 }, (_, i) => parked(last, last.timeMs + (i + 1) * 300_000))
    const inOrder = await provision(admin, "late-restart-in-order", "LATE 05")
    const late = await provision(admin, "late-restart-blind", "LATE 06")
    await publishPoints(fleet, inOrder, [...before, ...points, ...after])
    const expected = await eventually(
      async () => {
        const t = await trips(admin, inOrder.vehicleId)
        return t.length === 1 ? t : undefined
      },
      30_000,
      "the in-order trip",
    )
    const expectedKm = await mileageKm(admin, inOrder.vehicleId)
    await publishPoints(fleet, late, [...before, ...after])
    await eventually(
      async () => {
        const rows = await fleet.db.system.query<{ t: Date }>(
          "SELECT last_time AS t FROM vehicle_rule_state WHERE vehicle_id = $1",
          [late.vehicleId],
        )
        return rows.rows[0]?.t.getTime() === (after.at(-1) as DrivePoint).timeMs ? true : undefined
      },
      20_000,
      "the parked points' rule state snapshotted",
    )
    await fleet.stop()
    fleet = await startFleetCore({ dataDir: dir, demoAdminPassword: DEMO_PASSWORD, ruleSnapshotSeconds: 1 })
    admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    expect(await trips(admin, late.vehicleId)).toEqual([])
    await publishPoints(fleet, late, points)
    const got = await eventually(
      async () => {
        const t = await trips(admin, late.vehicleId)
        return JSON.stringify(t) === JSON.stringify(expected) ? t : undefined
      },
      30_000,
      "the trip re-derived after the restart",
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; trips: ${JSON.stringify(await trips(admin, late.vehicleId))}`)
    })
    expect(got).toEqual(expected)
    expect(await mileageKm(admin, late.vehicleId)).toBeCloseTo(expectedKm, 3)
  })

  it("after a restart, a late point does not move the marker or last seen back; one beyond the window is counted", async () => {
    const car = lateCar as Provisioned
    const lastSeen = async () =>
      (
        await fleet.db.system.query<{ time: Date }>("SELECT time FROM vehicle_state WHERE vehicle_id = $1", [
          car.vehicleId,
        ])
      ).rows[0]?.time.getTime()
    const before = await lastSeen()
    await fleet.stop()
    fleet = await startFleetCore({ dataDir: dir, demoAdminPassword: DEMO_PASSWORD, ruleSnapshotSeconds: 1 })
    admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const ws = new WebSocket(`${fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`)
    const live: Array<{ vehicleId: string; timeMs: number }> = []
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as { positions?: Array<{ vehicleId: string; timeMs: number }> }
      for (const p of m.positions ?? []) live.push(p)
    })
    await new Promise((resolve) => ws.once("open", resolve))
    const old = drive()[100] as DrivePoint
    await publishPoints(fleet, car, [{ ...old, timeMs: old.timeMs + 1 }])
    // Live positions go out right after their points are stored.
    await eventually(
      async () => {
        const rows = await fleet.ch.query<{ n: string | number }>(
          "SELECT count() AS n FROM positions WHERE vehicle_id = {v:UUID} AND time = fromUnixTimestamp64Milli({t:Int64}, 'UTC')",
          { v: car.vehicleId, t: old.timeMs + 1 },
        )
        return Number(rows[0]?.n) === 1 ? true : undefined
      },
      20_000,
      "the late point stored",
    )
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(live.filter((p) => p.vehicleId === car.vehicleId)).toEqual([])
    expect(await lastSeen()).toBe(before)

    // Seven hours behind the newest point: beyond the window, stored and counted, not re-derived.
    const beyondWindow = async () => {
      const text = await (await fetch(`${fleet.httpUrl}/metrics`)).text()
      return Number(/^fleet_rules_late_points_beyond_window_total (\d+)/mu.exec(text)?.[1] ?? 0)
    }
    expect(await beyondWindow()).toBe(0)
    const tripsBefore = await trips(admin, car.vehicleId)
    await publishPoints(fleet, car, [{ ...old, timeMs: old.timeMs - 7 * HOUR }])
    expect(
      await eventually(async () => ((await beyondWindow()) === 1 ? 1 : undefined), 20_000, "the count"),
    ).toBe(1)
    expect(await trips(admin, car.vehicleId)).toEqual(tripsBefore)
    expect(live.filter((p) => p.vehicleId === car.vehicleId)).toEqual([])
    ws.close()
  })
})
