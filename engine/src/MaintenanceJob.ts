import type { OrgId, RaisedAlert, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import { type AlertRow, raiseAlerts } from "./AlertSink.js"
import { defaultPlanConfig, planService } from "./rules/maintenance/MaintenancePlanner.js"

interface PlanRow {
  org_id: string
  vehicle_id: string
  template_id: string
  name: string
  every_km: number | null
  every_months: number | null
  base_odometer_km: number
  base_date: string
  current_km: number | null
  settings: Record<string, unknown>
  task_id: string | null
  task_status: "scheduled" | "overdue" | null
  reminders_sent: number[] | null
}

/**
 * A vehicle's odometer now, km, as everywhere (migration 1734980000000_vehicle-odometer.sql). This
 * job runs as the system (no row-level security): `v` is already a row of the organisation's.
 */
const CURRENT_KM = "vehicle_odometer_m(v.id) / 1000"

/**
 * The template `t` applies to the vehicle `v`: it is the vehicle's own, or its type's and the vehicle
 * has no own template of the same name (which overrides the type's).
 */
const APPLIES = `t.active AND t.org_id = v.org_id
  AND (t.vehicle_id = v.id OR (t.vehicle_type_id = v.vehicle_type_id AND NOT EXISTS (
        SELECT 1 FROM maintenance_templates o
        WHERE o.active AND o.org_id = v.org_id AND o.vehicle_id = v.id AND o.name = t.name)))`

/**
 * Starts a new template's plans for the vehicles already in service from their odometer and
 * `today` ("YYYY-MM-DD"), instead of from their commissioning: services they had before the template
 * existed are not in FleetCore, and counting from commissioning would make a long-running fleet
 * overdue at once. Vehicles added later start from their commissioning (`planMaintenance`). Runs in
 * the caller's transaction (row-level security applies).
 */
export const startPlansFromToday = async (c: pg.ClientBase, templateId: string, today: string) => {
  await c.query(
    `INSERT INTO maintenance_plans (vehicle_id, template_id, org_id, base_odometer_km, base_date)
     SELECT v.id, t.id, v.org_id, COALESCE(${CURRENT_KM}, v.commissioned_odometer_km, 0), $2::date
     FROM vehicles v JOIN maintenance_templates t ON t.id = $1 AND ${APPLIES}
     ON CONFLICT DO NOTHING`,
    [templateId, today],
  )
}

/**
 * Plans every vehicle's services for `today` ("YYYY-MM-DD"): starts a plan for new
 * (vehicle, template) pairs from commissioning, opens a scheduled task when a service is within
 * 500 km or 14 days, marks it overdue past its odometer or date, and sends each 14/7/3/1-day
 * reminder once. A decommissioned vehicle is out of service: nothing is planned nor raised for it
 * (its plans stay, and go on when it is back in service). Safe to run as often as wanted. Returns
 * the alerts it opened.
 */
export const planMaintenance = async (db: pg.Pool, today: string): Promise<AlertRow[]> => {
  await db.query(
    `INSERT INTO maintenance_plans (vehicle_id, template_id, org_id, base_odometer_km, base_date)
     SELECT v.id, t.id, v.org_id, COALESCE(v.commissioned_odometer_km, ${CURRENT_KM}, 0),
            COALESCE(v.commissioned_on, v.created_at::date)
     FROM vehicles v
     JOIN maintenance_templates t ON ${APPLIES}
     ON CONFLICT DO NOTHING`,
  )
  const { rows } = await db.query<PlanRow>(
    `SELECT p.org_id, p.vehicle_id, p.template_id, t.name, t.every_km::float8 AS every_km, t.every_months,
            p.base_odometer_km::float8 AS base_odometer_km, to_char(p.base_date, 'YYYY-MM-DD') AS base_date,
            ${CURRENT_KM} AS current_km, o.settings, k.id AS task_id, k.status AS task_status, k.reminders_sent
     FROM maintenance_plans p
     JOIN maintenance_templates t ON t.id = p.template_id AND t.active AND t.org_id = p.org_id
     JOIN vehicles v ON v.id = p.vehicle_id AND v.org_id = p.org_id AND v.status <> 'decommissioned'
     JOIN organisations o ON o.id = p.org_id
     LEFT JOIN maintenance_tasks k ON k.vehicle_id = p.vehicle_id AND k.template_id = p.template_id
                                  AND k.org_id = p.org_id AND k.status IN ('scheduled', 'overdue')`,
  )
  const alerts: RaisedAlert[] = []
  for (const r of rows) {
    const plan = planService(
      { everyKm: r.every_km, everyMonths: r.every_months },
      { odometerKm: r.base_odometer_km, date: r.base_date },
      { odometerKm: r.current_km, today },
      {
        ...defaultPlanConfig,
        aheadKm:
          typeof r.settings.maintenanceAheadKm === "number"
            ? r.settings.maintenanceAheadKm
            : defaultPlanConfig.aheadKm,
        aheadDays:
          typeof r.settings.maintenanceAheadDays === "number"
            ? r.settings.maintenanceAheadDays
            : defaultPlanConfig.aheadDays,
      },
    )
    if (plan.status === "ok" && r.task_id === null) continue
    const status = plan.status === "overdue" ? "overdue" : "scheduled"
    let taskId = r.task_id
    if (taskId === null) {
      const created = await db.query<{ id: string }>(
        `INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status, due_odometer_km, due_date)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [r.org_id, r.vehicle_id, r.template_id, status, plan.dueOdometerKm, plan.dueDate],
      )
      taskId = created.rows[0]?.id ?? null
      if (taskId === null) continue
    } else if (status === "overdue" && r.task_status !== "overdue") {
      await db.query("UPDATE maintenance_tasks SET status = 'overdue' WHERE id = $1", [taskId])
    }
    const raise = (type: string, severity: RaisedAlert["severity"], details: Record<string, unknown>) =>
      alerts.push({
        orgId: r.org_id as OrgId,
        vehicleId: r.vehicle_id as VehicleId,
        type,
        key: taskId as string,
        severity,
        timeMs: Date.parse(`${today}T00:00:00Z`),
        lat: null,
        lon: null,
        details: { task: r.name, dueOdometerKm: plan.dueOdometerKm, dueDate: plan.dueDate, ...details },
      })
    if (status === "overdue") raise("maintenance_overdue", "critical", { dueBy: plan.dueBy })
    const newReminders = plan.remindersDue.filter((d) => !(r.reminders_sent ?? []).includes(d))
    if (newReminders.length > 0 && status !== "overdue") {
      await db.query(
        "UPDATE maintenance_tasks SET reminders_sent = reminders_sent || $2::int[] WHERE id = $1",
        [taskId, newReminders],
      )
      raise("maintenance_due", "info", { daysLeft: plan.remainingDays, kmLeft: plan.remainingKm })
    }
  }
  return raiseAlerts(db, alerts)
}
