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
  readonly close: () => Promise<void>
}

export class ClickHouse extends Context.Service<ClickHouse, ClickHouseClient>()("fleetcore/ClickHouse") {}
