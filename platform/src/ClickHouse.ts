import { Context } from "effect"

export type Params = Readonly<Record<string, unknown>>

/**
 * Time-series store. The same SQL (ClickHouse dialect, `{name:Type}` query parameters) runs on
 * in-process chDB and on a ClickHouse server.
 */
export interface ClickHouseClient {
  readonly exec: (sql: string, params?: Params) => Promise<void>
  readonly query: <T>(sql: string, params?: Params) => Promise<T[]>
  /** Rows as arrays of values in `columns` order (JSONCompactEachRow: no per-row keys to build or parse). */
  readonly insert: (
    table: string,
    columns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<unknown>>,
  ) => Promise<void>
  /**
   * A batch as typed columns (chDB in this process): read by chDB as Arrow arrays, with no text to
   * print here or parse there. Absent on a ClickHouse server's client; callers fall back to
   * `insert`. Columns not named take their defaults.
   */
  readonly insertColumns?: (table: string, columns: ReadonlyArray<InsertColumn>) => Promise<void>
  /**
   * Runs one read query with `database` as the current database (unqualified table names resolve
   * there) and answers ClickHouse's JSONCompact: column names and types, rows as arrays. For the
   * analysts' SQL (api/src/analytics), whose database holds only their organisation's views.
   */
  readonly queryIn: (database: string, sql: string) => Promise<CompactResult>
  readonly close: () => Promise<void>
}

/**
 * One column of an `insertColumns` batch, every column one value a row.
 * - `float64`: numbers; NaN stands for NULL (what FleetCore stores is finite, checked at ingest).
 *   ClickHouse converts them to the column's type (Float32, UInt8, Bool: 0 or 1 …).
 * - `millis`: epoch milliseconds (integers) into a DateTime64(3, 'UTC') column.
 * - `string`: text.
 * - `json`: JSON text of a value of the ClickHouse `type` given (an array, a map).
 */
export type InsertColumn =
  | { readonly name: string; readonly kind: "float64" | "millis"; readonly values: Float64Array }
  | { readonly name: string; readonly kind: "string"; readonly values: ReadonlyArray<string> }
  | {
      readonly name: string
      readonly kind: "json"
      readonly type: string
      readonly values: ReadonlyArray<string>
    }

/** Rows in an `insertColumns` batch (every column has one value a row). */
export const columnRows = (columns: ReadonlyArray<InsertColumn>): number => columns[0]?.values.length ?? 0

export interface CompactResult {
  readonly meta: ReadonlyArray<{ readonly name: string; readonly type: string }>
  readonly data: ReadonlyArray<ReadonlyArray<unknown>>
}

/** A database name safe to splice into `USE`: lower-case letters, digits and underscores. */
export const isPlainDatabaseName = (name: string): boolean => /^[a-z][a-z0-9_]{0,62}$/u.test(name)

export class ClickHouse extends Context.Service<ClickHouse, ClickHouseClient>()("fleetcore/ClickHouse") {}
