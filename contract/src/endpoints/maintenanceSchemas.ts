import { Schema } from "effect"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"

/**
 * A task's life: scheduled (overdue once past its date or odometer) → in progress → completed, or
 * cancelled from any open state. Completed and cancelled are final.
 */
export const MAINTENANCE_TASK_STATUSES = [
  "scheduled",
  "overdue",
  "in_progress",
  "completed",
  "cancelled",
] as const
export type MaintenanceTaskStatus = (typeof MAINTENANCE_TASK_STATUSES)[number]

/** The states a task may still move out of. */
export const OPEN_MAINTENANCE_STATUSES = ["scheduled", "overdue", "in_progress"] as const

/** Where a move to `status` may come from (completing has its own endpoint, from any open state). */
export const MAINTENANCE_MOVES: Readonly<
  Record<"scheduled" | "in_progress" | "cancelled", ReadonlyArray<MaintenanceTaskStatus>>
> = {
  scheduled: ["in_progress"],
  in_progress: ["scheduled", "overdue"],
  cancelled: ["scheduled", "overdue", "in_progress"],
}

export const MaintenanceTemplate = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  vehicleTypeId: Schema.NullOr(Uuid),
  vehicleId: Schema.NullOr(Uuid),
  /** What it applies to, by name: the vehicle type's, or the vehicle's (and its plate). */
  vehicleTypeName: Schema.NullOr(Schema.String),
  vehicleName: Schema.NullOr(Schema.String),
  vehiclePlate: Schema.NullOr(Schema.String),
  everyKm: Schema.NullOr(Schema.Finite),
  everyMonths: Schema.NullOr(Schema.Int),
}).annotate({ identifier: "MaintenanceTemplate" })

export const MaintenancePart = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  quantity: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0.001, maximum: 100_000 })),
  /** The line's cost in the task's currency. */
  cost: Schema.NullOr(Money),
}).annotate({ identifier: "MaintenancePart" })

export const MaintenanceTask = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  vehicleName: Schema.String,
  vehiclePlate: Schema.NullOr(Schema.String),
  /** Null for an unplanned repair. */
  templateId: Schema.NullOr(Uuid),
  name: Schema.String,
  status: Schema.Literals(MAINTENANCE_TASK_STATUSES),
  dueOdometerKm: Schema.NullOr(Schema.Finite),
  dueDate: Schema.NullOr(IsoDate),
  /** The vehicle's odometer now (device or latest reading), to tell how many km are left. */
  currentOdometerKm: Schema.NullOr(Schema.Finite),
  /** Days-ahead reminders already sent (14, 7, 3, 1). */
  remindersSent: Schema.Array(Schema.Int),
  startedAt: Schema.NullOr(IsoDateTime),
  completedOn: Schema.NullOr(IsoDate),
  completedOdometerKm: Schema.NullOr(Schema.Finite),
  cost: Schema.NullOr(Money),
  currency: Schema.NullOr(Currency),
  vendor: Schema.NullOr(Schema.String),
  parts: Schema.Array(MaintenancePart),
  notes: Schema.NullOr(Schema.String),
  /** The `service` expense that carries the cost. */
  expenseId: Schema.NullOr(Uuid),
  completedBy: Schema.NullOr(Uuid),
}).annotate({ identifier: "MaintenanceTask" })

/** What completing a service records. */
export const ServiceRecord = {
  odometerKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  completedOn: IsoDate,
  cost: Schema.optionalKey(Money),
  currency: Schema.optionalKey(Currency),
  vendor: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  parts: Schema.optionalKey(Schema.Array(MaintenancePart).check(Schema.isMaxLength(100))),
  notes: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(4000))),
}

const Interval = {
  everyKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 100, maximum: 1_000_000 })),
  everyMonths: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 120 })),
}

export const TemplateFields = {
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  ...Interval,
}
