import { type CheckContext, raiseCheck, VEHICLE_LABEL } from "./CheckContext.js"
import { expiryStage, MAINTENANCE_THRESHOLDS } from "./expiryStage.js"

/** A service is announced this close to its due odometer (km): seed 000. */
export const MAINTENANCE_AHEAD_KM = 500

/** The vehicle's odometer now, km, as everywhere (migration 1734980000000_vehicle-odometer.sql). */
const CURRENT_KM = "vehicle_odometer_m(v.id) / 1000"

interface TaskRow {
  id: string
  vehicle_id: string
  vehicle: string
  task: string
  due_on: string | null
  days_left: number | null
  due_km: number | null
  current_km: number | null
}

/**
 * Maintenance reminders of open tasks (scheduled, overdue, in progress) entered by hand: 14/7/3/1
 * days before the due date and overdue past it; within 500 km of the due odometer and overdue past
 * it. Each once per task and due value (a rescheduled task is reminded again). A task planned from
 * a service template is announced by the engine's planner instead (engine/src/MaintenanceJob.ts:
 * the `maintenance_due` alert at the same 14/7/3/1 days and its km ahead, `maintenance_overdue`),
 * so nobody hears of one service twice.
 */
export const maintenanceCheck = async (ctx: CheckContext): Promise<number> => {
  const { rows } = await ctx.pool.query<TaskRow>(
    `SELECT k.id, k.vehicle_id, ${VEHICLE_LABEL("v")} AS vehicle, COALESCE(k.name, t.name, '') AS task,
            to_char(k.due_date, 'YYYY-MM-DD') AS due_on, (k.due_date - $2::date) AS days_left,
            k.due_odometer_km::float8 AS due_km, ${CURRENT_KM} AS current_km
     FROM maintenance_tasks k
     JOIN vehicles v ON v.id = k.vehicle_id AND v.org_id = k.org_id
     LEFT JOIN maintenance_templates t ON t.id = k.template_id AND t.org_id = k.org_id
     WHERE k.org_id = $1 AND k.status IN ('scheduled', 'overdue', 'in_progress') AND k.template_id IS NULL
       AND (k.due_date IS NOT NULL OR k.due_odometer_km IS NOT NULL)`,
    [ctx.orgId, ctx.today],
  )
  let raised = 0
  for (const r of rows) {
    const base = { vehicleId: r.vehicle_id, link: `/vehicles/${r.vehicle_id}` }
    if (r.due_on !== null && r.days_left !== null) {
      const stage = expiryStage(r.days_left, MAINTENANCE_THRESHOLDS, ctx.sinceDays)
      if (stage !== null) {
        const overdue = stage.stage === "expired"
        if (
          await raiseCheck(ctx, {
            ...base,
            type: "maintenance_reminder",
            severity: stage.severity,
            dedupeKey: `maintenance_days:${r.id}:${r.due_on}:${overdue ? "overdue" : stage.threshold}`,
            key: "maintenance_days",
            params: {
              stage: overdue ? "overdue" : "soon",
              days: r.days_left,
              task: r.task,
              vehicle: r.vehicle,
              dueOn: r.due_on,
            },
          })
        )
          raised++
      }
    }
    if (r.due_km !== null && r.current_km !== null) {
      const kmLeft = r.due_km - r.current_km
      if (kmLeft > MAINTENANCE_AHEAD_KM) continue
      const overdue = kmLeft <= 0
      if (
        await raiseCheck(ctx, {
          ...base,
          type: "maintenance_reminder",
          severity: overdue ? "critical" : "warning",
          dedupeKey: `maintenance_km:${r.id}:${r.due_km}:${overdue ? "overdue" : MAINTENANCE_AHEAD_KM}`,
          key: "maintenance_km",
          params: {
            stage: overdue ? "overdue" : "soon",
            kmLeft: Math.max(0, Math.round(kmLeft)),
            dueKm: r.due_km,
            currentKm: Math.round(r.current_km),
            task: r.task,
            vehicle: r.vehicle,
          },
        })
      )
        raised++
    }
  }
  return raised
}
