import { type ChildProcess, spawn } from "node:child_process"
import { closeSync, openSync, readFileSync, rmSync } from "node:fs"
import { connect } from "node:net"
import { join } from "node:path"
import { restartablePort } from "@fleetcore/platform"

/**
 * The Node flags `npm start`, `npm run fleetcore` and the Docker image give the server
 * (package.json, Dockerfile): a young generation of up to 128 MiB per semi-space.
 */
export const SERVER_NODE_FLAGS: ReadonlyArray<string> = ["--max-semi-space-size=128"]

/** The ports a spawned FleetCore listens on; a benchmark keeps them across restarts. */
export interface FleetPorts {
  readonly http: number
  readonly mqtt: number
  readonly mqttWs: number
  readonly postgres: number
}

/** Ports below the ephemeral range, so that no outgoing connection takes one while FleetCore restarts. */
export const allocateFleetPorts = async (): Promise<FleetPorts> => ({
  http: await restartablePort(),
  mqtt: await restartablePort(),
  mqttWs: await restartablePort(),
  postgres: await restartablePort(),
})

export interface FleetServerOptions {
  readonly repo: string
  readonly dataDir: string
  readonly ports: FleetPorts
  readonly adminPassword: string
  /** Node options before the script (e.g. `--cpu-prof`). */
  readonly nodeArgs?: ReadonlyArray<string>
  /** FLEET_LOG_LEVEL; `warn` by default. */
  readonly logLevel?: string
  /** FLEET_TELTONIKA_PORT (TCP and UDP); 0 (off) by default. */
  readonly teltonikaPort?: number
  /** More environment for the server, over the rest. */
  readonly env?: Readonly<Record<string, string>>
}

export interface ServerExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly atMs: number
}

/**
 * One run of `node server/dist/main.js` in its own process group (so a benchmark can SIGKILL it
 * with everything it started, as a crash of the machine's process tree would: that group and the
 * embedded PostgreSQL's, which FleetCore starts in a group of its own), with the embedded defaults
 * on the given ports and data folder, its output appended to `<data>/server.log`.
 */
export class FleetServerProcess {
  readonly pid: number
  readonly exited: Promise<ServerExit>
  private exit: ServerExit | null = null

  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    if (child.pid === undefined) throw new Error("FleetCore did not spawn")
    this.pid = child.pid
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exit = { code, signal, atMs: Date.now() }
        resolve(this.exit)
      })
    })
  }

  static spawn(options: FleetServerOptions): FleetServerProcess {
    const log = openSync(join(options.dataDir, "server.log"), "a")
    try {
      const script = join(options.repo, "server", "dist", "main.js")
      // As `npm start` runs it (package.json), then the benchmark's own flags.
      const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), script], {
        env: {
          ...process.env,
          FLEET_DATA_DIR: options.dataDir,
          FLEET_HOST: "127.0.0.1",
          FLEET_HTTP_PORT: String(options.ports.http),
          FLEET_MQTT_PORT: String(options.ports.mqtt),
          FLEET_MQTT_WS_PORT: String(options.ports.mqttWs),
          FLEET_POSTGRES_PORT: String(options.ports.postgres),
          // The tracker protocols' fixed default ports would collide with another FleetCore here.
          FLEET_TELTONIKA_PORT: String(options.teltonikaPort ?? 0),
          FLEET_GT06_PORT: "0",
          FLEET_SIMULATOR_VEHICLES: "0",
          FLEET_DEMO_ADMIN_PASSWORD: options.adminPassword,
          FLEET_LOG_LEVEL: options.logLevel ?? "warn",
          ...options.env,
        },
        stdio: ["ignore", log, log],
        detached: true,
      })
      return new FleetServerProcess(child, options.dataDir)
    } finally {
      closeSync(log)
    }
  }

  get hasExited(): ServerExit | null {
    return this.exit
  }

  /** Sends `signal` to the server, every child it started, and its embedded PostgreSQL. */
  signalGroup(signal: NodeJS.Signals): void {
    signalProcessGroup(this.pid, signal)
    const postmaster = embeddedPostmaster(this.dataDir)
    if (postmaster !== null) signalProcessGroup(postmaster, signal)
  }

  /** Sends `signal` to the Node process only; what it started lives on. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal)
  }

  /** SIGTERM to the server only (its orderly shutdown stops what it started); SIGKILL after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<{ exit: ServerExit; forced: boolean }> {
    if (this.exit !== null) return { exit: this.exit, forced: false }
    this.child.kill("SIGTERM")
    let timer: NodeJS.Timeout | undefined
    const forced = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs)
      }),
    ])
    clearTimeout(timer)
    if (forced) this.signalGroup("SIGKILL")
    return { exit: await this.exited, forced }
  }
}

export const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port })
    socket.setTimeout(1000)
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
    socket.once("timeout", () => done(false))
  })

const answers200 = async (url: string, absentOk: boolean): Promise<boolean> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
    await res.arrayBuffer()
    return res.status === 200 || (absentOk && res.status === 404)
  } catch {
    return false
  }
}

/**
 * Whether FleetCore serves: `GET /healthz` 200, `GET /readyz` 200 (or absent: 404), and the MQTT
 * port accepts connections.
 */
export const isFleetReady = async (ports: FleetPorts): Promise<boolean> =>
  (await answers200(`http://127.0.0.1:${ports.http}/healthz`, false)) &&
  (await answers200(`http://127.0.0.1:${ports.http}/readyz`, true)) &&
  (await canConnect(ports.mqtt))

export type ReadyOutcome =
  | { readonly ready: true; readonly afterMs: number }
  | { readonly ready: false; readonly reason: string }

/** Polls until FleetCore is ready, the process exits, or `timeoutMs` passes. */
export const waitUntilReady = async (
  server: FleetServerProcess,
  ports: FleetPorts,
  timeoutMs: number,
  sinceMs: number = Date.now(),
): Promise<ReadyOutcome> => {
  const deadline = sinceMs + timeoutMs
  while (Date.now() < deadline) {
    const exit = server.hasExited
    if (exit !== null) return { ready: false, reason: `exited (code ${exit.code}, signal ${exit.signal})` }
    if (await isFleetReady(ports)) return { ready: true, afterMs: Date.now() - sinceMs }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { ready: false, reason: `not ready within ${Math.round(timeoutMs / 1000)} s` }
}

/** The embedded PostgreSQL postmaster's pid: the first line of `<data>/postgres/postmaster.pid`. */
export const postmasterPid = (dataDir: string): number | null => {
  try {
    const pid = Number(readFileSync(join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0])
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** The embedded postmaster of a data folder while it runs (its pid file may outlive it), or null. */
export const embeddedPostmaster = (dataDir: string): number | null => {
  const pid = postmasterPid(dataDir)
  if (pid === null) return null
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres") ? pid : null
  } catch {
    return null
  }
}

/** Sends `signal` to the process group `leader` leads; nothing if it is gone. */
export const signalProcessGroup = (leader: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-leader, signal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error
  }
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** The last `lines` lines of the server's log, for a failure report. */
export const serverLogTail = (dataDir: string, lines: number): string => {
  try {
    return readFileSync(join(dataDir, "server.log"), "utf8").trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

export interface StartedFleetServer {
  readonly server: FleetServerProcess
  readonly ports: FleetPorts
  readonly api: string
  readonly mqttUrl: string
  /** SIGTERM (SIGKILL of its group after a minute), then removes its data folder. */
  readonly stop: () => Promise<void>
}

/**
 * A FleetCore for one benchmark run: free loopback ports, the given (fresh) data folder, ready
 * before this resolves; a start that fails throws with the end of the server's log.
 */
export const startFleetServer = async (
  options: Omit<FleetServerOptions, "ports">,
): Promise<StartedFleetServer> => {
  const ports = await allocateFleetPorts()
  const server = FleetServerProcess.spawn({ ...options, ports })
  const outcome = await waitUntilReady(server, ports, 120_000)
  if (!outcome.ready) {
    await server.stop(5_000)
    throw new Error(`FleetCore ${outcome.reason}:\n${serverLogTail(options.dataDir, 20)}`)
  }
  return {
    server,
    ports,
    api: `http://127.0.0.1:${ports.http}`,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    stop: async () => {
      await server.stop(60_000)
      rmSync(options.dataDir, { recursive: true, force: true })
    },
  }
}
