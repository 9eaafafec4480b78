import { Worker } from "node:worker_threads"
import type { TelemetryRecord } from "@fleetcore/proto"
import type pg from "pg"
import type { AlertRow } from "./AlertSink.js"
import type { RulesRunnerDeps } from "./RulesRunner.js"
import { toColumns, transferablesOf } from "./recordColumns.js"
import {
  errorText,
  type FromWorker,
  type MainRequest,
  type RulesCall,
  type RulesWorkerData,
  type ToWorker,
} from "./rulesThreadProtocol.js"

/** What the engine asks of its rules, on this thread (RulesRunner) or their own (RulesThread). */
export interface Rules {
  process(records: ReadonlyArray<TelemetryRecord>): Promise<void>
  tick(nowMs: number): Promise<void>
  refreshProfiles(): Promise<void>
  checkpoint(nowMs: number): Promise<void>
  snapshot(): Promise<void>
  drain(): Promise<void>
  release(vehicleIds: Iterable<string>): void | Promise<void>
  reconcile(
    vehicles: ReadonlyArray<{ orgId: string; vehicleId: string; lastTimeMs: number }>,
  ): Promise<number>
}

/**
 * What a RulesRunner on this thread would be given (its `db` lends the thread's own pool its
 * connection settings), and where the thread's garbage collections go.
 */
export interface RulesThreadDeps extends RulesRunnerDeps {
  readonly onAlertChanged: (alert: AlertRow) => Promise<void>
  /** One garbage collection of the rules thread (`kind`: major, minor, incremental, weakcb). */
  readonly onGc: (kind: string, seconds: number) => void
}

/**
 * The thread's script, built: beside this module in dist/, or, when this module runs from its
 * TypeScript source (the tests), the package's dist/ (a worker thread cannot load TypeScript).
 */
const WORKER_SCRIPT = new URL(
  import.meta.url.endsWith(".ts") ? "../dist/rulesWorker.js" : "./rulesWorker.js",
  import.meta.url,
)

/** Connections the rules thread's pool opens at most: snapshots, alerts and profile loads. */
const RULES_POOL_SIZE = 4

/** The pool's connection settings that can cross to another thread (no functions, no sockets). */
const connectionSettings = (pool: pg.Pool): Record<string, string | number | boolean> => {
  const settings: Record<string, string | number | boolean> = {}
  for (const key of ["connectionString", "host", "port", "database", "user", "password"] as const) {
    const value: unknown = pool.options[key]
    if (typeof value === "string" || typeof value === "number") settings[key] = value
  }
  settings.max = RULES_POOL_SIZE
  return settings
}

/**
 * The rules (RulesRunner) on a worker thread of their own. Each vehicle's rule state is made anew
 * at every point and lives until the vehicle's next one: at thousands of vehicles it is most of
 * what every young-generation collection of the process copies (docs/architecture.md). On their
 * own thread, those collections stop the rules, not the thread that reads sockets, stores points
 * and acknowledges them. The rules thread asks this one for ClickHouse (one chDB session per
 * process), the derived rows' batch writers and the live alerts; it has its own PostgreSQL pool.
 *
 * Calls keep their order. If the thread dies, every call waiting fails (the bus delivers the
 * batch again) and the next call starts a new thread, whose vehicles reload their snapshots and
 * re-run the points stored since (RulesRunner is restart-safe, as after a crash).
 */
export class RulesThread implements Rules {
  private worker: Worker | null = null
  private nextId = 0
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private closed = false

  constructor(private readonly deps: RulesThreadDeps) {}

  private start(): Worker {
    const data: RulesWorkerData = {
      postgres: connectionSettings(this.deps.db),
      snapshotEveryMs: this.deps.snapshotEveryMs,
      ...(this.deps.maxCheckpoints === undefined ? {} : { maxCheckpoints: this.deps.maxCheckpoints }),
      logLevel: this.deps.log.level,
    }
    // No Node options of its own: V8's (the young generation's size) are the process's already,
    // and the test runner's export conditions (`--conditions source`) must not reach built code.
    const worker = new Worker(WORKER_SCRIPT, { workerData: data, execArgv: [] })
    worker.on("message", (message: FromWorker) => this.onMessage(worker, message))
    worker.on("error", (error) => this.deps.log.error({ err: error }, "rules thread failed"))
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null
      const error = new Error(`rules thread exited (code ${code})`)
      for (const call of this.calls.values()) call.reject(error)
      this.calls.clear()
      if (!this.closed) this.deps.log.error({ code }, "rules thread exited; the next call starts another")
    })
    this.worker = worker
    return worker
  }

  private call<T>(call: RulesCall, transfer: ReadonlyArray<ArrayBuffer> = []): Promise<T> {
    if (this.closed) return Promise.reject(new Error("rules thread closed"))
    const worker = this.worker ?? this.start()
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject })
      worker.postMessage({ kind: "call", id, call } satisfies ToWorker, transfer)
    })
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    switch (message.kind) {
      case "result": {
        const call = this.calls.get(message.id)
        this.calls.delete(message.id)
        if (message.ok) call?.resolve(message.value)
        else call?.reject(new Error(message.error))
        return
      }
      case "lateBeyondWindow":
        this.deps.onLateBeyondWindow?.(message.points)
        return
      case "gc":
        this.deps.onGc(message.gcKind, message.seconds)
        return
      case "request": {
        const { id } = message
        this.serve(message.request).then(
          (value) => worker.postMessage({ kind: "reply", id, ok: true, value } satisfies ToWorker),
          (error: unknown) =>
            worker.postMessage({ kind: "reply", id, ok: false, error: errorText(error) } satisfies ToWorker),
        )
      }
    }
  }

  private serve(request: MainRequest): Promise<unknown> {
    const { ch } = this.deps
    switch (request.op) {
      case "query":
        return ch.query(request.sql, request.params)
      case "exec":
        return ch.exec(request.sql, request.params)
      case "insert":
        return ch.insert(request.table, request.columns, request.rows)
      case "sink":
        return this.deps[request.sink].add(request.rows)
      case "alertOpened":
        return this.deps.onAlertOpened(request.row)
      case "alertChanged":
        return this.deps.onAlertChanged(request.row)
    }
  }

  process(records: ReadonlyArray<TelemetryRecord>): Promise<void> {
    const batch = toColumns(records)
    return this.call({ method: "process", batch }, transferablesOf(batch))
  }
  tick(nowMs: number): Promise<void> {
    return this.call({ method: "tick", nowMs })
  }
  refreshProfiles(): Promise<void> {
    return this.call({ method: "refreshProfiles" })
  }
  checkpoint(nowMs: number): Promise<void> {
    return this.call({ method: "checkpoint", nowMs })
  }
  snapshot(): Promise<void> {
    return this.call({ method: "snapshot" })
  }
  drain(): Promise<void> {
    return this.call({ method: "drain" })
  }
  release(vehicleIds: Iterable<string>): Promise<void> {
    return this.call({ method: "release", vehicleIds: [...vehicleIds] })
  }
  reconcile(
    vehicles: ReadonlyArray<{ orgId: string; vehicleId: string; lastTimeMs: number }>,
  ): Promise<number> {
    return this.call({ method: "reconcile", vehicles })
  }

  /** Closes the thread's PostgreSQL pool and stops it (call after drain and snapshot). */
  async close(): Promise<void> {
    const worker = this.worker
    if (worker !== null) await this.call({ method: "close" }).catch(() => undefined)
    this.closed = true
    await worker?.terminate()
  }
}
