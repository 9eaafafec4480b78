import type { Request } from "@fleetcore/platform"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { recordService } from "../maintenance/recordService.js"
import type { VisitRow } from "./visitView.js"
import { visitItems } from "./visitView.js"

/**
 * Enters confirmed visit `v` in its vehicle's service book: a completed maintenance task with the
 * visit's odometer, the centre as vendor, the parts, and the items' total as its `service` expense,
 * through the same `recordService` a completed repair uses. Called once per visit (the caller holds
 * the visit's row lock and moves it out of `completed`); returns the task's and expense's ids.
 */
export const enterServiceBook = async (
  c: pg.PoolClient,
  p: Principal,
  request: Request,
  v: VisitRow,
): Promise<{ taskId: string; expenseId: string | null }> => {
  if (v.odometer === null || v.completed_at === null) throw new Error("a completed visit has its odometer")
  const items = await visitItems(c, v.id)
  const name = `Service visit: ${v.centre_name}`.slice(0, 200)
  const task = await firstRow(
    c,
    sql
      .insertInto("maintenance_tasks")
      .values({
        org_id: p.orgId,
        vehicle_id: v.vehicle_id,
        template_id: null,
        name,
        status: "in_progress",
        notes: v.complaint,
        started_at: v.opened_at,
        created_by: p.userId,
      })
      .returning("id"),
  )
  if (task === undefined) throw new Error("the service book entry was not stored")
  const recommendations = items.flatMap((i) => (i.recommendations === null ? [] : [i.recommendations]))
  await recordService(
    c,
    p,
    request,
    { id: task.id, vehicleId: v.vehicle_id, templateId: null, name },
    {
      odometerKm: v.odometer,
      completedOn: v.completed_at.toISOString().slice(0, 10),
      cost: v.total,
      currency: v.currency,
      vendor: v.centre_name,
      parts: items
        .filter((i) => i.kind === "part")
        .map((i) => ({
          name: (i.partNumber === null ? i.description : `${i.description} (${i.partNumber})`).slice(0, 200),
          quantity: i.quantity,
          cost: i.lineTotal,
        })),
      notes:
        [v.complaint, ...recommendations]
          .filter((t) => t !== null)
          .join("\n")
          .slice(0, 4000) || undefined,
    },
  )
  await audit(c, p, request, {
    action: "maintenance-task.create",
    entity: "maintenance_task",
    entityId: task.id,
    newValues: { vehicleId: v.vehicle_id, name, status: "completed", serviceVisitId: v.id },
  })
  const entered = await firstRow(
    c,
    sql.selectFrom("maintenance_tasks").select("expense_id").where("id", "=", task.id),
  )
  return { taskId: task.id, expenseId: entered?.expense_id ?? null }
}
