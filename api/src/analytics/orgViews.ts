import type { ClickHouseClient } from "@fleetcore/platform"
import { ANALYTICS_TABLES, orgDatabaseOf } from "./analyticsTables.js"

/** The database the application's tables live in (chDB: `default`). */
export const homeDatabaseOf = async (ch: ClickHouseClient): Promise<string> => {
  const [row] = await ch.query<{ db: string }>("SELECT currentDatabase() AS db")
  if (!row) throw new Error("ClickHouse did not name its current database")
  return row.db
}

const TABLES = ANALYTICS_TABLES.map((t) => t.name)

/**
 * Each table's columns ("name type", in the table's order), of the application's tables and of the
 * organisation's views: `SELECT *` is expanded when a view is made, so a view made before a
 * migration changed its table lacks what the migration added until it is made again.
 */
const columnsOf = async (
  ch: ClickHouseClient,
  home: string,
  db: string,
): Promise<ReadonlyMap<string, string>> => {
  const found = await ch.query<{ database: string; table: string; columns: ReadonlyArray<string> }>(
    `SELECT database, table,
            arrayMap(c -> c.2, arraySort(groupArray((position, concat(name, ' ', type))))) AS columns
     FROM system.columns
     WHERE database IN ({home:String}, {db:String}) AND table IN {tables:Array(String)}
     GROUP BY database, table`,
    { home, db, tables: TABLES },
  )
  return new Map(found.map((r) => [`${r.database}.${r.table}`, r.columns.join(", ")]))
}

const makeViews = async (ch: ClickHouseClient, orgId: string): Promise<string> => {
  const db = orgDatabaseOf(orgId)
  const home = await homeDatabaseOf(ch)
  const columns = await columnsOf(ch, home, db)
  const stale = ANALYTICS_TABLES.filter(
    (t) => columns.get(`${db}.${t.name}`) !== columns.get(`${home}.${t.name}`),
  )
  // Views in step with their tables (the usual case): no statement that changes anything.
  if (stale.length > 0) await ch.exec(`CREATE DATABASE IF NOT EXISTS ${db}`)
  for (const t of stale) {
    // The org id was checked to be hex digits and dashes (orgDatabaseOf) before it is spliced in.
    await ch.exec(
      `CREATE OR REPLACE VIEW ${db}.${t.name} AS SELECT * FROM ${home}.${t.name}${t.final ? " FINAL" : ""} WHERE org_id = toUUID('${orgId.toLowerCase()}')`,
    )
  }
  return db
}

const making = new WeakMap<ClickHouseClient, Map<string, Promise<string>>>()

/**
 * The organisation's analytics database, one view per table of ANALYTICS_TABLES, each
 * `SELECT * … WHERE org_id = <the organisation>`; answers its name. Before every analyst query the
 * views' columns are compared with their tables' (one read of `system.columns`) and a view whose
 * table a migration changed since it was made (by this process or another sharing the server) is
 * made again: only the asking organisation's, so many organisations cost nothing until they query.
 * Queries of one organisation arriving together share one check.
 */
export const orgViews = (ch: ClickHouseClient, orgId: string): Promise<string> => {
  let byOrg = making.get(ch)
  if (!byOrg) {
    byOrg = new Map()
    making.set(ch, byOrg)
  }
  const running = byOrg.get(orgId)
  if (running) return running
  const made = makeViews(ch, orgId).finally(() => byOrg.delete(orgId))
  byOrg.set(orgId, made)
  return made
}
