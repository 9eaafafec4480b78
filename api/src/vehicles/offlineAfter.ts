import { DEFAULT_OFFLINE_AFTER_MINUTES } from "@fleetcore/engine"
import { sql as raw } from "kysely"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"

/** The organisation's offline threshold: the same one the engine's offline check uses. */
export const offlineAfterMinutesOf = async (c: pg.ClientBase, orgId: string): Promise<number> => {
  const found = await firstRow(
    c,
    sql
      .selectFrom("organisations")
      .select(raw<number | null>`(settings->>'offlineAfterMinutes')::int`.as("minutes"))
      .where("id", "=", orgId),
  )
  return found?.minutes ?? DEFAULT_OFFLINE_AFTER_MINUTES
}
