import type { Request } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"

/** The alert type `raiseRefuelAlerts` gives a consumption anomaly; its key is the refuel's id. */
export const CONSUMPTION_ALERT_TYPE = "fuel_consumption"

/**
 * Resolves the open (or acknowledged) consumption alert of refuel `entryId` with `note`, audited as
 * an alert resolution; `c` is the `withOrg` transaction that marks the anomaly checked. Returns the
 * alert's id, or null when none was open (already resolved by hand, or never raised).
 */
export const settleConsumptionAlert = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  entryId: string,
  note: string | null,
): Promise<string | null> => {
  const open = await firstRow(
    c,
    sql
      .selectFrom("alerts")
      .select(["id", "status"])
      .where("type", "=", CONSUMPTION_ALERT_TYPE)
      .where("key", "=", entryId)
      .where("status", "<>", "resolved")
      .forNoKeyUpdate(),
  )
  if (open === undefined) return null
  await rows(
    c,
    sql
      .updateTable("alerts")
      .set({
        status: "resolved",
        resolved_at: raw<Date>`now()`,
        resolved_by: p.userId,
        resolution_note: (eb) => eb.fn.coalesce(eb.val(note), eb.ref("resolution_note")),
      })
      .where("id", "=", open.id),
  )
  await audit(c, p, request, {
    action: "alert.resolve",
    entity: "alert",
    entityId: open.id,
    oldValues: { status: open.status },
    newValues: { status: "resolved" },
    details: { note, fuelEntryId: entryId, by: "fuel-entry.check" },
  })
  return open.id
}
