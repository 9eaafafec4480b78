import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const MAINTENANCE_TASK_STATUSES = ["scheduled", "overdue", "completed", "cancelled"] as const

export const MaintenanceTemplate = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  vehicleTypeId: Schema.NullOr(Uuid),
  vehicleId: Schema.NullOr(Uuid),
  everyKm: Schema.NullOr(Schema.Finite),
  everyMonths: Schema.NullOr(Schema.Int),
}).annotate({ identifier: "MaintenanceTemplate" })

export const MaintenanceTask = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  templateId: Uuid,
  name: Schema.String,
  status: Schema.Literals(MAINTENANCE_TASK_STATUSES),
  dueOdometerKm: Schema.NullOr(Schema.Finite),
  dueDate: Schema.NullOr(IsoDate),
  /** Days-ahead reminders already sent (14, 7, 3, 1). */
  remindersSent: Schema.Array(Schema.Int),
  completedOn: Schema.NullOr(IsoDate),
  completedOdometerKm: Schema.NullOr(Schema.Finite),
  cost: Schema.NullOr(Money),
  currency: Schema.NullOr(Currency),
  notes: Schema.NullOr(Schema.String),
  completedBy: Schema.NullOr(Uuid),
}).annotate({ identifier: "MaintenanceTask" })

/** Service templates, the tasks they produce, and completing a task (which plans the next). */
export const maintenance = {
  createTemplate: endpoint({
    id: "maintenance.createTemplate",
    method: "post",
    path: "/api/v1/maintenance/templates",
    tag: "maintenance",
    summary: 'A service "every N km or M months, whichever first", for a vehicle type or one vehicle',
    access: "maintenance.manage",
    body: Schema.Struct({
      name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
      vehicleTypeId: Schema.optionalKey(Uuid),
      vehicleId: Schema.optionalKey(Uuid),
      everyKm: Schema.optionalKey(
        Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 100, maximum: 1_000_000 })),
      ),
      everyMonths: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 120 }))),
    }),
    invalidCode: "FLEET_MAINTENANCE_TEMPLATE_INVALID",
    response: MaintenanceTemplate,
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  listTemplates: endpoint({
    id: "maintenance.listTemplates",
    method: "get",
    path: "/api/v1/maintenance/templates",
    tag: "maintenance",
    summary: "Active service templates",
    description: "`q` searches the name.",
    access: "maintenance.read",
    query: listQuery(["name", "everyKm", "everyMonths"], {
      vehicleTypeId: Schema.optionalKey(Uuid),
      vehicleId: Schema.optionalKey(Uuid),
    }),
    response: listOf(MaintenanceTemplate),
  }),
  listTasks: endpoint({
    id: "maintenance.listTasks",
    method: "get",
    path: "/api/v1/maintenance/tasks",
    tag: "maintenance",
    summary: "Service tasks, soonest due first (a driver: of the vehicles assigned to them)",
    description: "`status=open` lists scheduled and overdue tasks. `q` searches the template's name.",
    access: "maintenance.read",
    query: listQuery(["dueDate", "dueOdometerKm", "name"], {
      status: Schema.optionalKey(Schema.Literals([...MAINTENANCE_TASK_STATUSES, "open"])),
      vehicleId: Schema.optionalKey(Uuid),
    }),
    response: listOf(MaintenanceTask),
  }),
  completeTask: endpoint({
    id: "maintenance.completeTask",
    method: "post",
    path: "/api/v1/maintenance/tasks/:id/complete",
    tag: "maintenance",
    summary: "Record the service as done; the next one is planned from it",
    access: "maintenance.manage",
    params: IdParams,
    body: Schema.Struct({
      odometerKm: Schema.Number.check(
        Schema.isFinite(),
        Schema.isBetween({ minimum: 0, maximum: 10_000_000 }),
      ),
      completedOn: IsoDate,
      cost: Schema.optionalKey(Money),
      currency: Schema.optionalKey(Currency),
      notes: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(4000))),
    }),
    invalidCode: "FLEET_MAINTENANCE_COMPLETION_INVALID",
    response: MaintenanceTask,
    errors: [
      { status: 404, code: "FLEET_MAINTENANCE_TASK_NOT_FOUND" },
      { status: 409, code: "FLEET_MAINTENANCE_TASK_CLOSED" },
    ],
  }),
} as const
