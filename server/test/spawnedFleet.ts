import { join } from "node:path"
import {
  allocateFleetPorts,
  FleetServerProcess,
  postmasterPid,
  serverLogTail,
  waitUntilReady,
} from "@fleetcore/load-tests"
import { DEMO_PASSWORD } from "./harness.js"

export interface SpawnedFleet {
  readonly dataDir: string
  readonly httpUrl: string
  readonly mqttUrl: string
  /** Whether the server process is still running. */
  readonly running: () => boolean
  /** Starts (or starts again) the server on the same folder and ports; resolves when it is ready. */
  readonly start: () => Promise<void>
  /** SIGKILL of FleetCore's whole process group: Node and its PostgreSQL. */
  readonly killAll: () => Promise<void>
  /** SIGKILL of the Node process alone: its PostgreSQL is left running, orphaned. */
  readonly killNode: () => Promise<void>
  /** SIGKILL of the embedded PostgreSQL's postmaster alone. */
  readonly killPostgres: () => Promise<void>
  /** SIGTERM, and the exit code. */
  readonly stop: () => Promise<number | null>
}

/**
 * FleetCore as `npm start` runs it (the built server, in its own process group), on loopback ports
 * that stay the same across restarts: what the crash tests kill and start again.
 */
export const spawnedFleet = async (
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<SpawnedFleet> => {
  const ports = await allocateFleetPorts()
  const repo = join(import.meta.dirname, "..", "..")
  let server: FleetServerProcess | null = null
  const current = (): FleetServerProcess => {
    if (server === null) throw new Error("FleetCore was not started")
    return server
  }
  return {
    dataDir,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    running: () => server !== null && server.hasExited === null,
    start: async () => {
      server = FleetServerProcess.spawn({ repo, dataDir, ports, adminPassword: DEMO_PASSWORD, env })
      const outcome = await waitUntilReady(server, ports, 60_000)
      if (!outcome.ready) throw new Error(`FleetCore ${outcome.reason}:\n${serverLogTail(dataDir, 20)}`)
    },
    killAll: async () => {
      current().signalGroup("SIGKILL")
      await current().exited
    },
    killNode: async () => {
      current().kill("SIGKILL")
      await current().exited
    },
    killPostgres: async () => {
      const pid = postmasterPid(dataDir)
      if (pid === null) throw new Error("no embedded PostgreSQL is running")
      process.kill(pid, "SIGKILL")
    },
    stop: async () => (await current().stop(60_000)).exit.code,
  }
}
