import { Currency, IsoDate, Money, Uuid } from "@fleetcore/contract"
import { planMaintenance } from "@fleetcore/engine"
import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { type RouteDeps, UUID } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"

const CreateTemplate = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  vehicleTypeId: Schema.optionalKey(Uuid),
  vehicleId: Schema.optionalKey(Uuid),
  everyKm: Schema.optionalKey(
    Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 100, maximum: 1_000_000 })),
  ),
  everyMonths: Schema.optionalKey(
    Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 120 })),
  ),
})
const Complete = Schema.Struct({
  odometerKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  completedOn: IsoDate,
  cost: Schema.optionalKey(Money),
  currency: Schema.optionalKey(Currency),
  notes: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(4000))),
})
const TaskFilter = Schema.Struct({
  status: Schema.optionalKey(Schema.Literals(["scheduled", "overdue", "completed", "cancelled", "open"])),
  vehicleId: Schema.optionalKey(Uuid),
})

const TASK_COLUMNS = `k.id, k.vehicle_id AS "vehicleId", k.template_id AS "templateId", t.name, k.status,
  k.due_odometer_km::float8 AS "dueOdometerKm", to_char(k.due_date, 'YYYY-MM-DD') AS "dueDate",
  k.reminders_sent AS "remindersSent", to_char(k.completed_on, 'YYYY-MM-DD') AS "completedOn",
  k.completed_odometer_km::float8 AS "completedOdometerKm", k.cost::text AS cost, k.currency, k.notes,
  k.completed_by AS "completedBy"`

/** Service templates, the tasks they produce, and completing a task (which plans the next). */
export const registerMaintenanceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps
  const managers = ["owner", "admin", "manager"] as const

  route(
    app,
    "post",
    "/api/v1/maintenance/templates",
    async (request) => {
      const p = await authorize(tokens, request, managers)
      const b = decodeOr400(CreateTemplate, jsonBody(request.body), "FLEET_MAINTENANCE_TEMPLATE_INVALID")
      if ((b.vehicleTypeId === undefined) === (b.vehicleId === undefined)) {
        throw new HttpError(
          400,
          "FLEET_MAINTENANCE_TEMPLATE_INVALID",
          "give exactly one of vehicleTypeId and vehicleId",
          "vehicleTypeId",
        )
      }
      if (b.everyKm === undefined && b.everyMonths === undefined) {
        throw new HttpError(
          400,
          "FLEET_MAINTENANCE_TEMPLATE_INVALID",
          "give everyKm, everyMonths or both",
          "everyKm",
        )
      }
      const id = await db.withOrg(p.orgId, async (c) => {
        if (b.vehicleTypeId !== undefined)
          await requireReference(c, "vehicleType", b.vehicleTypeId, "vehicleTypeId")
        if (b.vehicleId !== undefined) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
        const r = await c.query<{ id: string }>(
          `INSERT INTO maintenance_templates (org_id, name, vehicle_type_id, vehicle_id, every_km, every_months)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            p.orgId,
            b.name,
            b.vehicleTypeId ?? null,
            b.vehicleId ?? null,
            b.everyKm ?? null,
            b.everyMonths ?? null,
          ],
        )
        const created = r.rows[0]?.id as string
        await audit(c, p, request, {
          action: "maintenance-template.create",
          entity: "maintenance_template",
          entityId: created,
          newValues: b,
        })
        return created
      })
      return { status: 201, body: { id, ...b } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/maintenance/templates",
    async (request) => {
      const p = await authorize(tokens, request)
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query(
              `SELECT id, name, vehicle_type_id AS "vehicleTypeId", vehicle_id AS "vehicleId",
                      every_km::float8 AS "everyKm", every_months AS "everyMonths"
               FROM maintenance_templates WHERE active ORDER BY name`,
            )
          ).rows,
      )
      return { status: 200, body: { items: rows } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/maintenance/tasks",
    async (request) => {
      const p = await authorize(tokens, request)
      const f = decodeOr400(TaskFilter, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query(
              `SELECT ${TASK_COLUMNS} FROM maintenance_tasks k JOIN maintenance_templates t ON t.id = k.template_id
               WHERE ($1::text IS NULL OR ($1 = 'open' AND k.status IN ('scheduled', 'overdue')) OR k.status = $1)
                 AND ($2::uuid IS NULL OR k.vehicle_id = $2)
               ORDER BY k.due_date NULLS LAST, k.created_at LIMIT 1000`,
              [f.status ?? null, f.vehicleId ?? null],
            )
          ).rows,
      )
      return { status: 200, body: { items: rows } }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/maintenance/tasks/:id/complete",
    async (request) => {
      const p = await authorize(tokens, request, managers)
      const id = request.params[0] ?? ""
      if (!UUID.test(id)) throw new HttpError(404, "FLEET_MAINTENANCE_TASK_NOT_FOUND", "no such task")
      const b = decodeOr400(Complete, jsonBody(request.body), "FLEET_MAINTENANCE_COMPLETION_INVALID")
      if ((b.cost === undefined) !== (b.currency === undefined)) {
        throw new HttpError(
          400,
          "FLEET_MAINTENANCE_COMPLETION_INVALID",
          "cost and currency go together",
          "currency",
        )
      }
      const task = await db.withOrg(p.orgId, async (c) => {
        const updated = await c.query<{ vehicle_id: string; template_id: string; old_status: string }>(
          `UPDATE maintenance_tasks k SET status = 'completed', completed_on = $2, completed_odometer_km = $3, cost = $4,
                  currency = $5, notes = $6, completed_by = $7
           FROM (SELECT id, status FROM maintenance_tasks WHERE id = $1 FOR UPDATE) prior
           WHERE k.id = prior.id AND k.status IN ('scheduled', 'overdue')
           RETURNING k.vehicle_id, k.template_id, prior.status AS old_status`,
          [id, b.completedOn, b.odometerKm, b.cost ?? null, b.currency ?? null, b.notes ?? null, p.userId],
        )
        const row = updated.rows[0]
        if (row === undefined) {
          const exists = await c.query("SELECT 1 FROM maintenance_tasks WHERE id = $1", [id])
          if (exists.rowCount === 0)
            throw new HttpError(404, "FLEET_MAINTENANCE_TASK_NOT_FOUND", "no such task")
          throw new HttpError(
            409,
            "FLEET_MAINTENANCE_TASK_CLOSED",
            "the task is already completed or cancelled",
          )
        }
        // The next service is counted from this one.
        await c.query(
          "UPDATE maintenance_plans SET base_odometer_km = $3, base_date = $4 WHERE vehicle_id = $1 AND template_id = $2",
          [row.vehicle_id, row.template_id, b.odometerKm, b.completedOn],
        )
        await c.query(
          `UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = $2, resolution_note = 'service completed'
           WHERE key = $1 AND type IN ('maintenance_due', 'maintenance_overdue') AND status <> 'resolved'`,
          [id, p.userId],
        )
        await audit(c, p, request, {
          action: "maintenance-task.complete",
          entity: "maintenance_task",
          entityId: id,
          oldValues: { status: row.old_status },
          newValues: { status: "completed", ...b },
        })
        return (
          await c.query(
            `SELECT ${TASK_COLUMNS} FROM maintenance_tasks k JOIN maintenance_templates t ON t.id = k.template_id WHERE k.id = $1`,
            [id],
          )
        ).rows[0]
      })
      await planMaintenance(db.system, new Date().toISOString().slice(0, 10))
      return { status: 200, body: task }
    },
    { log },
  )
}
