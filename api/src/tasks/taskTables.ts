import type { TaskPriority, TaskState, TaskTransition, TaskTrigger } from "@fleetcore/contract"
import type { ColumnType, Generated } from "kysely"
import type { Defaulted } from "../db/columnTypes.js"

/** jsonb read as a value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>
/** A column with a default that may change later. */
type Changing<T> = ColumnType<T, T | undefined, T>

/** `task_templates` (migration 1734780000000_tasks.sql). */
export interface TaskTemplatesTable {
  id: Generated<string>
  org_id: string
  name: string
  default_priority: Changing<TaskPriority>
  default_duration_minutes: number | null
  default_team_id: string | null
  states: Json<ReadonlyArray<TaskState>>
  transitions: Json<ReadonlyArray<TaskTransition>>
  triggers: Json<ReadonlyArray<TaskTrigger>>
  archived_at: Date | null
  created_at: Defaulted<Date>
  updated_at: Changing<Date>
}

export interface TasksTable {
  id: Generated<string>
  org_id: string
  template_id: string | null
  title: string
  description: Changing<string>
  priority: TaskPriority
  status: string
  due_at: Date | null
  assignee_user_id: string | null
  team_id: string | null
  vehicle_id: string | null
  driver_id: string | null
  geofence_id: string | null
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: Changing<Date>
  closed_at: Date | null
  due_notified_for: Date | null
  overdue_notified_for: Generated<Date | null>
  ignition_off_since: Generated<Date | null>
  /** Null while a task the system opened (a DTC's repair) has not been told to its people. */
  opening_notified_at: Generated<Date | null>
}

/** The telemetry that moved (or opened) a task, when the system did. */
export interface TaskEventCause {
  readonly alertId: string | null
  readonly alertType: string
  readonly geofenceId: string | null
  /** A `dtc` trigger: the code. */
  readonly code?: string | null
  /** An `ignition_off` trigger: the minutes the ignition was off in the fence. */
  readonly minutes?: number | null
}

export interface TaskEventsTable {
  id: Generated<string>
  org_id: string
  task_id: string
  at: Defaulted<Date>
  kind: "created" | "status_change" | "comment" | "attachment" | "assignment"
  actor_user_id: string | null
  cause: ColumnType<TaskEventCause | null, string | null, string | null>
  from_status: string | null
  to_status: string | null
  comment: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
}
