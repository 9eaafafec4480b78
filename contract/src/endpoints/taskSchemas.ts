import { Schema } from "effect"
import { IsoDateTime, Uuid } from "../schemas.js"

/** How urgent a task is. */
export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const
export const TaskPriority = Schema.Literals(TASK_PRIORITIES)
export type TaskPriority = typeof TaskPriority.Type

/**
 * The telemetry a template reacts to: the vehicle entering or leaving the task's geofence (the
 * engine's alerts, key = fence id) and its ignition off inside that fence for `minutes` move an
 * open task to `to`; a DTC appearing on a vehicle (the engine's `dtc` alert) opens a task from the
 * template for it, in state `to`.
 */
export const TASK_TRIGGER_EVENTS = ["geofence_enter", "geofence_exit", "ignition_off", "dtc"] as const

/** What a task's history records. */
export const TASK_EVENT_KINDS = ["created", "status_change", "comment", "attachment", "assignment"] as const

/**
 * The states of the built-in ad hoc workflow (a task created without a template). Their labels are
 * the server's English; the dashboard shows them in the user's language. A template's states are
 * shown as its author named them.
 */
export const AD_HOC_TASK_STATES = ["open", "in_progress", "done", "cancelled"] as const
export type AdHocTaskState = (typeof AD_HOC_TASK_STATES)[number]

/** A state key: lower-case letters, digits and underscores ("on_site"). */
export const StateKey = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{0,39}$/u))
const Label = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(80))
const ChecklistItem = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))

export const TaskState = Schema.Struct({
  key: StateKey,
  label: Label,
  /** The state a new task starts in: exactly one per machine. */
  initial: Schema.optionalKey(Schema.Boolean),
  /** The task is over (done, cancelled): no transition leaves it. */
  final: Schema.optionalKey(Schema.Boolean),
})
export type TaskState = typeof TaskState.Type

/** What a step needs before the server lets a task take it. */
export const TaskRequirements = Schema.Struct({
  photo: Schema.optionalKey(Schema.Boolean),
  document: Schema.optionalKey(Schema.Boolean),
  comment: Schema.optionalKey(Schema.Boolean),
  /** Every item must be ticked. */
  checklist: Schema.optionalKey(Schema.Array(ChecklistItem).check(Schema.isMaxLength(30))),
  /** A signature drawn on the phone, uploaded as an image of the task. */
  signature: Schema.optionalKey(Schema.Boolean),
})
export type TaskRequirements = typeof TaskRequirements.Type

export const TaskTransition = Schema.Struct({
  from: StateKey,
  to: StateKey,
  requires: Schema.optionalKey(TaskRequirements),
})
export type TaskTransition = typeof TaskTransition.Type

export const TaskTrigger = Schema.Struct({
  on: Schema.Literals(TASK_TRIGGER_EVENTS),
  to: StateKey,
  /** `ignition_off` only: how long the ignition stays off inside the fence. */
  minutes: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1440 }))),
})
export type TaskTrigger = typeof TaskTrigger.Type

/** A workflow: the states, the allowed steps between them and the telemetry that moves a task. */
export const TaskMachine = Schema.Struct({
  states: Schema.Array(TaskState).check(Schema.isMinLength(2), Schema.isMaxLength(20)),
  transitions: Schema.Array(TaskTransition).check(Schema.isMaxLength(60)),
  triggers: Schema.Array(TaskTrigger).check(Schema.isMaxLength(4)),
})
export type TaskMachine = typeof TaskMachine.Type

export const TemplateName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isMinLength(1),
  Schema.isMaxLength(200),
)
export const DurationMinutes = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 525600 }))

export const TaskTemplate = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  defaultPriority: TaskPriority,
  defaultDurationMinutes: Schema.NullOr(Schema.Int),
  defaultTeamId: Schema.NullOr(Uuid),
  ...TaskMachine.fields,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "TaskTemplate" })

export const TaskTitle = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isMinLength(1),
  Schema.isMaxLength(200),
)
export const TaskText = Schema.String.check(Schema.isMaxLength(4000))

export const Task = Schema.Struct({
  id: Uuid,
  templateId: Schema.NullOr(Uuid),
  templateName: Schema.NullOr(Schema.String),
  title: Schema.String,
  description: Schema.String,
  priority: TaskPriority,
  status: Schema.String,
  statusLabel: Schema.String,
  /** The task reached a final state. */
  closed: Schema.Boolean,
  closedAt: Schema.NullOr(IsoDateTime),
  dueAt: Schema.NullOr(IsoDateTime),
  overdue: Schema.Boolean,
  assigneeUserId: Schema.NullOr(Uuid),
  assigneeName: Schema.NullOr(Schema.String),
  teamId: Schema.NullOr(Uuid),
  teamName: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  vehicleName: Schema.NullOr(Schema.String),
  driverId: Schema.NullOr(Uuid),
  driverName: Schema.NullOr(Schema.String),
  geofenceId: Schema.NullOr(Uuid),
  geofenceName: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "Task" })

/** A task with its workflow and the steps the caller may take from its state now. */
export const TaskDetail = Schema.Struct({
  ...Task.fields,
  /** The driver ticket this task was made of. */
  ticket: Schema.NullOr(Schema.Struct({ id: Uuid, number: Schema.Int })),
  states: Schema.Array(TaskState),
  next: Schema.Array(TaskTransition),
}).annotate({ identifier: "TaskDetail" })

/** One step of a task's history: who (a person) or what (an alert) caused it. */
export const TaskEvent = Schema.Struct({
  id: Uuid,
  at: IsoDateTime,
  kind: Schema.Literals(TASK_EVENT_KINDS),
  actorUserId: Schema.NullOr(Uuid),
  actorName: Schema.NullOr(Schema.String),
  /**
   * Set when the system acted: the telemetry event (`alertType`: a trigger's `on`) and, when an
   * alert raised it, the alert; the fence, the DTC code, or the minutes the ignition was off.
   */
  cause: Schema.NullOr(
    Schema.Struct({
      alertId: Schema.NullOr(Uuid),
      alertType: Schema.String,
      geofenceId: Schema.NullOr(Schema.String),
      geofenceName: Schema.NullOr(Schema.String),
      code: Schema.NullOr(Schema.String),
      minutes: Schema.NullOr(Schema.Int),
    }),
  ),
  fromStatus: Schema.NullOr(Schema.String),
  toStatus: Schema.NullOr(Schema.String),
  comment: Schema.NullOr(Schema.String),
  details: Schema.Record(Schema.String, Schema.Unknown),
}).annotate({ identifier: "TaskEvent" })
