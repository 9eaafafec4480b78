import type pg from "pg"
import { rows, sql } from "../db/sql.js"
import type { ReportScope } from "../reports/reportScope.js"

/** A report's scope without the vehicles that have not passed onboarding (the utilisation report counts approved ones only). */
export const approvedScope = async (c: pg.ClientBase, scope: ReportScope): Promise<ReportScope> => {
  if (scope.ids.length === 0) return scope
  const pending = new Set(
    (
      await rows(
        c,
        sql
          .selectFrom("vehicles")
          .select("id")
          .where("id", "in", [...scope.ids])
          .where("onboarding_status", "<>", "approved"),
      )
    ).map((r) => r.id),
  )
  if (pending.size === 0) return scope
  const vehicles = scope.vehicles.filter((v) => !pending.has(v.id))
  return { ...scope, vehicles, ids: vehicles.map((v) => v.id) }
}
