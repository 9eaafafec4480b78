import { endpoints, reason } from "@fleetcore/contract"
import { type AlertRow, alertView } from "@fleetcore/engine"
import { type BusTransport, HttpError, type Log } from "@fleetcore/platform"
import { LiveTopic, type OrgId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { assigneesQuery, requireAssignee } from "./alertAssignees.js"
import { alertActionItem, alertHistory, alertItem, visibleAlerts } from "./alertQueries.js"
import { type AlertActionRequest, applyAlertAction, noteOf } from "./applyAlertAction.js"

const SORTS = {
  openedAt: "a.opened_at",
  lastSeenAt: "a.last_seen_at",
  type: "a.type",
  occurrences: "a.occurrences",
  severity: "a.severity",
  status: "a.status",
} as const

const notFound = () => new HttpError(404, "FLEET_ALERT_NOT_FOUND", "no such alert")
const conflict = (status: string, action: string) =>
  new HttpError(
    409,
    "FLEET_ALERT_TRANSITION",
    `an alert that is ${status} cannot be given the action ${action}`,
  )

type Item = ReturnType<typeof alertItem>

/** The alert as the caller sees it now, or undefined. */
const readAlert = async (c: pg.ClientBase, p: Principal, id: string) =>
  firstRow(c, visibleAlerts(p).where("a.id", "=", id))

/**
 * The alerts inbox: list with filters, one alert and its history, acknowledge / resolve with a note,
 * assign to a person and unassign, the same for many alerts at once; every step audited and pushed
 * to the organisation's dashboards on the live feed.
 */
export const registerAlertRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly bus: BusTransport },
): void => {
  const { db } = deps

  /** Changed alerts reach every dashboard of the organisation through `fleet.live.v1` (LiveHub). */
  const pushLive = (orgId: string, changed: ReadonlyArray<Awaited<ReturnType<typeof readAlert>>>) => {
    const batches = changed.flatMap((row) =>
      row === undefined
        ? []
        : [
            {
              key: orgId,
              value: { orgId: orgId as OrgId, kind: "alert" as const, alert: alertView(row as AlertRow) },
            },
          ],
    )
    if (batches.length === 0) return
    deps.bus.publish(LiveTopic, batches).catch((error: unknown) => warn(deps.log, error))
  }

  serve(app, deps, endpoints.alerts.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "a.opened_at", direction: "desc" })
    let query = visibleAlerts(p).orderBy(sort.column, sort.direction).orderBy("a.id")
    if (f.status) query = query.where("a.status", "=", f.status)
    if (f.type) query = query.where("a.type", "=", f.type)
    if (f.vehicleId) query = query.where("a.vehicle_id", "=", f.vehicleId)
    if (f.driverId) query = query.where("a.driver_id", "=", f.driverId)
    if (f.teamId) query = query.where("v.team_id", "=", f.teamId)
    if (f.assigneeId) query = query.where("a.assignee_id", "=", f.assigneeId)
    if (f.severity) query = query.where("a.severity", "=", f.severity)
    if (f.from) query = query.where("a.opened_at", ">=", new Date(f.from))
    if (f.to) query = query.where("a.opened_at", "<", new Date(f.to))
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([
          eb("a.type", "ilike", like),
          eb("a.key", "ilike", like),
          eb("v.name", "ilike", like),
          eb("v.plate", "ilike", like),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(alertItem) } }
  })

  serve(app, deps, endpoints.alerts.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => readAlert(c, p, params.id))
    if (row === undefined) throw notFound()
    return { body: alertItem(row) }
  })

  serve(app, deps, endpoints.alerts.history, async ({ principal: p, params }) => {
    const items = await db.withOrg(p.orgId, async (c) => {
      if ((await readAlert(c, p, params.id)) === undefined) throw notFound()
      return rows(c, alertHistory(params.id))
    })
    return { body: { items: items.map(alertActionItem) } }
  })

  serve(app, deps, endpoints.alerts.assignees, async ({ principal: p }) => {
    const items = await db.withOrg(p.orgId, (c) => rows(c, assigneesQuery(p.orgId)))
    return { body: { items } }
  })

  /** One action on one alert: 404 when the caller cannot see it, 409 when its status refuses it. */
  const single = async (
    p: Principal,
    request: Parameters<typeof applyAlertAction>[2],
    id: string,
    step: (c: pg.ClientBase) => Promise<AlertActionRequest>,
  ): Promise<Item> => {
    const row = await db.withOrg(p.orgId, async (c) => {
      // The alert is looked up first: another organisation's id answers as an unknown one.
      if ((await readAlert(c, p, id)) === undefined) throw notFound()
      const action = await step(c)
      const done = await applyAlertAction(c, p, request, id, action)
      if (done.outcome === "not_found") throw notFound()
      if (done.outcome === "conflict") throw conflict(done.status, action.action)
      return readAlert(c, p, id)
    })
    if (row === undefined) throw notFound()
    pushLive(p.orgId, [row])
    return alertItem(row)
  }

  serve(app, deps, endpoints.alerts.acknowledge, async ({ principal: p, params, body, request }) => ({
    body: await single(p, request, params.id, async () => ({
      action: "acknowledge",
      note: noteOf(body.note),
    })),
  }))
  serve(app, deps, endpoints.alerts.resolve, async ({ principal: p, params, body, request }) => ({
    body: await single(p, request, params.id, async () => ({ action: "resolve", note: noteOf(body.note) })),
  }))
  serve(app, deps, endpoints.alerts.assign, async ({ principal: p, params, body, request }) => ({
    body: await single(p, request, params.id, async (c) => {
      await requireAssignee(c, p.orgId, body.userId)
      return { action: "assign", note: noteOf(body.note), assigneeId: body.userId }
    }),
  }))
  serve(app, deps, endpoints.alerts.unassign, async ({ principal: p, params, body, request }) => ({
    body: await single(p, request, params.id, async () => ({ action: "unassign", note: noteOf(body.note) })),
  }))

  serve(app, deps, endpoints.alerts.bulk, async ({ principal: p, body, request }) => {
    if (body.action === "assign" && body.userId === undefined)
      throw refuse(400, "FLEET_ALERT_INVALID", "userId", reason("assigneeNeeded"))
    const note = noteOf(body.note)
    const step: AlertActionRequest =
      body.action === "assign"
        ? { action: "assign", note, assigneeId: body.userId as string }
        : { action: body.action, note }
    const ids = [...new Set(body.ids)]
    const results = await db.withOrg(p.orgId, async (c) => {
      if (step.action === "assign") await requireAssignee(c, p.orgId, step.assigneeId)
      const out = []
      // One transaction, ids in a fixed order: concurrent bulk requests lock alerts in the same order.
      for (const id of [...ids].sort()) {
        const done = await applyAlertAction(c, p, request, id, step)
        const row =
          done.outcome === "done" || done.outcome === "unchanged" ? await readAlert(c, p, id) : undefined
        out.push({
          id,
          outcome: done.outcome === "unchanged" ? ("done" as const) : done.outcome,
          row,
        })
      }
      return out
    })
    pushLive(
      p.orgId,
      results.map((r) => r.row),
    )
    const byId = new Map(results.map((r) => [r.id, r]))
    return {
      body: {
        results: ids.map((id) => {
          const r = byId.get(id)
          return {
            id,
            outcome: r?.outcome ?? "not_found",
            alert: r?.row === undefined ? null : alertItem(r.row),
          }
        }),
      },
    }
  })
}

const warn = (log: Log, error: unknown) => log.warn({ err: error }, "alert change not pushed live")
