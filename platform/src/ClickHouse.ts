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
   * Runs one read query with `database` as the current database (unqualified table names resolve
   * there) and answers ClickHouse's JSONCompact: column names and types, rows as arrays. For the
   * analysts' SQL (api/src/analytics), whose database holds only their organisation's views.
   */
  readonly queryIn: (database: string, sql: string) => Promise<CompactResult>
  readonly close: () => Promise<void>
}

export interface CompactResult {
  readonly meta: ReadonlyArray<{ readonly name: string; readonly type: string }>
  readonly data: ReadonlyArray<ReadonlyArray<unknown>>
}

/** A database name safe to splice into `USE`: lower-case letters, digits and underscores. */
export const isPlainDatabaseName = (name: string): boolean => /^[a-z][a-z0-9_]{0,62}$/u.test(name)

export class ClickHouse extends Context.Service<ClickHouse, ClickHouseClient>()("fleetcore/ClickHouse") {}
