import type { ClickHouseClient } from "@fleetcore/platform"
import { ANALYTICS_TABLES } from "./analyticsTables.js"
import { homeDatabaseOf } from "./orgViews.js"

export interface CatalogueTable {
  readonly name: string
  readonly description: string
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string; readonly comment: string }>
}

/** The tables an analyst may read and their columns, with the comments of the tables behind the views. */
export const analyticsCatalogue = async (ch: ClickHouseClient): Promise<ReadonlyArray<CatalogueTable>> => {
  const home = await homeDatabaseOf(ch)
  const columns = await ch.query<{ table: string; name: string; type: string; comment: string }>(
    "SELECT table, name, type, comment FROM system.columns WHERE database = {db:String} AND table IN {tables:Array(String)} ORDER BY table, position",
    { db: home, tables: ANALYTICS_TABLES.map((t) => t.name) },
  )
  return ANALYTICS_TABLES.map((t) => ({
    name: t.name,
    description: t.description,
    columns: columns
      .filter((c) => c.table === t.name)
      .map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
  }))
}
