import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { createClient } from "@clickhouse/client"
import { Data, Effect, Layer, Redacted } from "effect"
import {
  ClickHouse,
  type ClickHouseClient,
  type CompactResult,
  columnRows,
  isPlainDatabaseName,
} from "./ClickHouse.js"
import { advisoryLocked, type ExclusiveRunner } from "./internal/advisoryLock.js"
import { type ArrowArray, arrowColumns } from "./internal/arrowColumns.js"
import { runClickHouseMigrations } from "./internal/clickhouseMigrations.js"
import { Postgres } from "./Postgres.js"

export class ClickHouseStartError extends Data.TaggedError("ClickHouseStartError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/**
 * chDB's Arrow input (chdb 3.4): arrays registered on a session's connection are the table function
 * `arrowstream(name)` until unregistered. Its public helper (`registerArrowTable`) cannot name a
 * Session's connection in 3.4 (it reads `session._handle`; a Session keeps it in `connection`), so
 * FleetCore calls the binding it wraps, with arrays it encodes itself (internal/arrowColumns.ts).
 */
interface ChdbArrow {
  readonly _arrowRegisterColumns: (
    connection: unknown,
    name: string,
    arrays: ReadonlyArray<ArrowArray>,
  ) => void
  readonly _arrowUnregister: (connection: unknown, name: string) => void
}

/** chDB in this process, data under `dataDir/clickhouse`. One session per process (a chDB rule). */
export const makeChdb = async (dataDir: string): Promise<ClickHouseClient> => {
  const path = join(dataDir, "clickhouse")
  await mkdir(path, { recursive: true })
  // Loaded only here: its library adds about 150 MiB to a process's resident memory, which a process
  // that never opens chDB (an ingest process, or one using a ClickHouse server) should not carry.
  const chdb = (await import("chdb")).default
  const arrow = chdb as unknown as ChdbArrow
  const session = new chdb.Session(path)
  // chDB runs one statement at a time per session; serialise so callers never interleave.
  let tail: Promise<unknown> = Promise.resolve()
  const serial = <A>(work: () => Promise<A>): Promise<A> => {
    const next = tail.then(work, work)
    tail = next.catch(() => undefined)
    return next
  }
  let registered = 0
  return {
    exec: (sql, params) =>
      serial(async () => void (await session.queryBindAsync(sql, params ?? {}, { format: "Null" }))),
    query: <T>(sql: string, params?: Record<string, unknown>) =>
      serial(async () => {
        const result = await session.queryBindAsync(sql, params ?? {}, { format: "JSONEachRow" })
        const text = result.text()
        return text.length === 0
          ? []
          : (text
              .trimEnd()
              .split("\n")
              .map((line) => JSON.parse(line)) as T[])
      }),
    insert: (table, columns, rows) =>
      rows.length === 0
        ? Promise.resolve()
        : serial(async () => {
            let body = ""
            for (const row of rows)
              body += `${JSON.stringify(row)}
`
            await session.queryAsync(
              `INSERT INTO ${table} (${columns.join(", ")}) FORMAT JSONCompactEachRow
${body}`,
              {
                format: "Null",
              },
            )
          }),
    insertColumns: (table, columns) =>
      columnRows(columns) === 0
        ? Promise.resolve()
        : serial(async () => {
            const { arrays, select } = arrowColumns(columns)
            const name = `fleet_insert_${registered++}`
            const connection = (session as unknown as { readonly connection: unknown }).connection
            arrow._arrowRegisterColumns(connection, name, arrays)
            try {
              await session.queryAsync(
                `INSERT INTO ${table} (${columns.map((c) => c.name).join(", ")}) SELECT ${select} FROM arrowstream('${name}')`,
                { format: "Null" },
              )
            } finally {
              arrow._arrowUnregister(connection, name)
            }
          }),
    queryIn: (database, sql) =>
      serial(async () => {
        if (!isPlainDatabaseName(database)) throw new Error(`not a plain database name: ${database}`)
        // chDB has one current database per session: switch for this query only, and always switch
        // back (every other query of the process runs in between, serialised, in the home database).
        const home = (await session.queryAsync("SELECT currentDatabase()", { format: "TSVRaw" }))
          .text()
          .trim()
        await session.queryAsync(`USE ${database}`, { format: "Null" })
        try {
          return (await session.queryAsync(sql, { format: "JSONCompact" })).json<CompactResult>()
        } finally {
          await session.queryAsync(`USE ${home}`, { format: "Null" })
        }
      }),
    close: async () => {
      await tail
      session.close()
    },
  }
}

/** A ClickHouse server over HTTP (`@clickhouse/client`); `url` may name the database as its path. */
export const makeClickHouseServer = (url: string): ClickHouseClient => {
  const client = createClient({ url, clickhouse_settings: { date_time_input_format: "best_effort" } })
  // One client per analysts' database: the HTTP interface takes the current database per client.
  const inDatabase = new Map<string, ReturnType<typeof createClient>>()
  const clientIn = (database: string) => {
    const known = inDatabase.get(database)
    if (known) return known
    const made = createClient({ url, database })
    inDatabase.set(database, made)
    return made
  }
  return {
    exec: async (sql, params) => void (await client.command({ query: sql, query_params: { ...params } })),
    query: async <T>(sql: string, params?: Record<string, unknown>) => {
      const rs = await client.query({ query: sql, query_params: { ...params }, format: "JSONEachRow" })
      return (await rs.json()) as T[]
    },
    insert: async (table, columns, rows) => {
      if (rows.length > 0) {
        await client.insert({
          table,
          columns: [...columns] as [string, ...string[]],
          values: [...rows],
          format: "JSONCompactEachRow",
        })
      }
    },
    queryIn: async (database, sql) => {
      if (!isPlainDatabaseName(database)) throw new Error(`not a plain database name: ${database}`)
      const rs = await clientIn(database).query({ query: sql, format: "JSONCompact" })
      return (await rs.json()) as CompactResult
    },
    close: async () => {
      await Promise.all([...inDatabase.values()].map((c) => c.close()))
      await client.close()
    },
  }
}

const open = (make: () => Promise<ClickHouseClient>, what: string, exclusive?: ExclusiveRunner) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        const client = await make()
        await runClickHouseMigrations(client, exclusive)
        return client
      },
      catch: (cause) => new ClickHouseStartError({ message: `cannot start ${what}`, cause }),
    }),
    (client) => Effect.promise(() => client.close()),
  )

/** Serialises ClickHouse migrations across the processes that share one server. */
const CLICKHOUSE_MIGRATION_LOCK = 7_355_608_003

export const ChdbLayer = (dataDir: string) =>
  Layer.effect(
    ClickHouse,
    open(() => makeChdb(dataDir), "chDB"),
  )

/**
 * A ClickHouse server. Several engine and API processes start against one server at once, so its
 * migrations run under a PostgreSQL advisory lock (the database they share; ClickHouse has none).
 */
export const ClickHouseServerLayer = (url: Redacted.Redacted<string>) =>
  Layer.effect(
    ClickHouse,
    Effect.gen(function* () {
      const pg = yield* Postgres
      return yield* open(
        async () => makeClickHouseServer(Redacted.value(url)),
        "the ClickHouse client",
        advisoryLocked(pg.system, CLICKHOUSE_MIGRATION_LOCK),
      )
    }),
  )
