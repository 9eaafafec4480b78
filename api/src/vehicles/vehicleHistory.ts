import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"

/** The kinds of history that keep a vehicle from being deleted (it is decommissioned instead). */
export type HistoryKind =
  | "positions"
  | "expenses"
  | "maintenance"
  | "readings"
  | "documents"
  | "contracts"
  | "penalties"
  | "assignments"

const RECORDED = [
  "expenses",
  "maintenance",
  "readings",
  "documents",
  "contracts",
  "penalties",
  "assignments",
] as const

/**
 * What history vehicle `id` has: positions, expenses (refuels included), completed maintenance,
 * odometer readings, documents, contracts, fines and driver assignments. A vehicle with any of them
 * is decommissioned, never deleted, so its costs and its drivers' records stay whole (seed 003 phase
 * 5: "do not delete vehicles with assignments"). What only exists because of the vehicle (live
 * state aside: plans, scheduled tasks, ownership periods, rule state) goes with it. `c` is a
 * `withOrg` connection.
 */
export const vehicleHistory = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  orgId: string,
  id: string,
): Promise<ReadonlyArray<HistoryKind>> => {
  const found = await c.query<Record<(typeof RECORDED)[number], boolean> & { state: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM vehicle_state WHERE vehicle_id = $1) AS state,
            EXISTS (SELECT 1 FROM expenses WHERE vehicle_id = $1) AS expenses,
            EXISTS (SELECT 1 FROM contracts WHERE vehicle_id = $1) AS contracts,
            EXISTS (SELECT 1 FROM penalties WHERE vehicle_id = $1) AS penalties,
            EXISTS (SELECT 1 FROM driver_assignments WHERE vehicle_id = $1) AS assignments,
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
      "SELECT count() AS n FROM positions_buffer WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}",
      { org: orgId, vehicle: id },
    )
    positions = Number(stored[0]?.n ?? 0) > 0
  }
  if (positions) kinds.push("positions")
  for (const kind of RECORDED) if (row?.[kind]) kinds.push(kind)
  return kinds
}
