import type { endpoints } from "@fleetcore/contract"
import { reason } from "@fleetcore/contract"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { refuse } from "../http/refuse.js"
import { notifyTask, taskRecipients } from "./notifyTask.js"
import { announceDeadline } from "./taskDeadlines.js"
import { addTaskEvent } from "./taskEvents.js"
import { AD_HOC_MACHINE, initialState } from "./taskMachine.js"
import { machineOf, requireTask, type TaskRow } from "./taskQueries.js"
import { requireReferences } from "./taskReferences.js"

export type NewTask = typeof endpoints.tasks.create.body.Type

/**
 * Creates a task by `p` (`c` a `withOrg` connection): from a live template (its workflow and
 * defaults) or ad hoc, its references checked in the organisation, its `created` and assignment
 * events written and its people told. The caller audits it.
 */
export const insertTask = async (c: pg.ClientBase, p: Principal, b: NewTask): Promise<TaskRow> => {
  const template =
    b.templateId === undefined
      ? undefined
      : await firstRow(
          c,
          sql
            .selectFrom("task_templates")
            .selectAll()
            .where("id", "=", b.templateId)
            .where("archived_at", "is", null),
        )
  if (b.templateId !== undefined && template === undefined)
    throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", "templateId", reason("referenceMissing"))
  await requireReferences(c, b)
  const machine = template === undefined ? AD_HOC_MACHINE : machineOf(template)
  const due =
    b.dueAt !== undefined
      ? b.dueAt === null
        ? null
        : new Date(b.dueAt)
      : template?.default_duration_minutes != null
        ? new Date(Date.now() + template.default_duration_minutes * 60_000)
        : null
  const inserted = (await firstRow(
    c,
    sql
      .insertInto("tasks")
      .values({
        org_id: p.orgId,
        template_id: template?.id ?? null,
        title: b.title,
        description: b.description ?? "",
        priority: b.priority ?? template?.default_priority ?? "normal",
        status: initialState(machine).key,
        due_at: due,
        assignee_user_id: b.assigneeUserId ?? null,
        team_id: b.teamId !== undefined ? b.teamId : (template?.default_team_id ?? null),
        vehicle_id: b.vehicleId ?? null,
        driver_id: b.driverId ?? null,
        geofence_id: b.geofenceId ?? null,
        created_by: p.userId,
      })
      .returning("id"),
  )) as { id: string }
  await addTaskEvent(c, p, inserted.id, { kind: "created", toStatus: initialState(machine).key })
  const row = await requireTask(c, p, inserted.id)
  if (row.assignee_user_id !== null || row.team_id !== null) {
    const [event] = await addTaskEvent(c, p, inserted.id, {
      kind: "assignment",
      details: { assigneeName: row.assignee_name, teamName: row.team_name },
    })
    const to = await taskRecipients(c, p.orgId, row, p.userId)
    await notifyTask(c, p.orgId, "task_assigned", row, event?.id ?? row.id, to)
  }
  if (row.due_at !== null) await announceDeadline(c, p.orgId)
  return row
}
