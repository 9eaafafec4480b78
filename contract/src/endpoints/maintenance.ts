import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDate, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import {
  MAINTENANCE_TASK_STATUSES,
  MaintenanceTask,
  MaintenanceTemplate,
  ServiceRecord,
  TemplateFields,
} from "./maintenanceSchemas.js"

export * from "./maintenanceSchemas.js"

const taskNotFound = { status: 404, code: "FLEET_MAINTENANCE_TASK_NOT_FOUND" } as const
const templateNotFound = { status: 404, code: "FLEET_MAINTENANCE_TEMPLATE_NOT_FOUND" } as const

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
      name: TemplateFields.name,
      vehicleTypeId: Schema.optionalKey(Uuid),
      vehicleId: Schema.optionalKey(Uuid),
      everyKm: Schema.optionalKey(TemplateFields.everyKm),
      everyMonths: Schema.optionalKey(TemplateFields.everyMonths),
      /**
       * Where the first service of the vehicles already in service is counted from: `today` (their
       * odometer and date now; the default: their earlier services are not in FleetCore) or
       * `commissioning` (may make them overdue at once). Vehicles added later count from their
       * commissioning either way.
       */
      countFrom: Schema.optionalKey(Schema.Literals(["today", "commissioning"])),
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
    description:
      "`status=open` lists scheduled, overdue and in-progress tasks; `status=waiting` the scheduled and overdue ones (the board's first column). `q` searches the task's name and the vehicle's name and plate. `dueFrom`/`dueTo` bound the due date (inclusive); `teamId` keeps the vehicles of a team.",
    access: "maintenance.read",
    query: listQuery(["dueDate", "dueOdometerKm", "name", "completedOn"], {
      status: Schema.optionalKey(Schema.Literals([...MAINTENANCE_TASK_STATUSES, "open", "waiting"])),
      vehicleId: Schema.optionalKey(Uuid),
      teamId: Schema.optionalKey(Uuid),
      dueFrom: Schema.optionalKey(IsoDate),
      dueTo: Schema.optionalKey(IsoDate),
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
    description:
      "From any open state. A cost creates the task's `service` expense (converted like any expense); parts costs are in the task's currency.",
    body: Schema.Struct(ServiceRecord),
    invalidCode: "FLEET_MAINTENANCE_COMPLETION_INVALID",
    response: MaintenanceTask,
    errors: [taskNotFound, { status: 409, code: "FLEET_MAINTENANCE_TASK_CLOSED" }],
  }),
  updateTemplate: endpoint({
    id: "maintenance.updateTemplate",
    method: "patch",
    path: "/api/v1/maintenance/templates/:id",
    tag: "maintenance",
    summary: "Change a service template's name, interval or what it applies to",
    description: "`null` clears an interval; one of everyKm and everyMonths must remain.",
    access: "maintenance.manage",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(TemplateFields.name),
      vehicleTypeId: Schema.optionalKey(Schema.NullOr(Uuid)),
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      everyKm: Schema.optionalKey(Schema.NullOr(TemplateFields.everyKm)),
      everyMonths: Schema.optionalKey(Schema.NullOr(TemplateFields.everyMonths)),
    }),
    invalidCode: "FLEET_MAINTENANCE_TEMPLATE_INVALID",
    response: MaintenanceTemplate,
    errors: [templateNotFound, { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  deleteTemplate: endpoint({
    id: "maintenance.deleteTemplate",
    method: "delete",
    path: "/api/v1/maintenance/templates/:id",
    tag: "maintenance",
    summary: "Retire a service template: no new tasks; its scheduled tasks are cancelled, history stays",
    access: "maintenance.manage",
    params: IdParams,
    errors: [templateNotFound],
  }),
  getTask: endpoint({
    id: "maintenance.getTask",
    method: "get",
    path: "/api/v1/maintenance/tasks/:id",
    tag: "maintenance",
    summary: "One service task with its service record",
    access: "maintenance.read",
    params: IdParams,
    response: MaintenanceTask,
    errors: [taskNotFound],
  }),
  createTask: endpoint({
    id: "maintenance.createTask",
    method: "post",
    path: "/api/v1/maintenance/tasks",
    tag: "maintenance",
    summary: "Plan a one-off service or record an unplanned repair (in progress, or completed at once)",
    description: "`status: completed` needs `service` (recorded as by completing).",
    access: "maintenance.manage",
    body: Schema.Struct({
      vehicleId: Uuid,
      name: TemplateFields.name,
      status: Schema.Literals(["scheduled", "in_progress", "completed"]),
      dueDate: Schema.optionalKey(IsoDate),
      dueOdometerKm: Schema.optionalKey(ServiceRecord.odometerKm),
      notes: Schema.optionalKey(ServiceRecord.notes),
      service: Schema.optionalKey(Schema.Struct(ServiceRecord)),
    }),
    invalidCode: "FLEET_MAINTENANCE_TASK_INVALID",
    response: MaintenanceTask,
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  moveTask: endpoint({
    id: "maintenance.moveTask",
    method: "post",
    path: "/api/v1/maintenance/tasks/:id/move",
    tag: "maintenance",
    summary: "Start a task, put it back to scheduled, or cancel it",
    description:
      "Scheduled or overdue → in_progress → scheduled (back); any open state → cancelled. Completing is `complete`.",
    access: "maintenance.manage",
    params: IdParams,
    body: Schema.Struct({ status: Schema.Literals(["scheduled", "in_progress", "cancelled"]) }),
    response: MaintenanceTask,
    errors: [taskNotFound, { status: 409, code: "FLEET_MAINTENANCE_MOVE_ILLEGAL" }],
  }),
} as const
