import type { ClickHouseClient } from "@fleetcore/platform"
import { ANALYTICS_TABLES, orgDatabaseOf } from "./analyticsTables.js"

/** The database the application's tables live in (chDB: `default`). */
export const homeDatabaseOf = async (ch: ClickHouseClient): Promise<string> => {
  const [row] = await ch.query<{ db: string }>("SELECT currentDatabase() AS db")
  if (!row) throw new Error("ClickHouse did not name its current database")
  return row.db
}

const prepared = new WeakMap<ClickHouseClient, Map<string, Promise<string>>>()

const createViews = async (ch: ClickHouseClient, orgId: string): Promise<string> => {
  const db = orgDatabaseOf(orgId)
  const home = await homeDatabaseOf(ch)
  await ch.exec(`CREATE DATABASE IF NOT EXISTS ${db}`)
  for (const t of ANALYTICS_TABLES) {
    // Replaced once per process, so columns added by later migrations reach the views. The org id
    // was checked to be hex digits and dashes (orgDatabaseOf) before it is spliced in.
    await ch.exec(
      `CREATE OR REPLACE VIEW ${db}.${t.name} AS SELECT * FROM ${home}.${t.name}${t.final ? " FINAL" : ""} WHERE org_id = toUUID('${orgId.toLowerCase()}')`,
    )
  }
  return db
}

/**
 * The organisation's analytics database, made on first use in this process: one view per table of
 * ANALYTICS_TABLES, each `SELECT * … WHERE org_id = <the organisation>`. Answers its name.
 */
export const orgViews = (ch: ClickHouseClient, orgId: string): Promise<string> => {
  let byOrg = prepared.get(ch)
  if (!byOrg) {
    byOrg = new Map()
    prepared.set(ch, byOrg)
  }
  const known = byOrg.get(orgId)
  if (known) return known
  const making = createViews(ch, orgId)
  byOrg.set(orgId, making)
  making.catch(() => byOrg.delete(orgId))
  return making
}
