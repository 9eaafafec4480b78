import type { ColumnType, Generated } from "kysely"
import type { Defaulted } from "../db/columnTypes.js"

/** jsonb read as a value, written as JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>
/** A column with a default that may change later. */
type Changing<T> = ColumnType<T, T | undefined, T>

export interface ScheduleFiltersColumn {
  readonly vehicleId?: string
  readonly vehicleTypeId?: string
  readonly teamId?: string
  readonly department?: string
  readonly driverId?: string
  readonly templateId?: string
  readonly assigneeUserId?: string
}

/** `report_schedules` (migration 1734680000000_report-schedules.sql). */
export interface ReportSchedulesTable {
  id: Generated<string>
  org_id: string
  name: string
  report: string
  filters: Json<ScheduleFiltersColumn>
  period: string
  formats: Array<string>
  recipients: Array<string>
  language: string
  frequency: "daily" | "weekly" | "monthly"
  weekday: number | null
  month_day: number | null
  hour: number
  enabled: Changing<boolean>
  next_run_at: Date | null
  created_by: string | null
  created_at: Defaulted<Date>
  updated_at: Changing<Date>
}

export interface RunFile {
  readonly name: string
  readonly bytes: number
}
export interface RunAttempt {
  readonly at: string
  readonly error: string | null
}

/** `report_schedule_runs`: one per (schedule, instant due). */
export interface ReportScheduleRunsTable {
  id: Generated<string>
  org_id: string
  schedule_id: string
  scheduled_for: Date
  manual: Defaulted<boolean>
  status: Changing<"pending" | "running" | "ok" | "retrying" | "failed">
  attempts: Changing<number>
  started_at: Date | null
  finished_at: Date | null
  next_attempt_at: Date | null
  lease_until: Date | null
  error: string | null
  recipients: Changing<Array<string>>
  files: Json<ReadonlyArray<RunFile>>
  attempt_log: Json<ReadonlyArray<RunAttempt>>
  period_from: ColumnType<string | null, string | null | undefined, string | null>
  period_to: ColumnType<string | null, string | null | undefined, string | null>
}
