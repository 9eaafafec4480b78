import { type ChildProcess, spawn } from "node:child_process"
import { openSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { freePort } from "../src/freePort.js"
import { DEMO_PASSWORD } from "./harness.js"

export interface SpawnedFleet {
  readonly dataDir: string
  readonly httpUrl: string
  readonly mqttUrl: string
  readonly process: () => ChildProcess
  /** Starts (or starts again) the server on the same folder and ports; resolves when it is ready. */
  readonly start: () => Promise<void>
  /** SIGKILL of FleetCore's whole process group: Node and its PostgreSQL. */
  readonly killAll: () => Promise<void>
  /** SIGKILL of the Node process alone: its PostgreSQL is left running, orphaned. */
  readonly killNode: () => Promise<void>
  /** SIGKILL of the embedded PostgreSQL's postmaster alone. */
  readonly killPostgres: () => Promise<void>
  /** SIGTERM, and waits for the exit code. */
  readonly stop: () => Promise<number | null>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * FleetCore as `npm start` runs it (the built server in its own process group), on loopback
 * ports that stay the same across restarts: what the crash tests kill and start again.
 */
export const spawnedFleet = async (dataDir: string): Promise<SpawnedFleet> => {
  const [http, mqtt, ws, pg] = await Promise.all([freePort(), freePort(), freePort(), freePort()])
  const env = {
    ...process.env,
    FLEET_DATA_DIR: dataDir,
    FLEET_HOST: "127.0.0.1",
    FLEET_HTTP_PORT: String(http),
    FLEET_MQTT_PORT: String(mqtt),
    FLEET_MQTT_WS_PORT: String(ws),
    FLEET_POSTGRES_PORT: String(pg),
    FLEET_SIMULATOR_VEHICLES: "0",
    FLEET_DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
    FLEET_LOG_LEVEL: "warn",
  }
  const httpUrl = `http://127.0.0.1:${http}`
  let child: ChildProcess | null = null
  let exited: Promise<number | null> = Promise.resolve(null)
  const main = join(import.meta.dirname, "..", "dist", "main.js")

  const start = async () => {
    const out = openSync(join(dataDir, "server.log"), "a")
    const proc = spawn(process.execPath, [main], { env, detached: true, stdio: ["ignore", out, out] })
    child = proc
    exited = new Promise((resolve) => proc.once("exit", (code) => resolve(code)))
    const deadline = Date.now() + 60_000
    for (;;) {
      if (proc.exitCode !== null)
        throw new Error(`FleetCore exited with ${proc.exitCode}; see ${dataDir}/server.log`)
      const ok = await fetch(`${httpUrl}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      )
      if (ok) return
      if (Date.now() > deadline) throw new Error(`FleetCore not ready in 60 s; see ${dataDir}/server.log`)
      await sleep(100)
    }
  }
  const postmasterPid = async () =>
    Number((await readFile(join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0])

  return {
    dataDir,
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqtt}`,
    process: () => child as ChildProcess,
    start,
    killAll: async () => {
      process.kill(-(child?.pid as number), "SIGKILL")
      await exited
    },
    killNode: async () => {
      child?.kill("SIGKILL")
      await exited
    },
    killPostgres: async () => {
      process.kill(await postmasterPid(), "SIGKILL")
    },
    stop: async () => {
      child?.kill("SIGTERM")
      return exited
    },
  }
}
