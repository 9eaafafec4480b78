import { hashSecret } from "@fleetcore/platform"
import { fleet as proto } from "@fleetcore/proto"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  startHarness,
} from "./harness.js"

interface TrackPoint {
  timeMs: number
  lat: number
  lon: number
  speedMps: number | null
}

let h: Harness
let admin: ApiClient
let car: Provisioned
let van: Provisioned
const base = Date.now() - 60_000

const track = async (api: ApiClient, vehicleId: string) => {
  const from = new Date(base - 3_600_000).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  const r = await api.call<{ points: TrackPoint[] }>(
    "GET",
    `/api/v1/vehicles/${vehicleId}/track?from=${from}&to=${to}`,
  )
  expect(r.status).toBe(200)
  return r.body.points
}
const trackHas = (api: ApiClient, vehicleId: string, n: number) =>
  eventually(
    async () => {
      const points = await track(api, vehicleId)
      return points.length >= n ? points : undefined
    },
    15_000,
    `${n} points on the track`,
  )

const connect = (p: Provisioned, options: mqtt.IClientOptions = {}) =>
  mqtt.connectAsync(h.fleet.mqttUrl, {
    clientId: p.deviceId,
    username: p.deviceId,
    password: p.secret,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  })

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  car = await provision(admin, "e2e-car-01", "E2E 001")
  van = await provision(admin, "e2e-van-01", "E2E 002")
})
afterAll(async () => {
  await h?.close()
})

describe("device → MQTT → engine → ClickHouse/Postgres → API and live", () => {
  it("stores protobuf and JSON points from a real MQTT 3.1.1 client and pushes them live", async () => {
    const ws = new WebSocket(
      `${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`,
    )
    const live: Array<{ vehicleId: string; timeMs: number }> = []
    ws.on("message", (data) => live.push(...JSON.parse(String(data)).positions))
    await new Promise((resolve, reject) => {
      ws.once("open", resolve)
      ws.once("error", reject)
    })

    const client = await connect(car, { protocolVersion: 4 })
    const batch = proto.telemetry.v1.Batch.encode({
      points: [
        { timeMs: base, lat: 43.2389, lon: 76.8897, speedMps: 10, ignition: true, odometerM: 120_000 },
        { timeMs: base + 1000, lat: 43.239, lon: 76.8901, speedMps: 11, ignition: true, odometerM: 120_011 },
      ],
    }).finish()
    await client.publishAsync(`fleet/v1/devices/${car.deviceId}/telemetry`, Buffer.from(batch), { qos: 1 })
    await client.publishAsync(
      `fleet/v1/devices/${car.deviceId}/telemetry`,
      JSON.stringify({ timeMs: base + 2000, lat: 43.2391, lon: 76.8905, speedMps: 12, ignition: true }),
      { qos: 1 },
    )
    const points = await trackHas(admin, car.vehicleId, 3)
    expect(points.map((p) => p.timeMs)).toEqual([base, base + 1000, base + 2000])
    expect(points[2]).toMatchObject({ lat: 43.2391, lon: 76.8905, speedMps: 12 })

    await eventually(
      async () =>
        live.some((p) => p.vehicleId === car.vehicleId && p.timeMs === base + 2000) ? true : undefined,
      10_000,
      "live position",
    )
    const vehicles = await admin.call<{
      items: Array<{ id: string; last: { timeMs: number; odometerM: number } | null }>
    }>("GET", "/api/v1/vehicles")
    await eventually(
      async () => {
        const v = (
          await admin.call<{ items: Array<{ id: string; last: { timeMs: number } | null }> }>(
            "GET",
            "/api/v1/vehicles",
          )
        ).body.items.find((x) => x.id === car.vehicleId)
        return v?.last?.timeMs === base + 2000 ? true : undefined
      },
      5_000,
      "last state in Postgres",
    )
    expect(vehicles.status).toBe(200)
    await client.endAsync()
    ws.close()
  })

  it("accepts MQTT 3.1.1 and 5 over WebSocket", async () => {
    const bus = await provision(admin, "e2e-bus-01", "E2E 003")
    for (const protocolVersion of [4, 5] as const) {
      const client = await mqtt.connectAsync(h.fleet.mqttWsUrl, {
        clientId: bus.deviceId,
        username: bus.deviceId,
        password: bus.secret,
        protocolVersion,
        reconnectPeriod: 0,
      })
      await client.publishAsync(
        `fleet/v1/devices/${bus.deviceId}/telemetry`,
        JSON.stringify({ timeMs: base + 60_000 + protocolVersion, lat: 43.25, lon: 76.95 }),
        { qos: 1 },
      )
      await client.endAsync()
    }
    const points = await eventually(
      async () => {
        const all = await track(admin, bus.vehicleId)
        const ws = all.filter((p) => p.timeMs > base + 60_000)
        return ws.length >= 2 ? ws : undefined
      },
      10_000,
      "points sent over WebSocket",
    )
    expect(points.map((p) => p.timeMs)).toEqual([base + 60_004, base + 60_005])
  })

  it("refuses a wrong secret", async () => {
    await expect(connect({ ...car, secret: "wrong" }, { protocolVersion: 4 })).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    )
    await expect(connect({ ...car, secret: "wrong" }, { protocolVersion: 5 })).rejects.toThrow()
  })

  it("refuses publishing to another device's topic (3.1.1: disconnect; 5: PUBACK 0x87)", async () => {
    const v4 = await connect(car, { protocolVersion: 4 })
    const closed = new Promise<void>((resolve) => v4.once("close", () => resolve()))
    v4.publish(
      `fleet/v1/devices/${van.deviceId}/telemetry`,
      JSON.stringify({ timeMs: base, lat: 1, lon: 1 }),
      { qos: 1 },
    )
    await closed
    v4.end(true)

    const v5 = await connect(car, { protocolVersion: 5 })
    const error = await v5
      .publishAsync(
        `fleet/v1/devices/${van.deviceId}/telemetry`,
        JSON.stringify({ timeMs: base + 50, lat: 1, lon: 1 }),
        { qos: 1 },
      )
      .then(
        () => null,
        (e: { code?: number }) => e,
      )
    expect(error?.code).toBe(0x87)
    await v5.endAsync()
    const vanTrack = await track(admin, van.vehicleId)
    expect(vanTrack).toHaveLength(0)
  })

  it("rejects malformed payloads with reasons and keeps the valid points beside them", async () => {
    const client = await connect(van, { protocolVersion: 5 })
    const topic = `fleet/v1/devices/${van.deviceId}/telemetry`
    const undecodable = await client.publishAsync(topic, "{not json", { qos: 1 }).then(
      () => null,
      (e: { code?: number }) => e,
    )
    expect(undecodable?.code).toBe(0x99)
    await client.publishAsync(
      topic,
      JSON.stringify({
        points: [
          { timeMs: base + 10_000, lat: 43.25, lon: 76.95 },
          { timeMs: base + 11_000, lat: 95, lon: 76.95 },
          { timeMs: base + 12_000, lat: 43.2501, lon: 76.9502 },
        ],
      }),
      { qos: 1 },
    )
    const points = await trackHas(admin, van.vehicleId, 2)
    expect(points.map((p) => p.timeMs)).toEqual([base + 10_000, base + 12_000])
    const letters = await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ reason: string; field: string | null }>(
          "SELECT reason, field FROM dead_letters WHERE device_id = {d:String} ORDER BY at, field",
          { d: van.deviceId },
        )
        return rows.length >= 2 ? rows : undefined
      },
      10_000,
      "dead letters",
    )
    expect(letters).toEqual(
      expect.arrayContaining([
        { reason: "FLEET_INGEST_PAYLOAD_UNDECODABLE", field: null },
        { reason: "FLEET_INGEST_POINT_INVALID", field: "points[1].lat" },
      ]),
    )
    await client.endAsync()
  })

  it("stores a point delivered twice once", async () => {
    const client = await connect(car, { protocolVersion: 4 })
    const point = JSON.stringify({ timeMs: base + 30_000, lat: 43.24, lon: 76.9 })
    const topic = `fleet/v1/devices/${car.deviceId}/telemetry`
    await client.publishAsync(topic, point, { qos: 1 })
    await client.publishAsync(topic, point, { qos: 1 })
    await client.publishAsync(topic, JSON.stringify({ timeMs: base + 31_000, lat: 43.2401, lon: 76.9001 }), {
      qos: 1,
    })
    const points = await trackHas(admin, car.vehicleId, 5)
    expect(points.filter((p) => p.timeMs === base + 30_000)).toHaveLength(1)
    const copies = async (table: string) => {
      const [count] = await h.fleet.ch.query<{ n: string }>(
        `SELECT count() AS n FROM ${table} WHERE vehicle_id = {v:UUID} AND time = fromUnixTimestamp64Milli({t:Int64}, 'UTC')`,
        { v: car.vehicleId, t: base + 30_000 },
      )
      return Number(count?.n)
    }
    // Stored once where readers look (the buffer and the table) and, once flushed, in the table.
    expect(await copies("positions_buffer")).toBe(1)
    await eventually(async () => ((await copies("positions")) > 0 ? true : undefined), 5_000, "the flush")
    expect(await copies("positions")).toBe(1)
    expect(await copies("positions_buffer")).toBe(1)
    await client.endAsync()
  })

  it("accepts HTTP ingest and names the field at fault", async () => {
    const auth = `Basic ${Buffer.from(`${car.deviceId}:${car.secret}`).toString("base64")}`
    const post = (body: string | Uint8Array, type: string, authorization = auth) =>
      fetch(`${h.fleet.httpUrl}/ingest/v1/telemetry`, {
        method: "POST",
        headers: { authorization, "content-type": type },
        body,
      })
    const ok = await post(
      JSON.stringify([
        { timeMs: base + 40_000, lat: 43.26, lon: 76.91 },
        { timeMs: base + 41_000, lat: 43.26, lon: 200 },
      ]),
      "application/json",
    )
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      firstRejection: { field: "points[1].lon" },
    })
    const bad = await post(JSON.stringify({ timeMs: base, lat: "north", lon: 1 }), "application/json")
    expect(bad.status).toBe(422)
    expect(await bad.json()).toMatchObject({
      error: { code: "FLEET_INGEST_POINT_INVALID", field: "points[0].lat" },
    })
    const protobuf = proto.telemetry.v1.Batch.encode({
      points: [{ timeMs: base + 42_000, lat: 43.261, lon: 76.911 }],
    }).finish()
    expect((await post(protobuf, "application/x-protobuf")).status).toBe(200)
    // A protobuf point without a position is refused as in JSON, not stored at 0, 0; so is 0, 0.
    const positionless = { timeMs: base + 44_000, odometerM: 120_000, fuelLevelPct: 40 }
    const mixed = await post(
      proto.telemetry.v1.Batch.encode({
        points: [{ timeMs: base + 43_000, lat: 43.262, lon: 76.912 }, positionless],
      }).finish(),
      "application/x-protobuf",
    )
    expect(mixed.status).toBe(200)
    expect(await mixed.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      firstRejection: { code: "FLEET_INGEST_POINT_INVALID", field: "points[1].lat", message: "Missing key" },
    })
    for (const point of [positionless, { ...positionless, lat: 0, lon: 0 }]) {
      const refused = await post(
        proto.telemetry.v1.Batch.encode({ points: [point] }).finish(),
        "application/x-protobuf",
      )
      expect(refused.status).toBe(422)
      expect(await refused.json()).toMatchObject({
        error: { code: "FLEET_INGEST_POINT_INVALID", field: "points[0].lat" },
      })
    }
    expect((await post("{}", "application/json", "Basic bm9ib2R5Om5vcGU=")).status).toBe(401)
    expect((await post("x", "text/plain")).status).toBe(415)
    const points = await trackHas(admin, car.vehicleId, 8)
    expect(points.map((p) => p.timeMs)).toEqual(expect.arrayContaining([base + 42_000, base + 43_000]))
    expect(points.map((p) => p.timeMs)).not.toContain(base + 44_000)
    expect(points.filter((p) => p.lat === 0 && p.lon === 0)).toEqual([])
  })
})

describe("organisation isolation", () => {
  it("keeps another organisation's vehicles, tracks and live positions out of reach", async () => {
    const other = await createOrg(h.fleet, "steppe", "other-password-123")
    const outsider = await login(h.fleet, other.email, "other-password-123")
    const list = await outsider.call<{ items: unknown[] }>("GET", "/api/v1/vehicles")
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(0)
    const from = new Date(base - 3_600_000).toISOString()
    const to = new Date().toISOString()
    const stolen = await outsider.call("GET", `/api/v1/vehicles/${car.vehicleId}/track?from=${from}&to=${to}`)
    expect(stolen.status).toBe(404)
    const rotate = await outsider.call("POST", `/api/v1/devices/${car.deviceId}/secret`)
    expect(rotate.status).toBe(404)
    for (const path of [
      "assignments",
      "odometer-readings",
      "trips?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
    ]) {
      expect((await outsider.call("GET", `/api/v1/vehicles/${car.vehicleId}/${path}`)).status).toBe(404)
    }

    const ws = new WebSocket(
      `${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${outsider.token}`,
    )
    const seen: unknown[] = []
    ws.on("message", (data) => seen.push(JSON.parse(String(data))))
    await new Promise((resolve) => ws.once("open", resolve))
    const client = await connect(car, { protocolVersion: 4 })
    await client.publishAsync(
      `fleet/v1/devices/${car.deviceId}/telemetry`,
      JSON.stringify({ timeMs: base + 50_000, lat: 43.27, lon: 76.92 }),
      { qos: 1 },
    )
    await trackHas(admin, car.vehicleId, 8)
    await new Promise((r) => setTimeout(r, 500))
    expect(seen).toHaveLength(0)
    ws.close()
    await client.endAsync()
  })

  it("answers unauthenticated and under-privileged calls with 401 and 403", async () => {
    expect((await fetch(`${h.fleet.httpUrl}/api/v1/vehicles`)).status).toBe(401)
    const badLogin = await fetch(`${h.fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@demo.fleetcore.local", password: "nope" }),
    })
    expect(badLogin.status).toBe(401)
    const [demoOrg] = (
      await h.fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows
    await h.fleet.db.system.query(
      "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'dispatcher@demo.example', 'Dispatcher', $2, 'dispatcher')",
      [demoOrg?.id, await hashSecret("dispatcher-password")],
    )
    const dispatcher = await login(h.fleet, "dispatcher@demo.example", "dispatcher-password")
    expect((await dispatcher.call("GET", "/api/v1/vehicles")).status).toBe(200)
    const forbidden = await dispatcher.call("POST", "/api/v1/devices", { id: "dispatcher-made" })
    expect(forbidden.status).toBe(403)
    expect(forbidden.body).toMatchObject({ error: { code: "FLEET_FORBIDDEN" } })
    const invalid = await admin.call("POST", "/api/v1/vehicles", { name: "" })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({ error: { code: "FLEET_VEHICLE_INVALID", field: "name" } })
  })
})
