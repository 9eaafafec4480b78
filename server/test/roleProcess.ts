import { type ChildProcess, spawn } from "node:child_process"
import { closeSync, openSync, readFileSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { connect } from "node:net"
import { join } from "node:path"

const repo = join(import.meta.dirname, "..", "..")
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One FleetCore process of some roles (`fleetcore engine,api`), as an operator starts it. */
export interface RoleProcess {
  readonly roles: string
  readonly dataDir: string
  readonly httpUrl: string
  readonly pid: number
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Signals the process (SIGKILL: no shutdown of any kind). */
  readonly kill: (signal: NodeJS.Signals) => void
  /** Its output so far (`<data>/server.log`). */
  readonly log: () => string
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })

const answers = async (url: string): Promise<number> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

/**
 * Spawns `node server/dist/cli.js <roles>` with `env` (on top of this process's), in its own
 * process group, its output in `<dataDir>/server.log`, and resolves once `/healthz` and `/readyz`
 * answer 200 on its HTTP port (and, with `mqttPort`, MQTT accepts connections).
 */
export const startRoleProcess = async (options: {
  readonly roles: string
  readonly dataDir: string
  readonly httpPort: number
  readonly mqttPort?: number
  readonly env: Readonly<Record<string, string>>
  readonly timeoutMs?: number
}): Promise<RoleProcess> => {
  await mkdir(options.dataDir, { recursive: true })
  const logFile = join(options.dataDir, "server.log")
  const out = openSync(logFile, "a")
  let child: ChildProcess
  try {
    child = spawn(process.execPath, [join(repo, "server", "dist", "cli.js"), options.roles], {
      env: {
        ...process.env,
        ...options.env,
        FLEET_DATA_DIR: options.dataDir,
        FLEET_HTTP_PORT: String(options.httpPort),
        ...(options.mqttPort === undefined ? {} : { FLEET_MQTT_PORT: String(options.mqttPort) }),
      },
      stdio: ["ignore", out, out],
      detached: true,
    })
  } finally {
    closeSync(out)
  }
  const pid = child.pid
  if (pid === undefined) throw new Error(`fleetcore ${options.roles} did not spawn`)
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    }),
  )
  const log = () => {
    try {
      return readFileSync(logFile, "utf8")
    } catch {
      return ""
    }
  }
  const httpUrl = `http://127.0.0.1:${options.httpPort}`
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  for (;;) {
    if (exit !== null)
      throw new Error(`fleetcore ${options.roles} exited (${JSON.stringify(exit)}):\n${log().slice(-3000)}`)
    const ready =
      (await answers(`${httpUrl}/healthz`)) === 200 &&
      (await answers(`${httpUrl}/readyz`)) === 200 &&
      (options.mqttPort === undefined || (await canConnect(options.mqttPort)))
    if (ready) break
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`fleetcore ${options.roles} not ready in time:\n${log().slice(-3000)}`)
    }
    await sleep(200)
  }
  return {
    roles: options.roles,
    dataDir: options.dataDir,
    httpUrl,
    pid,
    exited,
    kill: (signal) => {
      if (exit === null) child.kill(signal)
    },
    log,
  }
}
