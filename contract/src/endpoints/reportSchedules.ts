import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { Email, IdParams, Locale } from "./common.js"
import { ExportFormat, ReportId } from "./reports.js"

/** How often a schedule runs: every day, on a weekday, or on a day of the month, at a local hour. */
export const SCHEDULE_FREQUENCIES = ["daily", "weekly", "monthly"] as const
export const ScheduleFrequency = Schema.Literals(SCHEDULE_FREQUENCIES)

/** The period a run reports on, counted back from the run's local day (never `custom`). */
export const SCHEDULE_PERIODS = [
  "yesterday",
  "lastWeek",
  "lastMonth",
  "thisMonth",
  "thisQuarter",
  "thisYear",
  "last12Months",
] as const
export const SchedulePeriod = Schema.Literals(SCHEDULE_PERIODS)

/** A run's state: waiting, being sent, sent, waiting to try again after a failure, or given up. */
export const SCHEDULE_RUN_STATUSES = ["pending", "running", "ok", "retrying", "failed"] as const
export const ScheduleRunStatus = Schema.Literals(SCHEDULE_RUN_STATUSES)

/** At most this many recipients per schedule. */
export const MAX_SCHEDULE_RECIPIENTS = 20

/** The report's filters a schedule keeps (those of `ReportQuery` but the period). */
export const ScheduleFilters = Schema.Struct({
  vehicleId: Schema.optionalKey(Uuid),
  vehicleTypeId: Schema.optionalKey(Uuid),
  teamId: Schema.optionalKey(Uuid),
  department: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
  driverId: Schema.optionalKey(Uuid),
  templateId: Schema.optionalKey(Uuid),
  assigneeUserId: Schema.optionalKey(Uuid),
}).annotate({ identifier: "ScheduleFilters" })

const Name = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))
/** The attachments' formats, at least one (a format named twice is sent once; none is a 400). */
const Formats = Schema.Array(ExportFormat).check(Schema.isMaxLength(3))
/** 1 to 20 addresses (none is a 400 `FLEET_SCHEDULE_INVALID` naming `recipients`). */
const Recipients = Schema.Array(Email).check(Schema.isMaxLength(MAX_SCHEDULE_RECIPIENTS))
/** 1 = Monday … 7 = Sunday (ISO 8601). */
const Weekday = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 7 }))
/** 1–31; a month shorter than the day runs on its last day. */
const MonthDay = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 31 }))
const Hour = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 23 }))

const scheduleFields = {
  name: Name,
  report: ReportId,
  filters: ScheduleFilters,
  period: SchedulePeriod,
  formats: Formats,
  recipients: Recipients,
  language: Locale,
  frequency: ScheduleFrequency,
  /** Weekly schedules: the weekday; null otherwise. */
  weekday: Schema.NullOr(Weekday),
  /** Monthly schedules: the day of the month; null otherwise. */
  monthDay: Schema.NullOr(MonthDay),
  /** The local hour (organisation's time zone) the run is due at. */
  hour: Hour,
  enabled: Schema.Boolean,
}

/** A run of a schedule: one per (schedule, scheduled instant); every attempt to send it is counted. */
export const ReportScheduleRun = Schema.Struct({
  id: Uuid,
  scheduleId: Uuid,
  scheduledFor: IsoDateTime,
  /** True when asked for with "run now" rather than at its hour. */
  manual: Schema.Boolean,
  status: ScheduleRunStatus,
  attempts: Schema.Int,
  startedAt: Schema.NullOr(IsoDateTime),
  finishedAt: Schema.NullOr(IsoDateTime),
  nextAttemptAt: Schema.NullOr(IsoDateTime),
  error: Schema.NullOr(Schema.String),
  recipients: Schema.Array(Schema.String),
  /** The attachments sent (or made at the last attempt): file name and size in bytes. */
  files: Schema.Array(Schema.Struct({ name: Schema.String, bytes: Schema.Int })),
  period: Schema.NullOr(Schema.Struct({ from: Schema.String, to: Schema.String })),
  /** Every attempt, oldest first: when, and the error (null when it was sent). */
  attemptLog: Schema.Array(Schema.Struct({ at: IsoDateTime, error: Schema.NullOr(Schema.String) })),
}).annotate({ identifier: "ReportScheduleRun" })

export const ReportSchedule = Schema.Struct({
  id: Uuid,
  ...scheduleFields,
  /** The report runs with this user's visibility; if they may no longer see it, runs fail. */
  createdBy: Schema.Struct({ id: Schema.NullOr(Uuid), name: Schema.NullOr(Schema.String) }),
  timezone: Schema.String,
  /** The next instant a run is due; null while paused. */
  nextRunAt: Schema.NullOr(IsoDateTime),
  lastRun: Schema.NullOr(ReportScheduleRun),
  createdAt: IsoDateTime,
}).annotate({ identifier: "ReportSchedule" })

const ScheduleBody = Schema.Struct({
  ...scheduleFields,
  weekday: Schema.optionalKey(scheduleFields.weekday),
  monthDay: Schema.optionalKey(scheduleFields.monthDay),
  filters: Schema.optionalKey(ScheduleFilters),
  enabled: Schema.optionalKey(Schema.Boolean),
})

const notFound = { status: 404, code: "FLEET_SCHEDULE_NOT_FOUND" }
const invalidCode = "FLEET_SCHEDULE_INVALID"
const invalid = {
  status: 400,
  code: invalidCode,
  description:
    "A weekly schedule without its weekday, a monthly one without its day, no format or no recipient",
}
const filterNotFound = { status: 404, code: "FLEET_REPORT_FILTER_NOT_FOUND" }

/** Reports e-mailed on a schedule to chosen recipients, in the organisation's time zone (issue 11). */
export const reportSchedules = {
  list: endpoint({
    id: "reportSchedules.list",
    method: "get",
    path: "/api/v1/report-schedules",
    tag: "reports",
    summary: "The organisation's report schedules with their last run",
    description: "`q` searches the name and the recipients.",
    access: "reports.schedule",
    query: listQuery(["name", "createdAt", "nextRunAt"], { report: Schema.optionalKey(ReportId) }),
    response: listOf(ReportSchedule),
  }),
  get: endpoint({
    id: "reportSchedules.get",
    method: "get",
    path: "/api/v1/report-schedules/:id",
    tag: "reports",
    summary: "One report schedule",
    access: "reports.schedule",
    params: IdParams,
    response: ReportSchedule,
    errors: [notFound],
  }),
  create: endpoint({
    id: "reportSchedules.create",
    method: "post",
    path: "/api/v1/report-schedules",
    tag: "reports",
    summary: "Schedule a report to be e-mailed (it runs with the creator's visibility)",
    access: "reports.schedule",
    body: ScheduleBody,
    invalidCode,
    response: ReportSchedule,
    status: 201,
    errors: [invalid, filterNotFound],
  }),
  update: endpoint({
    id: "reportSchedules.update",
    method: "patch",
    path: "/api/v1/report-schedules/:id",
    tag: "reports",
    summary: "Change, pause or resume a schedule",
    access: "reports.schedule",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(scheduleFields.name),
      report: Schema.optionalKey(scheduleFields.report),
      filters: Schema.optionalKey(ScheduleFilters),
      period: Schema.optionalKey(scheduleFields.period),
      formats: Schema.optionalKey(scheduleFields.formats),
      recipients: Schema.optionalKey(scheduleFields.recipients),
      language: Schema.optionalKey(scheduleFields.language),
      frequency: Schema.optionalKey(scheduleFields.frequency),
      weekday: Schema.optionalKey(scheduleFields.weekday),
      monthDay: Schema.optionalKey(scheduleFields.monthDay),
      hour: Schema.optionalKey(scheduleFields.hour),
      enabled: Schema.optionalKey(Schema.Boolean),
    }),
    invalidCode,
    response: ReportSchedule,
    errors: [notFound, invalid, filterNotFound],
  }),
  delete: endpoint({
    id: "reportSchedules.delete",
    method: "delete",
    path: "/api/v1/report-schedules/:id",
    tag: "reports",
    summary: "Delete a schedule and its runs",
    access: "reports.schedule",
    params: IdParams,
    errors: [notFound],
  }),
  runNow: endpoint({
    id: "reportSchedules.runNow",
    method: "post",
    path: "/api/v1/report-schedules/:id/run",
    tag: "reports",
    summary: "Run a schedule now (its period counted from today); the run is sent in the background",
    access: "reports.schedule",
    params: IdParams,
    response: ReportScheduleRun,
    status: 202,
    errors: [notFound],
  }),
  runs: endpoint({
    id: "reportSchedules.runs",
    method: "get",
    path: "/api/v1/report-schedules/:id/runs",
    tag: "reports",
    summary: "A schedule's runs, newest first, with every failure",
    access: "reports.schedule",
    params: IdParams,
    query: listQuery(["scheduledFor"], { status: Schema.optionalKey(ScheduleRunStatus) }),
    response: listOf(ReportScheduleRun),
    errors: [notFound],
  }),
} as const
