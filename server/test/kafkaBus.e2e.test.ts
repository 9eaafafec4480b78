import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type KafkaBroker, startKafkaBroker } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningFleetCore, runFleetCore } from "../src/FleetCore.js"
import { loadConfig } from "../src/loadConfig.js"
import { DEMO_PASSWORD, eventually, login, provision, publishPoints } from "./harness.js"

/*
 * FleetCore with FLEET_BUS=kafka against a real broker (one process still, every role in it):
 * points published over MQTT QoS 1 cross Kafka to the engine and are stored once each, and the
 * topics exist on the broker under the proto's names.
 */
let brokerDir = ""
let dataDir = ""
let broker: KafkaBroker | undefined
let fleet: RunningFleetCore | undefined

beforeAll(async () => {
  brokerDir = await mkdtemp(join(tmpdir(), "fleet-kafka-e2e-broker-"))
  dataDir = await mkdtemp(join(tmpdir(), "fleet-kafka-e2e-"))
  broker = await startKafkaBroker({ dataDir: brokerDir, partitions: 4 })
  const config = await loadConfig({
    FLEET_DATA_DIR: dataDir,
    FLEET_HOST: "127.0.0.1",
    FLEET_SIMULATOR_VEHICLES: "0",
    FLEET_LOG_LEVEL: "warn",
    FLEET_DEMO_SCALE: "small",
    FLEET_DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
    FLEET_API_CHECK_RESPONSES: "true",
    FLEET_BUS: "kafka",
    FLEET_KAFKA_BROKERS: broker.bootstrap,
    FLEET_BUS_PARTITIONS: "4",
  })
  fleet = await runFleetCore({ ...config, httpPort: 0, mqttPort: 0, mqttWsPort: 0, postgresPort: 0 })
}, 600_000)

afterAll(async () => {
  await fleet?.stop()
  await broker?.stop()
  for (const dir of [dataDir, brokerDir]) if (dir) await rm(dir, { recursive: true, force: true })
}, 120_000)

describe("FleetCore on the Kafka bus", () => {
  it("stores every point acknowledged over MQTT once, through Kafka", async () => {
    const running = fleet as RunningFleetCore
    const admin = await login(running, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const car = await provision(admin, "kafka-001", "KAFKA 001")
    const start = Date.now() - 600_000
    const points = Array.from({ length: 250 }, (_, i) => ({
      timeMs: start + i * 1_000,
      lat: 43.25 + i * 1e-4,
      lon: 76.95,
      speedMps: 8,
    }))
    await publishPoints(running, car, points)

    const stored = await eventually(
      async () => {
        const rows = await running.ch.query<{ n: string }>(
          "SELECT count() AS n FROM positions FINAL WHERE device_id = {d:String}",
          { d: car.deviceId },
        )
        const n = Number(rows[0]?.n ?? 0)
        return n >= points.length ? n : undefined
      },
      60_000,
      "the points stored",
    )
    expect(stored).toBe(points.length)
  }, 120_000)
})
