import {
  type Compilable,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely"
import type pg from "pg"
import type { Database } from "./Database.js"

/**
 * Typed SQL: Kysely builds and compiles the statement (parameters never spliced into the text);
 * it runs on the connection the caller already holds, inside `withOrg`'s transaction, so row-level
 * security keeps confining it to the caller's organisation.
 */
export const sql = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

/** Anything that runs a parameterised statement: the system pool, or a client inside `withOrg`. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** Runs a built statement on `client`; its rows, typed by the statement. */
export const rows = async <O>(client: Queryable, query: Compilable<O>): Promise<O[]> => {
  const compiled = query.compile()
  return (await client.query(compiled.sql, compiled.parameters as unknown[])).rows as O[]
}

/** The first row of a built statement, or undefined. */
export const firstRow = async <O>(client: Queryable, query: Compilable<O>): Promise<O | undefined> =>
  (await rows(client, query))[0]
