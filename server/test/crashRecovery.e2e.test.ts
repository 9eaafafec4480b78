import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Session } from "chdb"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_PASSWORD } from "./harness.js"
import { type SpawnedFleet, spawnedFleet } from "./spawnedFleet.js"

// Acknowledged means stored, whatever process dies: FleetCore is run as `npm start` runs it and
// killed with SIGKILL (all of it, Node alone, PostgreSQL alone) while devices publish over MQTT
// QoS 1 and HTTP; every point whose PUBACK / 200 arrived must be stored exactly once afterwards.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const BASE_MS = Date.now() - 2 * 3_600_000
const STEP_M = 10

interface Device {
  readonly id: string
  readonly secret: string
  readonly vehicleId: string
}

const point = (i: number) => ({
  timeMs: BASE_MS + i * 1_000,
  lat: 43.2 + i * 0.00009,
  lon: 76.9,
  speedMps: STEP_M,
  ignition: true,
  odometerM: 100_000 + i * STEP_M,
})

/** Publishes numbered points until stopped, through restarts; remembers the acknowledged ones. */
const publisher = (transport: "mqtt" | "http", fleet: SpawnedFleet, device: Device) => {
  const acked = new Set<number>()
  let next = 0
  let stopped = false
  const withTimeout = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, sleep(ms).then(() => Promise.reject(new Error("timeout")))])

  const overMqtt = async () => {
    while (!stopped) {
      const client = await mqtt
        .connectAsync(fleet.mqttUrl, {
          clientId: device.id,
          username: device.id,
          password: device.secret,
          reconnectPeriod: 0,
          connectTimeout: 2_000,
        })
        .catch(() => null)
      if (client === null) {
        await sleep(200)
        continue
      }
      client.on("error", () => undefined)
      let broken = false
      client.once("close", () => {
        broken = true
      })
      while (!stopped && !broken) {
        const batch = Array.from({ length: 10 }, () => next++)
        await Promise.all(
          batch.map((i) =>
            withTimeout(
              client.publishAsync(`fleet/v1/devices/${device.id}/telemetry`, JSON.stringify(point(i)), {
                qos: 1,
              }),
              3_000,
            ).then(
              () => acked.add(i),
              () => undefined,
            ),
          ),
        )
        await sleep(20)
      }
      client.end(true)
    }
  }
  const overHttp = async () => {
    const auth = `Basic ${Buffer.from(`${device.id}:${device.secret}`).toString("base64")}`
    while (!stopped) {
      const i = next++
      const ok = await withTimeout(
        fetch(`${fleet.httpUrl}/ingest/v1/telemetry`, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/json" },
          body: JSON.stringify(point(i)),
        }).then((r) => r.status === 200),
        3_000,
      ).catch(() => false)
      if (ok) acked.add(i)
      else await sleep(100)
    }
  }
  const running = transport === "mqtt" ? overMqtt() : overHttp()
  return {
    acked,
    stop: async () => {
      stopped = true
      await running
    },
  }
}

let fleet: SpawnedFleet
let devices: Device[]

const api = async <T>(token: string | null, method: string, path: string, body?: unknown) => {
  const r = await fetch(`${fleet.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return (await r.json()) as T
}

beforeAll(async () => {
  fleet = await spawnedFleet(await mkdtemp(join(tmpdir(), "fleetcore-crash-")))
  await fleet.start()
  const { accessToken } = await api<{ accessToken: string }>(null, "POST", "/api/v1/auth/login", {
    email: "admin@demo.fleetcore.local",
    password: DEMO_PASSWORD,
  })
  devices = []
  for (const id of ["crash-mqtt", "crash-http"]) {
    const vehicle = await api<{ id: string }>(accessToken, "POST", "/api/v1/vehicles", {
      name: id,
      plate: id,
    })
    const device = await api<{ secret: string }>(accessToken, "POST", "/api/v1/devices", {
      id,
      vehicleId: vehicle.id,
    })
    devices.push({ id, secret: device.secret, vehicleId: vehicle.id })
  }
})

afterAll(async () => {
  await fleet.stop().catch(() => undefined)
  await rm(fleet.dataDir, { recursive: true, force: true })
})

describe("crash recovery", () => {
  it("stores every acknowledged point exactly once through SIGKILLs of FleetCore and of PostgreSQL", async () => {
    const [mqttDevice, httpDevice] = devices as [Device, Device]
    const pubs = [publisher("mqtt", fleet, mqttDevice), publisher("http", fleet, httpDevice)]
    const ackedNow = () => pubs.reduce((n, p) => n + p.acked.size, 0)

    await sleep(1_500)
    // FleetCore and its PostgreSQL die together (its process group and PostgreSQL's).
    await fleet.killAll()
    await fleet.start()
    await sleep(1_500)
    // PostgreSQL alone: FleetCore must survive it and start it again by itself.
    await fleet.killPostgres()
    const readyz = () => fetch(`${fleet.httpUrl}/readyz`).then((r) => r.status)
    // Backends notice their postmaster's death within moments: not ready until it is back.
    const down = Date.now() + 5_000
    while ((await readyz()) !== 503 && Date.now() < down) await sleep(50)
    expect(await readyz()).toBe(503)
    const back = Date.now() + 30_000
    while ((await readyz()) !== 200 && Date.now() < back) await sleep(200)
    expect(await readyz()).toBe(200)
    await sleep(1_000)
    expect(fleet.running()).toBe(true)
    const beforeNodeKill = ackedNow()
    // Node alone: its PostgreSQL lives on, orphaned, and holds the port; the next start must cope.
    await fleet.killNode()
    await fleet.start()
    await sleep(1_500)
    for (const p of pubs) await p.stop()
    expect(ackedNow()).toBeGreaterThan(beforeNodeKill)
    // Let the engine store what is in the log, then stop cleanly so chDB can be opened here.
    await sleep(1_500)
    expect(await fleet.stop()).toBe(0)

    const session = new Session(join(fleet.dataDir, "clickhouse"))
    try {
      const rows = (sql: string) =>
        session
          .query(sql, "JSONEachRow")
          .trimEnd()
          .split("\n")
          .filter((l) => l.length > 0)
          .map((l) => JSON.parse(l) as Record<string, string | number>)
      for (const [device, pub] of [
        [mqttDevice, pubs[0]],
        [httpDevice, pubs[1]],
      ] as const) {
        const stored = new Set(
          rows(
            `SELECT toUnixTimestamp64Milli(time) AS t FROM positions FINAL WHERE device_id = '${device.id}'`,
          ).map((r) => (Number(r.t) - BASE_MS) / 1_000),
        )
        const lost = [...(pub as { acked: Set<number> }).acked].filter((i) => !stored.has(i))
        expect(lost, `${device.id}: acknowledged but not stored`).toEqual([])
        expect((pub as { acked: Set<number> }).acked.size).toBeGreaterThan(50)
        // Mileage from the device odometer counts each metre once, whatever was redelivered.
        const [range] = rows(
          `SELECT min(odometer_m) AS lo, max(odometer_m) AS hi FROM positions FINAL WHERE device_id = '${device.id}'`,
        )
        const [mileage] = rows(
          `SELECT sum(metres) AS m FROM daily_mileage FINAL WHERE vehicle_id = '${device.vehicleId}'`,
        )
        expect(Number(mileage?.m)).toBeCloseTo(Number(range?.hi) - Number(range?.lo), 3)
      }
      const [dups] = rows(
        "SELECT count() - uniqExact(device_id, time) AS d FROM positions FINAL WHERE device_id LIKE 'crash-%'",
      )
      expect(Number(dups?.d)).toBe(0)
    } finally {
      session.cleanup()
    }
  })
})
