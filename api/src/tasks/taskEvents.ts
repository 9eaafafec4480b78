import type { TaskEvent } from "@fleetcore/contract"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { rows, sql } from "../db/sql.js"
import type { TaskEventsTable } from "./taskTables.js"

type NewEvent = Pick<TaskEventsTable, "kind"> & {
  readonly fromStatus?: string | null
  readonly toStatus?: string | null
  readonly comment?: string | null
  readonly details?: Record<string, unknown>
}

/** Appends an event by person `p` to task `taskId`'s history. */
export const addTaskEvent = (c: pg.ClientBase, p: Principal, taskId: string, e: NewEvent) =>
  rows(
    c,
    sql
      .insertInto("task_events")
      .values({
        org_id: p.orgId,
        task_id: taskId,
        kind: e.kind,
        actor_user_id: p.userId,
        from_status: e.fromStatus ?? null,
        to_status: e.toStatus ?? null,
        comment: e.comment ?? null,
        details: JSON.stringify(e.details ?? {}),
      })
      .returning("id"),
  )

/** A task's history, oldest first, with the person or the alert (and its geofence) behind each step. */
export const taskHistory = async (
  c: pg.ClientBase,
  taskId: string,
): Promise<Array<typeof TaskEvent.Encoded>> => {
  const found = await rows(
    c,
    sql
      .selectFrom("task_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .leftJoin("geofences as g", (j) =>
        j.on((eb) => eb(eb.cast("g.id", "text"), "=", eb.ref("e.cause", "->>").key("geofenceId"))),
      )
      .select([
        "e.id",
        "e.at",
        "e.kind",
        "e.actor_user_id",
        "u.name as actor_name",
        "e.cause",
        "g.name as geofence_name",
      ])
      .select(["e.from_status", "e.to_status", "e.comment", "e.details"])
      .where("e.task_id", "=", taskId)
      .orderBy("e.at")
      .orderBy("e.id"),
  )
  return found.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    cause:
      r.cause === null
        ? null
        : {
            alertId: r.cause.alertId,
            alertType: r.cause.alertType,
            geofenceId: r.cause.geofenceId,
            geofenceName: r.geofence_name,
            code: r.cause.code ?? null,
            minutes: r.cause.minutes ?? null,
          },
    fromStatus: r.from_status,
    toStatus: r.to_status,
    comment: r.comment,
    details: r.details,
  }))
}
