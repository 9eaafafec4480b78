import { spawn } from "node:child_process"
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs"
import { join } from "node:path"
import {
  type KafkaBroker,
  type PostgresServer,
  restartablePort,
  startKafkaBroker,
  startPostgresServer,
} from "@fleetcore/platform"
import { canConnect, serverLogTail } from "./FleetServerProcess.js"

/** One `fleetcore <roles>` process of a scale-out system under test. */
export interface RoleProcess {
  readonly pid: number
  readonly httpUrl: string
  /** The MQTT listener's URL (`ingest` only). */
  readonly mqttUrl: string
  /** SIGTERM, then SIGKILL of its process group after `graceMs`. */
  readonly stop: (graceMs: number) => Promise<void>
}

const answers200 = async (url: string): Promise<boolean> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return res.status === 200
  } catch {
    return false
  }
}

/**
 * Spawns `node server/dist/cli.js <roles>` on free loopback ports with `env` on top of this
 * process's, its output in `<dataDir>/server.log`; resolves once `/healthz` and `/readyz` answer
 * (and, with `mqtt`, the MQTT port accepts connections).
 */
export const startRoleProcess = async (options: {
  readonly repo: string
  readonly roles: string
  readonly dataDir: string
  readonly env: Readonly<Record<string, string>>
  readonly mqtt?: boolean
  /** Node's flags before the script (e.g. `--inspect=127.0.0.1:<port>`). */
  readonly nodeArgs?: ReadonlyArray<string>
}): Promise<RoleProcess> => {
  mkdirSync(options.dataDir, { recursive: true })
  const http = await restartablePort()
  const mqtt = await restartablePort()
  const out = openSync(join(options.dataDir, "server.log"), "a")
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(options.repo, "server", "dist", "cli.js"), options.roles],
    {
      env: {
        ...process.env,
        FLEET_HOST: "127.0.0.1",
        FLEET_LOG_LEVEL: "warn",
        FLEET_SIMULATOR_VEHICLES: "0",
        FLEET_TELTONIKA_PORT: "0",
        FLEET_GT06_PORT: "0",
        FLEET_MQTT_WS_PORT: String(await restartablePort()),
        ...options.env,
        FLEET_DATA_DIR: options.dataDir,
        FLEET_HTTP_PORT: String(http),
        FLEET_MQTT_PORT: String(mqtt),
      },
      stdio: ["ignore", out, out],
      detached: true,
    },
  )
  closeSync(out)
  const pid = child.pid
  if (pid === undefined) throw new Error(`fleetcore ${options.roles} did not spawn`)
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true
      resolve()
    }),
  )
  const stop = async (graceMs: number) => {
    if (exited) return
    child.kill("SIGTERM")
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL")
      } catch {}
    }, graceMs)
    await exit
    clearTimeout(timer)
  }
  const httpUrl = `http://127.0.0.1:${http}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (exited) throw new Error(`fleetcore ${options.roles} exited:\n${serverLogTail(options.dataDir, 20)}`)
    if (
      (await answers200(`${httpUrl}/healthz`)) &&
      (await answers200(`${httpUrl}/readyz`)) &&
      (options.mqtt !== true || (await canConnect(mqtt)))
    )
      return { pid, httpUrl, mqttUrl: `mqtt://127.0.0.1:${mqtt}`, stop }
    if (Date.now() > deadline) {
      await stop(0)
      throw new Error(`fleetcore ${options.roles} not ready in time:\n${serverLogTail(options.dataDir, 20)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** What the role processes of a scale-out system share: the project's Kafka broker and a PostgreSQL server. */
export interface ScaleOutStores {
  /** The environment every role process of the system gets. */
  readonly env: Readonly<Record<string, string>>
  /** The PostgreSQL server's owner URL (DATABASE_URL). */
  readonly databaseUrl: string
  readonly kafkaDir: string
  /** The PostgreSQL server's data folder (its `postmaster.pid` names the server). */
  readonly postgresDir: string
  /** Stops the broker and the server (the role processes first: the caller's). */
  readonly stop: () => Promise<void>
}

/**
 * Starts the project's Kafka broker (`partitions` a topic) and a PostgreSQL server under `root`,
 * and the environment of role processes on them: FLEET_BUS=kafka, DATABASE_URL, and one random
 * FLEET_JWT_SECRET (`jwtSecret`) and demo admin password (`adminPassword`) for them all.
 */
export const startScaleOutStores = async (
  root: string,
  partitions: number,
): Promise<ScaleOutStores & { readonly jwtSecret: string; readonly adminPassword: string }> => {
  // PostgreSQL, run as its own user when we are root, must pass through this folder.
  chmodSync(root, 0o711)
  const jwtSecret = `bench-${Math.random().toString(36).slice(2)}-a-secret-of-some-48-bytes-or-so`
  const adminPassword = `bench-${Math.random().toString(36).slice(2)}`
  let broker: KafkaBroker | undefined
  let postgres: PostgresServer | undefined
  const stop = async () => {
    await postgres?.stop()
    await broker?.stop()
  }
  try {
    broker = await startKafkaBroker({ dataDir: join(root, "kafka"), partitions })
    postgres = await startPostgresServer(join(root, "postgres"))
  } catch (error) {
    await stop()
    throw error
  }
  return {
    env: {
      FLEET_BUS: "kafka",
      FLEET_KAFKA_BROKERS: broker.bootstrap,
      FLEET_BUS_PARTITIONS: String(partitions),
      DATABASE_URL: postgres.url,
      FLEET_JWT_SECRET: jwtSecret,
      FLEET_DEMO_ADMIN_PASSWORD: adminPassword,
    },
    databaseUrl: postgres.url,
    kafkaDir: join(root, "kafka"),
    postgresDir: postgres.dataDir,
    jwtSecret,
    adminPassword,
    stop,
  }
}
