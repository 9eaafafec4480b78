import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks"
import { parentPort, workerData } from "node:worker_threads"
import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import {
  errorText,
  type FromWorker,
  type MainRequest,
  type RulesCall,
  type RulesWorkerData,
  type SinkName,
  type ToWorker,
} from "./rulesThreadProtocol.js"

/**
 * The rules on their own thread (see RulesThread): a RulesRunner whose PostgreSQL pool is its own
 * and whose ClickHouse session, derived-row writers and live alerts are the main thread's, asked
 * for by message. Every vehicle's rule state lives in this thread's heap, so collecting it never
 * stops the thread that acknowledges devices.
 */
const port = parentPort
if (port === null) throw new Error("rulesWorker runs as a worker thread")
const data = workerData as RulesWorkerData
const post = (message: FromWorker) => port.postMessage(message)

// This thread's collections, for the engine's /metrics (prom-client observes its own thread only),
// from before the rules' modules load (calls wait: the port starts with its first listener).
const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
}
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind
    post({ kind: "gc", gcKind: GC_KINDS[kind ?? -1] ?? "other", seconds: entry.duration / 1000 })
  }
}).observe({ entryTypes: ["gc"] })

const { makeLog, makePool } = await import("@fleetcore/platform/lean")
const { RulesRunner } = await import("./RulesRunner.js")
const { fromColumns } = await import("./recordColumns.js")
const log = makeLog(data.logLevel)

let nextId = 0
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
const ask = <T>(request: MainRequest): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const id = nextId++
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
    post({ kind: "request", id, request })
  })

const unsupported = (what: string) => () => Promise.reject(new Error(`${what} is not used by the rules`))
const ch: ClickHouseClient = {
  query: <T>(sql: string, params?: Parameters<ClickHouseClient["query"]>[1]) =>
    ask<T[]>(params === undefined ? { op: "query", sql } : { op: "query", sql, params }),
  exec: (sql, params) => ask<void>(params === undefined ? { op: "exec", sql } : { op: "exec", sql, params }),
  insert: (table, columns, rows) => ask<void>({ op: "insert", table, columns, rows }),
  queryIn: unsupported("queryIn"),
  close: async () => undefined,
}
const sink = (name: SinkName) => ({
  add: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => ask<void>({ op: "sink", sink: name, rows }),
})

const db = makePool(data.postgres as pg.PoolConfig, log, "rules thread")

const rules = new RulesRunner({
  snapshotEveryMs: data.snapshotEveryMs,
  ...(data.maxCheckpoints === undefined ? {} : { maxCheckpoints: data.maxCheckpoints }),
  db,
  ch,
  trips: sink("trips"),
  dailyMileage: sink("dailyMileage"),
  driverMileage: sink("driverMileage"),
  fuelEvents: sink("fuelEvents"),
  onAlertOpened: (row) => ask<void>({ op: "alertOpened", row }),
  onAlertChanged: (row) => ask<void>({ op: "alertChanged", row }),
  onLateBeyondWindow: (points) => post({ kind: "lateBeyondWindow", points }),
  log,
})

const run = (call: RulesCall): Promise<unknown> => {
  switch (call.method) {
    case "process":
      return rules.process(fromColumns(call.batch))
    case "tick":
      return rules.tick(call.nowMs)
    case "refreshProfiles":
      return rules.refreshProfiles()
    case "checkpoint":
      return rules.checkpoint(call.nowMs)
    case "snapshot":
      return rules.snapshot()
    case "drain":
      return rules.drain()
    case "release":
      rules.release(call.vehicleIds)
      return Promise.resolve()
    case "reconcile":
      return rules.reconcile(call.vehicles)
    case "close":
      return db.end()
  }
}

port.on("message", (message: ToWorker) => {
  if (message.kind === "reply") {
    const w = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.ok) w?.resolve(message.value)
    else w?.reject(new Error(message.error))
    return
  }
  const { id, call } = message
  run(call).then(
    (value) => post({ kind: "result", id, ok: true, value }),
    (error: unknown) => post({ kind: "result", id, ok: false, error: errorText(error) }),
  )
})
