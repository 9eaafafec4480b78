import { endpoints, reason, type TaskMachine, type TaskTemplate } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { validateMachine } from "./validateMachine.js"

const notFound = (): HttpError => new HttpError(404, "FLEET_TASK_TEMPLATE_NOT_FOUND", "no such task template")

const templateQuery = () =>
  sql
    .selectFrom("task_templates as m")
    .select([
      "m.id",
      "m.name",
      "m.default_priority",
      "m.default_duration_minutes",
      "m.default_team_id",
      "m.states",
      "m.transitions",
      "m.triggers",
      "m.created_at",
      "m.updated_at",
    ])
    .where("m.archived_at", "is", null)

type TemplateRow = NonNullable<Awaited<ReturnType<typeof firstTemplate>>>
const firstTemplate = (c: pg.ClientBase, id: string) => firstRow(c, templateQuery().where("m.id", "=", id))

const toTemplate = (r: TemplateRow): typeof TaskTemplate.Encoded => ({
  id: r.id,
  name: r.name,
  defaultPriority: r.default_priority,
  defaultDurationMinutes: r.default_duration_minutes,
  defaultTeamId: r.default_team_id,
  states: r.states,
  transitions: r.transitions,
  triggers: r.triggers,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

/** Refuses an invalid workflow with 422 FLEET_TASK_TEMPLATE_INVALID naming the field. */
const requireValid = (m: TaskMachine): void => {
  const problem = validateMachine(m)
  if (problem !== null) throw refuse(422, "FLEET_TASK_TEMPLATE_INVALID", problem.field, problem.reason)
}

const requireTeam = async (c: pg.ClientBase, id: string | null | undefined): Promise<void> => {
  if (id == null) return
  const found = await firstRow(c, sql.selectFrom("teams").select("id").where("id", "=", id))
  if (found === undefined)
    throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", "defaultTeamId", reason("referenceMissing"))
}

/** Task templates: the workflows admins define (states, transitions with requirements, triggers). */
export const registerTaskTemplateRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
) => {
  const { db } = deps

  serve(app, deps, endpoints.tasks.listTemplates, async ({ principal: p, query: q }) => {
    const sort = sortOf(q.sort, { name: "m.name", createdAt: "m.created_at" } as const, {
      column: "m.name",
      direction: "asc",
    })
    let query = templateQuery().orderBy(sort.column, sort.direction).orderBy("m.id")
    if (q.q) query = query.where("m.name", "ilike", `%${q.q.replace(/[\\%_]/g, "\\$&")}%`)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map(toTemplate) } }
  })

  serve(app, deps, endpoints.tasks.getTemplate, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => firstTemplate(c, params.id))
    if (row === undefined) throw notFound()
    return { body: toTemplate(row) }
  })

  serve(app, deps, endpoints.tasks.createTemplate, async ({ principal: p, body: b, request }) => {
    requireValid(b)
    const template = await db.withOrg(p.orgId, async (c) => {
      await requireTeam(c, b.defaultTeamId)
      const inserted = await firstRow(
        c,
        sql
          .insertInto("task_templates")
          .values({
            org_id: p.orgId,
            name: b.name,
            default_priority: b.defaultPriority ?? "normal",
            default_duration_minutes: b.defaultDurationMinutes ?? null,
            default_team_id: b.defaultTeamId ?? null,
            states: JSON.stringify(b.states),
            transitions: JSON.stringify(b.transitions),
            triggers: JSON.stringify(b.triggers),
          })
          .returning("id"),
      )
      const row = (await firstTemplate(c, (inserted as { id: string }).id)) as TemplateRow
      const view = toTemplate(row)
      await audit(c, p, request, {
        action: "task_template.create",
        entity: "task_template",
        entityId: row.id,
        newValues: view,
      })
      return view
    })
    return { body: template, status: 201 }
  })

  serve(app, deps, endpoints.tasks.updateTemplate, async ({ principal: p, params, body: b, request }) => {
    const template = await db.withOrg(p.orgId, async (c) => {
      const old = await firstRow(c, templateQuery().where("m.id", "=", params.id).forUpdate())
      // An unknown or foreign id is a 404 whatever the body says.
      if (old === undefined) throw notFound()
      requireValid(b)
      await requireTeam(c, b.defaultTeamId)
      // An open task must stay in a state its workflow declares.
      const keys = b.states.map((s) => s.key)
      const stranded = await firstRow(
        c,
        sql
          .selectFrom("tasks")
          .select("status")
          .where("template_id", "=", params.id)
          .where("closed_at", "is", null)
          .where("status", "not in", keys),
      )
      if (stranded !== undefined)
        throw refuse(
          422,
          "FLEET_TASK_TEMPLATE_INVALID",
          "states",
          reason("strandedState", { state: stranded.status }),
        )
      await rows(
        c,
        sql
          .updateTable("task_templates")
          .set({
            name: b.name,
            default_priority: b.defaultPriority ?? "normal",
            default_duration_minutes: b.defaultDurationMinutes ?? null,
            default_team_id: b.defaultTeamId ?? null,
            states: JSON.stringify(b.states),
            transitions: JSON.stringify(b.transitions),
            triggers: JSON.stringify(b.triggers),
            updated_at: new Date(),
          })
          .where("id", "=", params.id),
      )
      const view = toTemplate((await firstTemplate(c, params.id)) as TemplateRow)
      await audit(c, p, request, {
        action: "task_template.update",
        entity: "task_template",
        entityId: params.id,
        oldValues: toTemplate(old),
        newValues: view,
      })
      return view
    })
    return { body: template }
  })

  serve(app, deps, endpoints.tasks.deleteTemplate, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const old = await firstTemplate(c, params.id)
      if (old === undefined) throw notFound()
      await rows(
        c,
        sql.updateTable("task_templates").set({ archived_at: new Date() }).where("id", "=", params.id),
      )
      await audit(c, p, request, {
        action: "task_template.archive",
        entity: "task_template",
        entityId: params.id,
        oldValues: toTemplate(old),
      })
    })
    return {}
  })
}
