import type { ReportSchedule, ReportScheduleRun } from "@fleetcore/contract"
import type pg from "pg"
import type { RunAttempt, RunFile, ScheduleFiltersColumn } from "./scheduleTables.js"

/** The columns `scheduleView` reads (a schedule joined with its creator's name). */
export const SCHEDULE_COLUMNS = `s.id, s.name, s.report, s.filters, s.period, s.formats, s.recipients, s.language,
  s.frequency, s.weekday, s.month_day, s.hour, s.enabled, s.next_run_at, s.created_by, u.name AS creator_name,
  s.created_at`
export const SCHEDULE_FROM = "report_schedules s LEFT JOIN users u ON u.id = s.created_by"

export interface ScheduleRow {
  id: string
  name: string
  report: string
  filters: ScheduleFiltersColumn
  period: string
  formats: Array<string>
  recipients: Array<string>
  language: string
  frequency: string
  weekday: number | null
  month_day: number | null
  hour: number
  enabled: boolean
  next_run_at: Date | null
  created_by: string | null
  creator_name: string | null
  created_at: Date
}

/** The columns `runView` reads. */
export const RUN_COLUMNS = `r.id, r.schedule_id, r.scheduled_for, r.manual, r.status, r.attempts, r.started_at,
  r.finished_at, r.next_attempt_at, r.error, r.recipients, r.files, r.attempt_log,
  r.period_from::text AS period_from, r.period_to::text AS period_to`

export interface RunRow {
  id: string
  schedule_id: string
  scheduled_for: Date
  manual: boolean
  status: string
  attempts: number
  started_at: Date | null
  finished_at: Date | null
  next_attempt_at: Date | null
  error: string | null
  recipients: Array<string>
  files: ReadonlyArray<RunFile>
  attempt_log: ReadonlyArray<RunAttempt>
  period_from: string | null
  period_to: string | null
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString())

export const runView = (r: RunRow): typeof ReportScheduleRun.Type => ({
  id: r.id,
  scheduleId: r.schedule_id,
  scheduledFor: r.scheduled_for.toISOString(),
  manual: r.manual,
  status: r.status as (typeof ReportScheduleRun.Type)["status"],
  attempts: r.attempts,
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
  nextAttemptAt: iso(r.next_attempt_at),
  error: r.error,
  recipients: r.recipients,
  files: r.files.map((f) => ({ name: f.name, bytes: f.bytes })),
  period: r.period_from === null || r.period_to === null ? null : { from: r.period_from, to: r.period_to },
  attemptLog: r.attempt_log.map((a) => ({ at: a.at, error: a.error })),
})

type Schedule = typeof ReportSchedule.Type

export const scheduleView = (s: ScheduleRow, timezone: string, lastRun: RunRow | undefined): Schedule => ({
  id: s.id,
  name: s.name,
  report: s.report as Schedule["report"],
  filters: s.filters,
  period: s.period as Schedule["period"],
  formats: s.formats as Schedule["formats"],
  recipients: s.recipients,
  language: s.language as Schedule["language"],
  frequency: s.frequency as Schedule["frequency"],
  weekday: s.weekday,
  monthDay: s.month_day,
  hour: s.hour,
  enabled: s.enabled,
  createdBy: { id: s.created_by, name: s.creator_name },
  timezone,
  nextRunAt: iso(s.next_run_at),
  lastRun: lastRun === undefined ? null : runView(lastRun),
  createdAt: s.created_at.toISOString(),
})

/** The newest run of each schedule. */
export const lastRuns = async (
  c: pg.ClientBase,
  scheduleIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, RunRow>> => {
  if (scheduleIds.length === 0) return new Map()
  const { rows } = await c.query<RunRow>(
    `SELECT DISTINCT ON (r.schedule_id) ${RUN_COLUMNS} FROM report_schedule_runs r
     WHERE r.schedule_id = ANY($1::uuid[]) ORDER BY r.schedule_id, r.scheduled_for DESC`,
    [scheduleIds],
  )
  return new Map(rows.map((r) => [r.schedule_id, r]))
}
