import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"

/** The kinds of history that keep a vehicle from being deleted (it is decommissioned instead). */
export type HistoryKind = "positions" | "fuel" | "maintenance" | "readings" | "documents"

/**
 * What history vehicle `id` has. Records that only exist because of the vehicle (its live state
 * aside, its assignments, plans, scheduled tasks, ownership periods, rule state) are not history and
 * go with it; what happened to it is. Tables added later that record a vehicle's history
 * (expenses, contracts, penalties) reference vehicles without ON DELETE CASCADE, so PostgreSQL
 * itself refuses the delete and the route answers the same 409. `c` is a `withOrg` connection.
 */
export const vehicleHistory = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  orgId: string,
  id: string,
): Promise<ReadonlyArray<HistoryKind>> => {
  const found = await c.query<Record<Exclude<HistoryKind, "positions">, boolean> & { state: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM vehicle_state WHERE vehicle_id = $1) AS state,
            EXISTS (SELECT 1 FROM expenses WHERE vehicle_id = $1 AND category = 'fuel') AS fuel,
            EXISTS (SELECT 1 FROM maintenance_tasks WHERE vehicle_id = $1 AND status = 'completed') AS maintenance,
            EXISTS (SELECT 1 FROM odometer_readings WHERE vehicle_id = $1) AS readings,
            EXISTS (SELECT 1 FROM documents WHERE entity_type = 'vehicle' AND entity_id = $1) AS documents`,
    [id],
  )
  const row = found.rows[0]
  const kinds: Array<HistoryKind> = []
  let positions = row?.state === true
  if (!positions) {
    const stored = await ch.query<{ n: number | string }>(
      "SELECT count() AS n FROM positions WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}",
      { org: orgId, vehicle: id },
    )
    positions = Number(stored[0]?.n ?? 0) > 0
  }
  if (positions) kinds.push("positions")
  for (const kind of ["fuel", "maintenance", "readings", "documents"] as const)
    if (row?.[kind]) kinds.push(kind)
  return kinds
}
