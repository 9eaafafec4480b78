import type { Params } from "@fleetcore/platform"
import type { AlertRow } from "./AlertSink.js"
import type { RecordColumns } from "./recordColumns.js"

/**
 * Messages between the engine (main thread) and the rules on their own thread (RulesThread,
 * rulesWorker). The main thread calls the rules; the rules ask the main thread for what only it
 * holds: the ClickHouse session (chDB is one session per process), the batch writers the derived
 * rows join, and the bus (live alerts).
 */

/** What `new Worker(…, { workerData })` carries: how to reach PostgreSQL and how the rules run. */
export interface RulesWorkerData {
  readonly postgres: Readonly<Record<string, string | number | boolean>>
  readonly snapshotEveryMs: number
  readonly maxCheckpoints?: number
  readonly logLevel: string
}

export type RulesCall =
  | { readonly method: "process"; readonly batch: RecordColumns }
  | { readonly method: "tick"; readonly nowMs: number }
  | { readonly method: "refreshProfiles" }
  | { readonly method: "checkpoint"; readonly nowMs: number }
  | { readonly method: "snapshot" }
  | { readonly method: "drain" }
  | { readonly method: "release"; readonly vehicleIds: ReadonlyArray<string> }
  | {
      readonly method: "reconcile"
      readonly vehicles: ReadonlyArray<{ orgId: string; vehicleId: string; lastTimeMs: number }>
    }
  | { readonly method: "close" }

/** The derived tables whose rows the main thread's batch writers take. */
export type SinkName = "trips" | "dailyMileage" | "driverMileage" | "fuelEvents"

export type MainRequest =
  | { readonly op: "query"; readonly sql: string; readonly params?: Params }
  | { readonly op: "exec"; readonly sql: string; readonly params?: Params }
  | {
      readonly op: "insert"
      readonly table: string
      readonly columns: ReadonlyArray<string>
      readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
    }
  | { readonly op: "sink"; readonly sink: SinkName; readonly rows: ReadonlyArray<ReadonlyArray<unknown>> }
  | { readonly op: "alertOpened" | "alertChanged"; readonly row: AlertRow }

/** Main thread → rules thread. */
export type ToWorker =
  | { readonly kind: "call"; readonly id: number; readonly call: RulesCall }
  | { readonly kind: "reply"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: "reply"; readonly id: number; readonly ok: false; readonly error: string }

/** Rules thread → main thread. */
export type FromWorker =
  | { readonly kind: "result"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: "result"; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: "request"; readonly id: number; readonly request: MainRequest }
  | { readonly kind: "lateBeyondWindow"; readonly points: number }
  /** One garbage collection of the rules thread: major, minor, incremental or weakcb. */
  | { readonly kind: "gc"; readonly gcKind: string; readonly seconds: number }

export const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)
