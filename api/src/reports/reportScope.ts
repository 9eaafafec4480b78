import type { ReportQuery } from "@fleetcore/contract"
import { reason } from "@fleetcore/contract"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { refuse } from "../http/refuse.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import type { ReportPeriod } from "./reportPeriod.js"

/** A vehicle a report covers. */
export interface ScopedVehicle {
  readonly id: string
  readonly name: string
  readonly plate: string | null
}

/** An applied filter: its query key, the id (or text) asked for, and the name it stands for. */
export interface AppliedFilter {
  readonly key: string
  readonly id: string
  readonly name: string
}

/** The vehicles a report covers and the filters that chose them. */
export interface ReportScope {
  readonly vehicles: ReadonlyArray<ScopedVehicle>
  readonly ids: ReadonlyArray<string>
  readonly filters: ReadonlyArray<AppliedFilter>
}

const filterNotFound = (field: string) =>
  refuse(404, "FLEET_REPORT_FILTER_NOT_FOUND", field, reason("filterNotVisible"))

/** The name of the entity a filter names, inside the caller's organisation (row-level security), or a 404. */
const nameOf = async (field: string, found: Promise<{ name: string } | undefined>) => {
  const row = await found
  if (row === undefined) throw filterNotFound(field)
  return row.name
}

/**
 * The vehicles a report covers: those `p` may see (row-level security; a driver only the vehicles
 * assigned to them now, `visibleVehicles`), narrowed by the filters. The driver filter keeps the
 * vehicles assigned to that driver at any time in the period. Every id in a filter is looked up
 * first: one naming nothing the caller may see answers 404, exactly as an unknown one.
 */
export const reportScope = async (
  c: pg.ClientBase,
  p: Principal,
  q: typeof ReportQuery.Type,
  period: ReportPeriod,
): Promise<ReportScope> => {
  const filters: Array<AppliedFilter> = []
  if (q.vehicleId !== undefined) {
    const name = await nameOf(
      "vehicleId",
      firstRow(
        c,
        sql
          .selectFrom("vehicles as v")
          .select("v.name")
          .where("v.id", "=", q.vehicleId)
          .where(visibleVehicles(p, "v.id")),
      ),
    )
    filters.push({ key: "vehicleId", id: q.vehicleId, name })
  }
  if (q.vehicleTypeId !== undefined) {
    const name = await nameOf(
      "vehicleTypeId",
      firstRow(c, sql.selectFrom("vehicle_types").select("name").where("id", "=", q.vehicleTypeId)),
    )
    filters.push({ key: "vehicleTypeId", id: q.vehicleTypeId, name })
  }
  if (q.teamId !== undefined) {
    const name = await nameOf(
      "teamId",
      firstRow(c, sql.selectFrom("teams").select("name").where("id", "=", q.teamId)),
    )
    filters.push({ key: "teamId", id: q.teamId, name })
  }
  if (q.department !== undefined) filters.push({ key: "department", id: q.department, name: q.department })
  if (q.driverId !== undefined) {
    const name = await nameOf(
      "driverId",
      firstRow(c, sql.selectFrom("drivers").select("full_name as name").where("id", "=", q.driverId)),
    )
    filters.push({ key: "driverId", id: q.driverId, name })
  }

  let query = sql
    .selectFrom("vehicles as v")
    .select(["v.id", "v.name", "v.plate"])
    .where(visibleVehicles(p, "v.id"))
    .orderBy("v.name")
    .orderBy("v.id")
  if (q.vehicleId !== undefined) query = query.where("v.id", "=", q.vehicleId)
  if (q.vehicleTypeId !== undefined) query = query.where("v.vehicle_type_id", "=", q.vehicleTypeId)
  if (q.teamId !== undefined) query = query.where("v.team_id", "=", q.teamId)
  if (q.department !== undefined) query = query.where("v.department", "=", q.department)
  if (q.driverId !== undefined) {
    const driverId = q.driverId
    // Assigned at any moment of the period's days (instants compared by day in UTC: a day's slack at most).
    query = query.where("v.id", "in", (eb) =>
      eb
        .selectFrom("driver_assignments as a")
        .select("a.vehicle_id")
        .where("a.driver_id", "=", driverId)
        .where("a.starts_at", "<", new Date(`${period.to}T23:59:59.999Z`))
        .where((w) =>
          w.or([w("a.ends_at", "is", null), w("a.ends_at", ">", new Date(`${period.from}T00:00:00Z`))]),
        ),
    )
  }
  const vehicles = await rows(c, query)
  return { vehicles, ids: vehicles.map((v) => v.id), filters }
}
