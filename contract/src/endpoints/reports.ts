import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { Currency, IsoDate, Uuid } from "../schemas.js"

/** The reports there are; each is one endpoint below and exports through `reports.export`. */
export const REPORT_IDS = [
  "tco",
  "expenses",
  "fuel",
  "maintenance",
  "drivers",
  "coverage",
  "rental",
  "utilisation",
  "mileage",
  "trips",
  "geofenceVisits",
  "tasks",
] as const
export const ReportId = Schema.Literals(REPORT_IDS)

/**
 * A report's period: a preset counted in the organisation's time zone on the day of the request
 * (`last12Months`: the current month and the 11 before it; `lastWeek`: Monday to Sunday of the
 * week before), or `custom` with `from` and `to`.
 */
export const PERIOD_PRESETS = [
  "thisMonth",
  "lastMonth",
  "thisQuarter",
  "thisYear",
  "last12Months",
  "custom",
  "yesterday",
  "lastWeek",
] as const
export const PeriodPreset = Schema.Literals(PERIOD_PRESETS)

/** The formats a report exports to. */
export const EXPORT_FORMATS = ["csv", "xlsx", "pdf"] as const
export const ExportFormat = Schema.Literals(EXPORT_FORMATS)
/** The media type of an export in each format. */
export const EXPORT_MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const satisfies Record<(typeof EXPORT_FORMATS)[number], string>

/** What every report is asked: the period and the filters, each optional. */
const reportQueryFields = {
  period: Schema.optionalKey(PeriodPreset),
  /** Both days included; only with `period=custom` (then both are required). */
  from: Schema.optionalKey(IsoDate),
  to: Schema.optionalKey(IsoDate),
  vehicleId: Schema.optionalKey(Uuid),
  vehicleTypeId: Schema.optionalKey(Uuid),
  teamId: Schema.optionalKey(Uuid),
  department: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
  driverId: Schema.optionalKey(Uuid),
  /** How a report by period groups its rows and chart (the mileage report): by day (default) or month. */
  groupBy: Schema.optionalKey(Schema.Literals(["day", "month"])),
  /** One geofence (the geofence visits report). */
  geofenceId: Schema.optionalKey(Uuid),
  /** One task template (the tasks report). */
  templateId: Schema.optionalKey(Uuid),
  /** One assignee, a user (the tasks report). */
  assigneeUserId: Schema.optionalKey(Uuid),
}
export const ReportQuery = Schema.Struct(reportQueryFields)

/**
 * How a column's values are written: money is a decimal string (negative allowed), the rest numbers
 * or text; `decimal` is a number shown with one decimal (litres, L/100 km); `hours` a number of hours
 * (one decimal); `label` a stable key the reader's language names (a contract type…).
 * `duration` a number of seconds (shown as hours and minutes); `datetime` a wall-clock time in
 * the organisation's time zone, "YYYY-MM-DD HH:mm" (the table's `timezone`).
 */
export const COLUMN_KINDS = [
  "text",
  "number",
  "money",
  "distance",
  "percent",
  "date",
  "decimal",
  "hours",
  "label",
  "duration",
  "datetime",
] as const
export const ReportColumn = Schema.Struct({
  /** Stable; its label comes from the report texts (`reports.columns.<key>`, or an expense category). */
  key: Schema.String,
  kind: Schema.Literals(COLUMN_KINDS),
}).annotate({ identifier: "ReportColumn" })

/** A cell: text, a decimal string for money ("-12.50"), a number (km, %, counts), or empty. */
export const ReportCell = Schema.Union([Schema.String, Schema.Finite, Schema.Null])
export const ReportRow = Schema.Record(Schema.String, ReportCell)

/**
 * A chart's data: `categories` along the axis (or the slices of a pie), and one series per stack
 * or bar group, values in the organisation's currency (or km), in the categories' order.
 */
export const ReportChart = Schema.Struct({
  key: Schema.String,
  kind: Schema.Literals(["bar", "stackedBar", "pie"]),
  /** `categories` are column keys or expense categories to translate, names to show as they are, months ("YYYY-MM-01") or days. */
  categoryLabels: Schema.Literals(["translate", "asIs", "month", "day"]),
  categories: Schema.Array(Schema.String),
  series: Schema.Array(Schema.Struct({ key: Schema.String, values: Schema.Array(Schema.Finite) })),
  /** What the values are, as a column kind; money (the organisation's currency) when absent. */
  valueKind: Schema.optionalKey(Schema.Literals(COLUMN_KINDS)),
}).annotate({ identifier: "ReportChart" })

/** The sum, in its original currency, of what the report converted into the organisation's. */
export const OriginalAmount = Schema.Struct({
  currency: Currency,
  amount: Schema.String,
  count: Schema.Int,
}).annotate({ identifier: "OriginalAmount" })

/**
 * The period's vehicle-days whose daily distance is kept on another time zone's days than the
 * organisation's: rows written before days were local, or before the organisation changed its zone
 * (docs/rules.md "Days"). Their distance may sit on the day before or after. `vehicles replay` over
 * `from`–`to` rewrites them in the organisation's zone.
 */
export const OtherZoneDays = Schema.Struct({
  vehicleDays: Schema.Int,
  vehicles: Schema.Int,
  /** The zones they are in (IANA; "UTC" for rows from before local days), sorted. */
  zones: Schema.Array(Schema.String),
  /** Their first and last day. */
  from: IsoDate,
  to: IsoDate,
}).annotate({ identifier: "OtherZoneDays" })

/** The command that rewrites them (`server/src/cli.ts`), run for each vehicle; at most 93 days a run. */
export const replayCommand = (days: typeof OtherZoneDays.Type): string =>
  `npm run fleetcore -- vehicles replay --id VEHICLE_ID --from ${days.from} --to ${days.to}`

/** The shape every report answers, and what every export renders. */
export const ReportTable = Schema.Struct({
  report: ReportId,
  period: Schema.Struct({ preset: PeriodPreset, from: IsoDate, to: IsoDate }),
  /** The organisation's currency: every money cell is in it. */
  currency: Currency,
  timezone: Schema.String,
  /** The filters applied, as asked (ids), and the names they stand for. */
  filters: Schema.Array(Schema.Struct({ key: Schema.String, id: Schema.String, name: Schema.String })),
  columns: Schema.Array(ReportColumn),
  rows: Schema.Array(ReportRow),
  totals: ReportRow,
  charts: Schema.Array(ReportChart),
  /** Amounts per original currency, before conversion. */
  originals: Schema.Array(OriginalAmount),
  /** Records left out of the money columns: in a currency with no rate on or before their day. */
  unconverted: Schema.Int,
  /** Headline figures beside the totals row (e.g. active and idle vehicles), in the columns' kinds. */
  summary: Schema.optionalKey(
    Schema.Array(
      Schema.Struct({ key: Schema.String, kind: Schema.Literals(COLUMN_KINDS), value: ReportCell }),
    ),
  ),
  /** When the rows are capped: how many there are in all (`rows` holds the first; totals count all). */
  rowsTotal: Schema.optionalKey(Schema.Int),
  /** On a report that reads daily distance, when some of its vehicle-days are on another zone's days. */
  otherZoneDays: Schema.optionalKey(OtherZoneDays),
}).annotate({ identifier: "ReportTable" })

const filterNotFound = {
  status: 404,
  code: "FLEET_REPORT_FILTER_NOT_FOUND",
  description:
    "A filter names a vehicle, type, team, driver, geofence, task template or user that does not exist or the caller may not see",
}
const periodInvalid = "FLEET_REPORT_PERIOD_INVALID"
// A query the schema refuses (serve's 400) is declared beside the period's own 400.
const errors = [
  filterNotFound,
  { status: 400, code: periodInvalid },
  { status: 400, code: "FLEET_QUERY_INVALID" },
]

export const reports = {
  tco: endpoint({
    id: "reports.tco",
    method: "get",
    path: "/api/v1/reports/tco",
    tag: "reports",
    summary: "Total cost of ownership per vehicle over a period, cost per km, top 10",
    description:
      "Purchase (when bought in the period), expenses by category, penalties (by offence day, not cancelled) and contract payments due in the period, converted to the organisation's currency; distance from the engine's daily mileage (the organisation's days).",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  expenses: endpoint({
    id: "reports.expenses",
    method: "get",
    path: "/api/v1/reports/expenses",
    tag: "reports",
    summary: "Expenses by month and category, against the budgets",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  fuel: endpoint({
    id: "reports.fuel",
    method: "get",
    path: "/api/v1/reports/fuel",
    tag: "reports",
    summary:
      "Fuel per vehicle: litres, cost, L/100 km from refuels and the sensor against the rating, anomalies, fills, thefts",
    description:
      "Refuels (fuel expenses) by their day in the organisation's time zone, cost converted to the organisation's currency; L/100 km from refuels is the full-tank method (each refuel's litres over the odometer distance since the refuel before it), from the sensor the trips' fuel counter over their distance; sensor fills and thefts from the engine's fuel events; each fuel card's highest share of its daily, weekly and monthly limits.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  utilisation: endpoint({
    id: "reports.utilisation",
    method: "get",
    path: "/api/v1/reports/utilisation",
    tag: "reports",
    summary: "Utilisation per vehicle: days used, driving and idle time, distance, active vs idle, by day",
    description:
      "Read from the engine's trips (by the organisation's day they started) and daily mileage (the organisation's days). A day is used when the vehicle drove (distance > 0) or ran its engine (a trip started); a vehicle with no used day is idle. Utilisation is days used over the period's days that have begun (up to today in the organisation's time zone), from the vehicle's commissioning day when it has one.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  maintenance: endpoint({
    id: "reports.maintenance",
    method: "get",
    path: "/api/v1/reports/maintenance",
    tag: "reports",
    summary:
      "Maintenance per vehicle: services done and their cost by type and vendor, tasks due and overdue, on time vs late",
    description:
      "A service counts on the day it was completed; its cost is the service expense it carries, in the organisation's currency. A completion after the task's due date or past its due odometer is late.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  mileage: endpoint({
    id: "reports.mileage",
    method: "get",
    path: "/api/v1/reports/mileage",
    tag: "reports",
    summary: "Distance per day or month (groupBy) per vehicle and driver",
    description:
      "From the engine's daily mileage per vehicle and per driver (the organisation's days): a vehicle's distance no driver was assigned for is a row without a driver. With driverId, only that driver's distance.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  drivers: endpoint({
    id: "reports.drivers",
    method: "get",
    path: "/api/v1/reports/drivers",
    tag: "reports",
    summary: "Per driver: distance, hours, speeding, alerts, penalties, fuel anomalies and a score 0–100",
    description:
      "Distance from the engine's daily mileage per driver (the organisation's days) and hours from trips started in the period's days in the organisation's time zone while the driver was assigned; speeding, alerts, penalties and fuel anomalies attributed to the driver assigned at the time, by day in the organisation's time zone; the score's formula is in docs/reports.md.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  trips: endpoint({
    id: "reports.trips",
    method: "get",
    path: "/api/v1/reports/trips",
    tag: "reports",
    summary: "Trips with their stops: start and end time and place, distance, duration, max speed, idle",
    description:
      "One row per trip started in the period's days in the organisation's time zone, oldest first, with the stop that followed it; capped (rowsTotal says how many there are), the totals count every trip.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  coverage: endpoint({
    id: "reports.coverage",
    method: "get",
    path: "/api/v1/reports/coverage",
    tag: "reports",
    summary:
      "Contracts and insurance coverage: contracts active in the period, their cost, expiries, days without insurance",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  rental: endpoint({
    id: "reports.rental",
    method: "get",
    path: "/api/v1/reports/rental",
    tag: "reports",
    summary:
      "Rented vehicles: monthly cost, days rented, rent in the period, cost per km, expiries; owned against rented per km",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  geofenceVisits: endpoint({
    id: "reports.geofenceVisits",
    method: "get",
    path: "/api/v1/reports/geofenceVisits",
    tag: "reports",
    summary:
      "Geofence visits: each entry of a vehicle into a geofence and its exit, time inside, totals per geofence",
    description:
      "A visit is one entry into the geofence and the exit after it, found by stepping the vehicle's positions through the engine's geofence rule (however often it stopped inside). Visits entered in the period's days in the organisation's time zone, oldest first, capped (rowsTotal); one not left by the period's end (or now) is ongoing (status), its time inside counted to then.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  tasks: endpoint({
    id: "reports.tasks",
    method: "get",
    path: "/api/v1/reports/tasks",
    tag: "reports",
    summary:
      "Tasks: created, completed and cancelled per day, average and p90 time to complete, overdue rate, per team, template and person",
    description:
      "Days in the organisation's time zone. Created and completed times come from the tasks' history (the created event, the last step into the final state); a task closed in the state `cancelled` is cancelled, in any other final state completed. Time to complete counts tasks completed in the period (p90: interpolated 90th percentile). Overdue rate: of the tasks due in the period and not cancelled, those completed after their due time or still open past it. The team filter is the task's team, the driver filter the task's driver; vehicle filters keep tasks linked to those vehicles; without one, tasks with no vehicle count too.",
    access: "reports.read",
    query: ReportQuery,
    response: ReportTable,
    errors,
  }),
  export: endpoint({
    id: "reports.export",
    method: "get",
    path: "/api/v1/reports/:report/export",
    tag: "reports",
    summary: "A report as a CSV, XLSX or PDF file (an audited action)",
    access: "reports.export",
    params: Schema.Struct({ report: ReportId }),
    query: Schema.Struct({ ...reportQueryFields, format: ExportFormat }),
    contentType: Object.values(EXPORT_MEDIA_TYPES),
    errors: [{ status: 404, code: "FLEET_REPORT_NOT_FOUND" }, ...errors],
  }),
} as const
