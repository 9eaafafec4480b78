import type { ReportTable } from "@fleetcore/contract"
import { reason } from "@fleetcore/contract"
import { firstRow, sql } from "../db/sql.js"
import { refuse } from "../http/refuse.js"
import type { ReportContext } from "./reportContext.js"
import type { AppliedFilter } from "./reportScope.js"
import { reportScope } from "./reportScope.js"
import { daysOf } from "./reportTime.js"
import { type TaskGroupFigures, taskDays, taskGroups } from "./taskFigures.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

const COLUMNS: ReadonlyArray<Column> = [
  { key: "breakdown", kind: "label" },
  { key: "group", kind: "text" },
  { key: "created", kind: "number" },
  { key: "completed", kind: "number" },
  { key: "cancelled", kind: "number" },
  { key: "avgTime", kind: "duration" },
  { key: "p90Time", kind: "duration" },
  { key: "due", kind: "number" },
  { key: "overdue", kind: "number" },
  { key: "overdueRate", kind: "percent" },
]

/** What a group without a team, template or person is called (a `label` key). */
const NONE = { team: "noTeam", template: "adHoc", assignee: "unassigned" } as const
const DIMENSION = { team: "byTeam", template: "byTemplate", assignee: "byAssignee" } as const

/** `part` of `whole` in percent, one decimal; null when there is no whole. */
export const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10

const figures = (g: TaskGroupFigures) => ({
  created: g.created,
  completed: g.completed,
  cancelled: g.cancelled,
  avgTime: g.avg_s,
  p90Time: g.p90_s,
  due: g.due,
  overdue: g.overdue,
  overdueRate: percentOf(g.overdue, g.due),
})

const notFound = (field: string) =>
  refuse(404, "FLEET_REPORT_FILTER_NOT_FOUND", field, reason("filterNotVisible"))

/** The template and assignee filters, looked up inside the caller's organisation (or a 404). */
const ownFilters = async (ctx: ReportContext): Promise<ReadonlyArray<AppliedFilter>> => {
  const { c, query: q } = ctx
  const out: Array<AppliedFilter> = []
  if (q.templateId !== undefined) {
    const row = await firstRow(
      c,
      sql.selectFrom("task_templates").select("name").where("id", "=", q.templateId),
    )
    if (row === undefined) throw notFound("templateId")
    out.push({ key: "templateId", id: q.templateId, name: row.name })
  }
  if (q.assigneeUserId !== undefined) {
    const row = await firstRow(
      c,
      sql
        .selectFrom("users")
        .select("name")
        .where("id", "=", q.assigneeUserId)
        .where("org_id", "=", ctx.principal.orgId),
    )
    if (row === undefined) throw notFound("assigneeUserId")
    out.push({ key: "assigneeUserId", id: q.assigneeUserId, name: row.name })
  }
  return out
}

/**
 * Tasks over the period: created, completed and cancelled per day (the chart), then the figures
 * per team, template and person (the rows) and for all (the totals and headline). The team and
 * driver filters are the task's own, not its vehicle's: the vehicles in scope are those the caller
 * may see, narrowed by the vehicle, type and department filters only.
 */
export const tasksReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, principal, period, books, query: q, scope } = ctx
  const extra = await ownFilters(ctx)
  const { teamId: _team, driverId: _driver, ...vehicleQuery } = q
  const vehicles = await reportScope(c, principal, vehicleQuery, period)
  const selection = {
    period,
    timezone: books.timezone,
    now: new Date(),
    vehicleIds: vehicles.ids,
    vehiclesNarrowed:
      q.vehicleId !== undefined || q.vehicleTypeId !== undefined || q.department !== undefined,
    teamId: q.teamId ?? null,
    templateId: q.templateId ?? null,
    assigneeUserId: q.assigneeUserId ?? null,
    driverId: q.driverId ?? null,
  }
  const groups = await taskGroups(c, selection)
  const perDay = await taskDays(c, selection)
  const days = daysOf(period)
  const series = (what: "created" | "completed" | "cancelled") => {
    const at = new Map(perDay.filter((d) => d.what === what).map((d) => [d.day, d.count]))
    return { key: what, values: days.map((d) => at.get(d) ?? 0) }
  }
  const all = groups.find((g) => g.dimension === "all")
  const rows = groups
    .filter((g): g is TaskGroupFigures & { dimension: keyof typeof NONE } => g.dimension !== "all")
    .map((g) => ({
      breakdown: g.id === null ? NONE[g.dimension] : DIMENSION[g.dimension],
      group: g.name,
      ...figures(g),
    }))
  const totals = all === undefined ? {} : figures(all)
  const people = groups.filter((g) => g.dimension === "assignee" && g.id !== null)
  return {
    report: "tasks",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: [...scope.filters, ...extra],
    columns: [...COLUMNS],
    rows,
    totals: { breakdown: null, group: null, ...totals },
    charts: [
      {
        key: "tasksByDay",
        kind: "bar",
        categoryLabels: "day",
        categories: [...days],
        series: [series("created"), series("completed"), series("cancelled")],
        valueKind: "number",
      },
      ...(people.length === 0
        ? []
        : [
            {
              key: "completedByAssignee",
              kind: "bar" as const,
              categoryLabels: "asIs" as const,
              categories: people.map((g) => g.name ?? ""),
              series: [{ key: "completed", values: people.map((g) => g.completed) }],
              valueKind: "number" as const,
            },
          ]),
    ],
    summary: (["created", "completed", "cancelled", "avgTime", "p90Time", "overdueRate"] as const).map(
      (key) => ({
        key,
        kind: COLUMNS.find((col) => col.key === key)?.kind ?? "number",
        value: (totals as Record<string, number | null>)[key] ?? null,
      }),
    ),
    originals: [],
    unconverted: 0,
  }
}
