import { endpoints, type Reason, type ReportQuery, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { listPage, sortOf } from "../db/listPage.js"
import { sql } from "../db/sql.js"
import { orgBooks } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { dayIn, reportPeriod } from "../reports/reportPeriod.js"
import { reportScope } from "../reports/reportScope.js"
import { nextRunAt } from "./nextRunAt.js"
import { zoneOf } from "./ReportScheduleRunner.js"
import {
  lastRuns,
  RUN_COLUMNS,
  type RunRow,
  runView,
  SCHEDULE_COLUMNS,
  SCHEDULE_FROM,
  type ScheduleRow,
  scheduleView,
} from "./scheduleView.js"

type Body = typeof endpoints.reportSchedules.create.body.Type

const notFound = () => new HttpError(404, "FLEET_SCHEDULE_NOT_FOUND", "no such report schedule")
const invalid = (field: string, why: Reason) => refuse(400, "FLEET_SCHEDULE_INVALID", field, why)

/** The schedule as stored: the weekday only for weekly ones, the day only for monthly ones. */
const normalised = (b: Body) => {
  if (b.formats.length === 0) throw invalid("formats", reason("chooseFormat"))
  if (b.recipients.length === 0) throw invalid("recipients", reason("giveRecipient"))
  if (b.frequency === "weekly" && (b.weekday ?? null) === null)
    throw invalid("weekday", reason("weeklyNeedsWeekday"))
  if (b.frequency === "monthly" && (b.monthDay ?? null) === null)
    throw invalid("monthDay", reason("monthlyNeedsDay"))
  return {
    ...b,
    filters: b.filters ?? {},
    weekday: b.frequency === "weekly" ? (b.weekday ?? null) : null,
    monthDay: b.frequency === "monthly" ? (b.monthDay ?? null) : null,
    recipients: [...new Set(b.recipients.map((r) => r.toLowerCase()))],
    formats: [...new Set(b.formats)],
    enabled: b.enabled ?? true,
  }
}

/** Scheduled reports: CRUD, "run now" and the runs; the runner (`ReportScheduleRunner`) sends them. */
export const registerReportScheduleRoutes = (app: TemplatedApp, deps: RouteDeps, wake: () => void): void => {
  const { db } = deps

  const find = async (c: pg.ClientBase, id: string): Promise<ScheduleRow> => {
    const { rows } = await c.query<ScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.id = $1`,
      [id],
    )
    const row = rows[0]
    if (row === undefined) throw notFound()
    return row
  }
  const view = async (c: pg.ClientBase, p: Principal, id: string) => {
    const row = await find(c, id)
    const books = await orgBooks(c, p.orgId)
    return scheduleView(row, books.timezone, (await lastRuns(c, [id])).get(id))
  }

  /** The filters name only what the caller may see (404 otherwise, as the report itself answers). */
  const checkFilters = async (
    c: pg.ClientBase,
    p: Principal,
    timezone: string,
    s: ReturnType<typeof normalised>,
  ) => {
    const q = { ...s.filters, period: s.period } as typeof ReportQuery.Type
    await reportScope(c, p, q, reportPeriod(q, dayIn(timezone, new Date())))
  }

  /** The stored columns, in the order of the INSERT and UPDATE statements below. */
  const stored = (s: ReturnType<typeof normalised>, timezone: string): ReadonlyArray<unknown> => [
    s.name,
    s.report,
    JSON.stringify(s.filters),
    s.period,
    s.formats,
    s.recipients,
    s.language,
    s.frequency,
    s.weekday,
    s.monthDay,
    s.hour,
    s.enabled,
    s.enabled
      ? nextRunAt(
          { frequency: s.frequency, weekday: s.weekday, monthDay: s.monthDay, hour: s.hour },
          zoneOf(timezone),
          new Date(),
        )
      : null,
  ]

  serve(app, deps, endpoints.reportSchedules.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(
      f.sort,
      { name: "s.name", createdAt: "s.created_at", nextRunAt: "s.next_run_at" } as const,
      { column: "s.created_at", direction: "desc" },
    )
    let query = sql
      .selectFrom("report_schedules as s")
      .select("s.id")
      .orderBy(sort.column, sort.direction)
      .orderBy("s.id")
    if (f.report !== undefined) query = query.where("s.report", "=", f.report)
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/gu, "\\$&")}%`
      query = query.where((eb) =>
        eb.or([
          eb("s.name", "ilike", like),
          eb(eb.fn<string>("array_to_string", ["s.recipients", eb.val(" ")]), "ilike", like),
        ]),
      )
    }
    return {
      body: await db.withOrg(p.orgId, async (c) => {
        const page = await listPage(c, query, f)
        const ids = page.items.map((i) => i.id)
        const { rows } = await c.query<ScheduleRow>(
          `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.id = ANY($1::uuid[])`,
          [ids],
        )
        const byId = new Map(rows.map((r) => [r.id, r]))
        const runs = await lastRuns(c, ids)
        const { timezone } = await orgBooks(c, p.orgId)
        return {
          ...page,
          items: ids.flatMap((id) => {
            const row = byId.get(id)
            return row === undefined ? [] : [scheduleView(row, timezone, runs.get(id))]
          }),
        }
      }),
    }
  })

  serve(app, deps, endpoints.reportSchedules.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => view(c, p, params.id)),
  }))

  serve(app, deps, endpoints.reportSchedules.create, async ({ principal: p, body, request }) => {
    const s = normalised(body)
    const created = await db.withOrg(p.orgId, async (c) => {
      const { timezone } = await orgBooks(c, p.orgId)
      await checkFilters(c, p, timezone, s)
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO report_schedules (org_id, created_by, name, report, filters, period, formats, recipients,
           language, frequency, weekday, month_day, hour, enabled, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
        [p.orgId, p.userId, ...stored(s, timezone)],
      )
      const id = rows[0]?.id
      if (id === undefined) throw new Error("the schedule was not stored")
      await audit(c, p, request, {
        action: "reportSchedule.create",
        entity: "report_schedule",
        entityId: id,
        newValues: s,
      })
      return view(c, p, id)
    })
    return { body: created }
  })

  serve(app, deps, endpoints.reportSchedules.update, async ({ principal: p, params, body, request }) => {
    const updated = await db.withOrg(p.orgId, async (c) => {
      const before = await find(c, params.id)
      const merged: Body = {
        name: body.name ?? before.name,
        report: body.report ?? (before.report as Body["report"]),
        filters: body.filters ?? before.filters,
        period: body.period ?? (before.period as Body["period"]),
        formats: body.formats ?? (before.formats as Body["formats"]),
        recipients: body.recipients ?? before.recipients,
        language: body.language ?? (before.language as Body["language"]),
        frequency: body.frequency ?? (before.frequency as Body["frequency"]),
        weekday: body.weekday !== undefined ? body.weekday : before.weekday,
        monthDay: body.monthDay !== undefined ? body.monthDay : before.month_day,
        hour: body.hour ?? before.hour,
        enabled: body.enabled ?? before.enabled,
      }
      const s = normalised(merged)
      const { timezone } = await orgBooks(c, p.orgId)
      await checkFilters(c, p, timezone, s)
      await c.query(
        `UPDATE report_schedules SET name = $2, report = $3, filters = $4, period = $5, formats = $6, recipients = $7,
           language = $8, frequency = $9, weekday = $10, month_day = $11, hour = $12, enabled = $13,
           next_run_at = $14, updated_at = now()
         WHERE id = $1`,
        [params.id, ...stored(s, timezone)],
      )
      await audit(c, p, request, {
        action: body.enabled === false ? "reportSchedule.pause" : "reportSchedule.update",
        entity: "report_schedule",
        entityId: params.id,
        oldValues: before,
        newValues: s,
      })
      return view(c, p, params.id)
    })
    return { body: updated }
  })

  serve(app, deps, endpoints.reportSchedules.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await find(c, params.id)
      await c.query("DELETE FROM report_schedules WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "reportSchedule.delete",
        entity: "report_schedule",
        entityId: params.id,
        oldValues: before,
      })
    })
    return {}
  })

  serve(app, deps, endpoints.reportSchedules.runNow, async ({ principal: p, params, request }) => {
    const run = await db.withOrg(p.orgId, async (c) => {
      const s = await find(c, params.id)
      const { rows } = await c.query<RunRow>(
        `INSERT INTO report_schedule_runs AS r (org_id, schedule_id, scheduled_for, manual, recipients, next_attempt_at)
         VALUES ($1, $2, date_trunc('milliseconds', now()), true, $3, now()) RETURNING ${RUN_COLUMNS}`,
        [p.orgId, s.id, s.recipients],
      )
      const row = rows[0]
      if (row === undefined) throw new Error("the run was not stored")
      await audit(c, p, request, {
        action: "reportSchedule.run",
        entity: "report_schedule",
        entityId: s.id,
        details: { runId: row.id, report: s.report, recipients: s.recipients },
      })
      return runView(row)
    })
    wake()
    return { status: 202, body: run }
  })

  serve(app, deps, endpoints.reportSchedules.runs, async ({ principal: p, params, query: f }) => {
    return {
      body: await db.withOrg(p.orgId, async (c) => {
        await find(c, params.id)
        let query = sql
          .selectFrom("report_schedule_runs as r")
          .select("r.id")
          .where("r.schedule_id", "=", params.id)
          .orderBy("r.scheduled_for", f.sort === "scheduledFor" ? "asc" : "desc")
          .orderBy("r.id")
        if (f.status !== undefined) query = query.where("r.status", "=", f.status)
        const page = await listPage(c, query, f)
        const ids = page.items.map((i) => i.id)
        const { rows } = await c.query<RunRow>(
          `SELECT ${RUN_COLUMNS} FROM report_schedule_runs r WHERE r.id = ANY($1::uuid[])`,
          [ids],
        )
        const byId = new Map(rows.map((r) => [r.id, r]))
        return {
          ...page,
          items: ids.flatMap((id) => {
            const row = byId.get(id)
            return row === undefined ? [] : [runView(row)]
          }),
        }
      }),
    }
  })
}
