import type { CycleOutcome, CycleRecord, UnexpectedExit } from "./crashResults.js"
import {
  embeddedPostmaster,
  type FleetServerOptions,
  FleetServerProcess,
  isAlive,
  isFleetReady,
  postmasterPid,
  serverLogTail,
  signalProcessGroup,
  waitUntilReady,
} from "./FleetServerProcess.js"

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))

/** Attempts before the benchmark kills a stale PostgreSQL itself (and says so), then one more. */
const RESTART_ATTEMPTS = 3
const READY_TIMEOUT_MS = 120_000
/** How long FleetCore has to serve again, by itself, after its PostgreSQL was killed. */
const POSTGRES_RECOVERY_TIMEOUT_MS = 60_000

export interface StartOutcome {
  readonly readyMs: number
  readonly failed: ReadonlyArray<string>
  readonly manualCleanups: number
}

/**
 * The FleetCore under test: one server at a time on fixed ports and one data folder, killed and
 * restarted by the crash benchmark. Every process group it ever spawned is remembered so that
 * nothing outlives the benchmark.
 */
export class CrashTarget {
  private server: FleetServerProcess | null = null
  private readonly groups = new Set<number>()
  readonly unexpectedExits: UnexpectedExit[] = []
  private readonly startedAt = Date.now()

  constructor(
    readonly options: FleetServerOptions,
    /** "group": SIGKILL the server's process group; "process": the Node process only. */
    private readonly killScope: "group" | "process",
  ) {}

  get current(): FleetServerProcess {
    if (this.server === null) throw new Error("FleetCore is not running")
    return this.server
  }

  /** Starts FleetCore and waits until it serves, retrying failed attempts; throws when it cannot. */
  async start(): Promise<StartOutcome> {
    const failed: string[] = []
    let manualCleanups = 0
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS + 1; attempt++) {
      if (attempt > RESTART_ATTEMPTS) manualCleanups += await this.killStalePostgres()
      const spawnedAt = Date.now()
      const server = FleetServerProcess.spawn(this.options)
      this.server = server
      this.groups.add(server.pid)
      const outcome = await waitUntilReady(server, this.options.ports, READY_TIMEOUT_MS, spawnedAt)
      if (outcome.ready) return { readyMs: outcome.afterMs, failed, manualCleanups }
      const tail = serverLogTail(this.options.dataDir, 6).replace(/\s+/g, " ").slice(-300)
      failed.push(`attempt ${attempt}: ${outcome.reason}; log: ${tail}`)
      server.signalGroup("SIGKILL")
      await server.exited
      await sleep(1000)
    }
    throw new Error(`FleetCore did not start: ${failed.join(" | ")}`)
  }

  /** The PostgreSQL a dead FleetCore left behind, holding the port: what an operator would kill. */
  private async killStalePostgres(): Promise<number> {
    const pid = postmasterPid(this.options.dataDir)
    if (pid === null || !isAlive(pid)) return 0
    process.kill(pid, "SIGKILL")
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100)
    return 1
  }

  /**
   * Lets the server run for `upMs`. If it exits meanwhile without being killed, the exit is
   * recorded, the server restarted, and it gets a full `upMs` again.
   */
  async runFor(upMs: number): Promise<void> {
    let deadline = Date.now() + upMs
    while (Date.now() < deadline) {
      const exit = await Promise.race([sleep(deadline - Date.now()).then(() => null), this.current.exited])
      if (exit === null) return
      this.unexpectedExits.push({
        atS: Math.round((exit.atMs - this.startedAt) / 100) / 10,
        code: exit.code,
        signal: exit.signal,
      })
      await this.start()
      deadline = Date.now() + upMs
    }
  }

  /** SIGKILL of FleetCore (its process group, or the Node process only), then a restart. */
  async killServer(cycle: number, upS: number): Promise<CycleRecord> {
    const server = this.current
    const killedAt = Date.now()
    if (this.killScope === "group") server.signalGroup("SIGKILL")
    else server.kill("SIGKILL")
    await server.exited
    const start = await this.start()
    return {
      cycle,
      kind: "server",
      upS,
      killedAtMs: killedAt,
      outcome: "restarted",
      recoveryMs: Date.now() - killedAt,
      restartReadyMs: [start.readyMs],
      failedRestarts: start.failed,
      manualCleanups: start.manualCleanups,
    }
  }

  /**
   * SIGKILL of the embedded PostgreSQL postmaster only. FleetCore should serve again by itself
   * (a new postmaster, and ready); if it exits instead it is restarted, and if it neither exits nor
   * recovers within the timeout it is killed and restarted, and that counts against it.
   */
  async killPostgres(cycle: number, upS: number): Promise<CycleRecord> {
    const pid = postmasterPid(this.options.dataDir)
    if (pid === null || !isAlive(pid)) throw new Error("no running PostgreSQL postmaster to kill")
    const killedAt = Date.now()
    process.kill(pid, "SIGKILL")
    const deadline = killedAt + POSTGRES_RECOVERY_TIMEOUT_MS
    let outcome: CycleOutcome = "did not recover: killed and restarted"
    while (Date.now() < deadline) {
      await sleep(200)
      if (this.current.hasExited !== null) {
        outcome = "server exited after PostgreSQL kill"
        break
      }
      const next = postmasterPid(this.options.dataDir)
      if (next !== null && next !== pid && isAlive(next) && (await isFleetReady(this.options.ports))) {
        outcome = "recovered by itself"
        break
      }
    }
    const record = { cycle, kind: "postgres", upS, killedAtMs: killedAt, outcome } as const
    if (outcome === "recovered by itself")
      return {
        ...record,
        recoveryMs: Date.now() - killedAt,
        restartReadyMs: [],
        failedRestarts: [],
        manualCleanups: 0,
      }
    this.current.signalGroup("SIGKILL")
    await this.current.exited
    const start = await this.start()
    return {
      ...record,
      recoveryMs: Date.now() - killedAt,
      restartReadyMs: [start.readyMs],
      failedRestarts: start.failed,
      manualCleanups: start.manualCleanups,
    }
  }

  /** SIGTERM, as an operator stops FleetCore; SIGKILL if it has not exited within `timeoutMs`. */
  async stop(timeoutMs: number) {
    return this.current.stop(timeoutMs)
  }

  /** Kills every process group this target ever started, and its PostgreSQL (for the benchmark's own exit). */
  killEverything(): void {
    for (const group of this.groups) signalProcessGroup(group, "SIGKILL")
    const postmaster = embeddedPostmaster(this.options.dataDir)
    if (postmaster !== null) signalProcessGroup(postmaster, "SIGKILL")
  }
}
