import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Session } from "chdb"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD, eventually } from "./harness.js"
import { type SpawnedFleet, spawnedFleet } from "./spawnedFleet.js"

// New points go to `positions_buffer` (a ClickHouse Buffer: memory) and reach `positions` at the
// engine's flush, about a second later; their bus batches are committed only then. So a point
// acknowledged and already shown, then lost with the process before its flush, is stored again
// from the durable log after a restart: once, since points from before the restart go straight
// to `positions`.

const POINTS = 20
// Long enough for the log's offsets to be written (every 200 ms) well before the flush.
const FLUSH_MS = 4_000
const BASE_MS = Date.now() - 3_600_000

let fleet: SpawnedFleet
let token: string
let device: { id: string; secret: string; vehicleId: string }

const api = async <T>(method: string, path: string, body?: unknown) => {
  const r = await fetch(`${fleet.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return (await r.json()) as T
}

/** The points the vehicle's track shows: what readers see, buffer and table together. */
const onTrack = async () => {
  const from = new Date(BASE_MS - 60_000).toISOString()
  const to = new Date(BASE_MS + 3_600_000).toISOString()
  const r = await api<{ points: Array<{ timeMs: number }> }>(
    "GET",
    `/api/v1/vehicles/${device.vehicleId}/track?from=${from}&to=${to}`,
  )
  return r.points.length
}

const unflushed = async () => {
  const text = await (await fetch(`${fleet.httpUrl}/metrics`)).text()
  return Number(/^fleet_positions_buffer_rows (\d+)/mu.exec(text)?.[1] ?? Number.NaN)
}

beforeAll(async () => {
  fleet = await spawnedFleet(await mkdtemp(join(tmpdir(), "fleetcore-buffer-")), {
    FLEET_POSITIONS_FLUSH_MS: String(FLUSH_MS),
  })
  await fleet.start()
  token = ""
  token = (
    await api<{ accessToken: string }>("POST", "/api/v1/auth/login", {
      email: "admin@demo.fleetcore.local",
      password: DEMO_PASSWORD,
    })
  ).accessToken
  const vehicle = await api<{ id: string }>("POST", "/api/v1/vehicles", { name: "buffered", plate: "BUF 1" })
  const created = await api<{ secret: string }>("POST", "/api/v1/devices", {
    id: "buffered-1",
    vehicleId: vehicle.id,
  })
  device = { id: "buffered-1", secret: created.secret, vehicleId: vehicle.id }
})

afterAll(async () => {
  if (fleet.running()) await fleet.stop().catch(() => undefined)
  await rm(fleet.dataDir, { recursive: true, force: true })
})

describe("points in positions_buffer", () => {
  it("are shown at once, and after a SIGKILL before their flush are stored again from the log, once", async () => {
    // Quiet first: whatever the start wrote is flushed.
    await eventually(async () => ((await unflushed()) === 0 ? true : undefined), 10_000, "an empty buffer")
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: device.id,
      username: device.id,
      password: device.secret,
      reconnectPeriod: 0,
    })
    for (let i = 0; i < POINTS; i++)
      await client.publishAsync(
        `fleet/v1/devices/${device.id}/telemetry`,
        JSON.stringify({ timeMs: BASE_MS + i * 1_000, lat: 43.2 + i * 0.0001, lon: 76.9 }),
        { qos: 1 },
      )
    await eventually(async () => ((await onTrack()) === POINTS ? true : undefined), 5_000, "the track")
    // Every one of them acknowledged and shown; a batch committed without waiting for the flush
    // would have its offset on disk by now. Still only in memory:
    await new Promise((r) => setTimeout(r, 1_000))
    expect(await unflushed()).toBeGreaterThanOrEqual(POINTS)
    await fleet.killAll()
    client.end(true)

    await fleet.start()
    expect(await eventually(async () => ((await onTrack()) === POINTS ? POINTS : undefined), 15_000)).toBe(
      POINTS,
    )
    await eventually(async () => ((await unflushed()) === 0 ? true : undefined), 10_000, "the flush")
    expect(await fleet.stop()).toBe(0)

    const session = new Session(join(fleet.dataDir, "clickhouse"))
    try {
      // Without FINAL: one row a point, none left over from before the crash, none twice.
      const rows = session
        .query(
          `SELECT toUnixTimestamp64Milli(time) AS t FROM positions WHERE device_id = '${device.id}' ORDER BY t`,
          "JSONEachRow",
        )
        .trimEnd()
        .split("\n")
        .filter((l) => l.length > 0)
        .map((l) => (Number((JSON.parse(l) as { t: string }).t) - BASE_MS) / 1_000)
      expect(rows).toEqual(Array.from({ length: POINTS }, (_, i) => i))
    } finally {
      session.cleanup()
    }
  })
})
