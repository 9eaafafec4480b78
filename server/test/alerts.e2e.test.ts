import { checkOffline, raiseAlerts } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"

let h: Harness
let admin: ApiClient
const t0 = Date.now() - 2 * 3_600_000

const publish = (device: Provisioned, points: ReadonlyArray<unknown>) =>
  publishPoints(h.fleet, device, points)
const alertsOf = async (vehicleId: string) =>
  (
    await admin.call<{
      items: Array<{
        type: string
        key: string
        status: string
        details: Record<string, unknown>
        subjectName: string | null
      }>
    }>("GET", `/api/v1/alerts?vehicleId=${vehicleId}`)
  ).body.items
const settle = () => new Promise((r) => setTimeout(r, 700))
/** Points once a second along a line east from (43.2, 76.9). */
const line = (n: number, point: (i: number) => Record<string, unknown>) =>
  Array.from({ length: n }, (_, i) => ({
    timeMs: t0 + i * 1000,
    lat: 43.2,
    lon: 76.9 + i * 0.0002,
    ignition: true,
    ...point(i),
  }))

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

describe("alert rules on the real path", () => {
  it("raises overspeed once after the minimum duration, at the organisation's limit, and audits the setting", async () => {
    const put = await admin.call("PUT", "/api/v1/settings", {
      overspeedLimitKmh: 90,
      overspeedMinDurationS: 30,
      timezone: "Asia/Almaty",
    })
    expect(put.status).toBe(200)
    expect((await admin.call("PUT", "/api/v1/settings", { timezone: "Mars/Olympus" })).body).toMatchObject({
      error: { field: "timezone" },
    })
    const audit = await h.fleet.db.system.query<{ old_values: object; new_values: object }>(
      "SELECT old_values, new_values FROM audit_log WHERE action = 'settings.update' ORDER BY id",
    )
    expect(audit.rows[0]).toMatchObject({
      old_values: { overspeedLimitKmh: null },
      new_values: { overspeedLimitKmh: 90 },
    })

    const v = await provision(admin, "alert-speed", "ALR 001")
    // 20 s at 110 km/h (too short), 60 s at 60, then 45 s at 120 (one alert), then slow again.
    const kmh = (i: number) => (i < 20 ? 110 : i < 80 ? 60 : i < 125 ? 120 : 50)
    await publish(
      v,
      line(160, (i) => ({ speedMps: kmh(i) / 3.6 })),
    )
    const alerts = await eventually(
      async () => {
        const a = await alertsOf(v.vehicleId)
        return a.length > 0 ? a : undefined
      },
      10_000,
      "overspeed",
    )
    await settle()
    expect((await alertsOf(v.vehicleId)).map((a) => a.type)).toEqual(["overspeed"])
    expect(alerts[0]?.details).toMatchObject({ limitKmh: 90, maxKmh: 120 })
    // Speed back under the limit for 10 s resolves it.
    expect((await alertsOf(v.vehicleId))[0]?.status).toBe("resolved")
  })

  it("raises geofence enter only after the dwell time", async () => {
    const fence = await admin.call<{ id: string }>("POST", "/api/v1/geofences", {
      name: "Depot",
      kind: "circle",
      lat: 43.3,
      lon: 77.0,
      radiusM: 300,
      dwellS: 60,
    })
    expect(fence.status).toBe(201)
    const bad = await admin.call("POST", "/api/v1/geofences", { name: "x", kind: "polygon", ring: [[1, 2]] })
    expect(bad.status).toBe(400)
    const v = await provision(admin, "alert-fence", "ALR 002")
    // Profiles are read when a vehicle is first seen, so the fence applies from its first point.
    const outside = { lat: 43.31, lon: 77.02 }
    const inside = { lat: 43.3001, lon: 77.0001 }
    const brush = Array.from({ length: 10 }, (_, i) => ({
      timeMs: t0 + i * 5000,
      ...(i >= 3 && i < 5 ? inside : outside),
      speedMps: 5,
    }))
    const stay = Array.from({ length: 30 }, (_, i) => ({
      timeMs: t0 + 60_000 + i * 5000,
      ...inside,
      speedMps: 0,
    }))
    await publish(v, brush)
    await settle()
    expect(await alertsOf(v.vehicleId)).toEqual([])
    await publish(v, stay)
    const alerts = await eventually(
      async () => {
        const a = await alertsOf(v.vehicleId)
        return a.length > 0 ? a : undefined
      },
      10_000,
      "geofence enter",
    )
    // The alert names the geofence (the dashboard's title, row and link), not only its id.
    expect(alerts.map((a) => [a.type, a.key, a.subjectName])).toEqual([
      ["geofence_enter", fence.body.id, "Depot"],
    ])
  })

  it("raises low battery and new DTC codes, and clears a DTC when it goes away", async () => {
    const v = await provision(admin, "alert-battery", "ALR 003")
    const points = line(700, (i) => ({
      batteryV: i < 100 ? 12.6 : 11.2,
      speedMps: 0,
      dtc: i < 500 ? ["P0301"] : [],
    }))
    await publish(v, points)
    const expected = ["dtc:P0301:resolved", "low_battery::open"]
    const seen = await eventually(
      async () => {
        const got = (await alertsOf(v.vehicleId)).map((a) => `${a.type}:${a.key}:${a.status}`).sort()
        return JSON.stringify(got) === JSON.stringify(expected) ? got : undefined
      },
      10_000,
      "battery alert open and DTC resolved",
    )
    expect(seen).toEqual(expected)
  })

  it("opens a device-offline alert once after the organisation's silence, and resolves it when data returns", async () => {
    const v = await provision(admin, "alert-offline", "ALR 004")
    await publish(v, [{ timeMs: Date.now() - 1000, lat: 43.2, lon: 76.9 }])
    await eventually(
      async () => {
        const r = await h.fleet.db.system.query("SELECT 1 FROM vehicle_state WHERE vehicle_id = $1", [
          v.vehicleId,
        ])
        return r.rowCount ? true : undefined
      },
      5_000,
      "vehicle state",
    )
    await h.fleet.db.system.query(
      "UPDATE vehicle_state SET updated_at = now() - interval '20 minutes' WHERE vehicle_id = $1",
      [v.vehicleId],
    )
    const opened = await checkOffline(h.fleet.db.system)
    expect(opened.filter((a) => a.vehicle_id === v.vehicleId)).toHaveLength(1)
    expect((await checkOffline(h.fleet.db.system)).filter((a) => a.vehicle_id === v.vehicleId)).toHaveLength(
      0,
    )
    await h.fleet.db.system.query("UPDATE vehicle_state SET updated_at = now() WHERE vehicle_id = $1", [
      v.vehicleId,
    ])
    await checkOffline(h.fleet.db.system)
    expect((await alertsOf(v.vehicleId)).map((a) => `${a.type}:${a.status}:${a.subjectName}`)).toEqual([
      "device_offline:resolved:alert-offline",
    ])
  })

  it("keeps one open alert per vehicle, type and key, and finds an occurrence raised again", async () => {
    const v = await provision(admin, "alert-dedup", "ALR 005")
    const [org] = (
      await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows
    const raise = (timeMs: number) =>
      raiseAlerts(h.fleet.db.system, [
        {
          orgId: org?.id as OrgId,
          vehicleId: v.vehicleId as VehicleId,
          type: "overspeed",
          key: "",
          severity: "warning",
          timeMs,
          lat: null,
          lon: null,
          details: { n: timeMs },
        },
      ])
    const opened = []
    for (let i = 0; i < 100; i++) opened.push(...(await raise(t0 + i * 1000)))
    expect(opened).toHaveLength(1)
    expect(await raise(t0 + 50_000)).toEqual([]) // an occurrence seen before (restart, replay)
    const [alert] = (
      await h.fleet.db.system.query<{ id: string; occurrences: number }>(
        "SELECT id, occurrences FROM alerts WHERE vehicle_id = $1",
        [v.vehicleId],
      )
    ).rows
    expect(alert?.occurrences).toBe(100)
    await admin.call("POST", `/api/v1/alerts/${alert?.id}/resolve`)
    expect(await raise(t0)).toEqual([]) // the resolved alert's own occurrence: not reopened
    expect(await raise(t0 + 200_000)).toHaveLength(1) // a new episode after resolution: a new alert
  })

  it("pushes newly opened alerts on the live WebSocket of the organisation", async () => {
    const ws = new WebSocket(
      `${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`,
    )
    const messages: Array<{ type: string; alert?: { type: string; vehicleId: string } }> = []
    ws.on("message", (data) => messages.push(JSON.parse(String(data))))
    await new Promise((resolve) => ws.once("open", resolve))
    const v = await provision(admin, "alert-live", "ALR 006")
    await publish(
      v,
      line(60, (i) => ({ speedMps: 0, dtc: i > 10 ? ["P0171"] : [] })),
    )
    const pushed = await eventually(
      async () => messages.find((m) => m.type === "alert" && m.alert?.vehicleId === v.vehicleId),
      20_000,
      "live alert",
    )
    expect(pushed.alert).toMatchObject({ type: "dtc", key: "P0171", status: "open" })
    ws.close()
  })
})
