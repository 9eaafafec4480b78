import type { TASK_NOTIFICATION_TYPES } from "@fleetcore/contract"
import type pg from "pg"
import { type Queryable, rows, sql } from "../db/sql.js"
import { raiseNotification } from "../notifications/raiseNotification.js"
import type { MessageKey } from "../notifications/texts/NotificationTexts.js"
import { type MessageParams, renderNotification } from "../notifications/texts/renderNotification.js"
import { stateOf } from "./taskMachine.js"
import { machineOf, type TaskRow } from "./taskQueries.js"

type TaskNotificationType = (typeof TASK_NOTIFICATION_TYPES)[number]

/**
 * The people a task's news is for: its assignee and the members of its team (the drivers of the
 * team with a login), without `except` (the person who made the change). `db` names the
 * organisation itself, so the system pool may ask too.
 */
export const taskRecipients = async (
  db: Queryable,
  orgId: string,
  task: Pick<TaskRow, "assignee_user_id" | "team_id">,
  except: string | null,
): Promise<string[]> => {
  const team =
    task.team_id === null
      ? []
      : await rows(
          db,
          sql
            .selectFrom("drivers as d")
            .innerJoin("users as u", "u.id", "d.user_id")
            .select("u.id")
            .where("d.org_id", "=", orgId)
            .where("d.team_id", "=", task.team_id)
            .where("u.disabled", "=", false),
        )
  const everyone = new Set([
    ...(task.assignee_user_id === null ? [] : [task.assignee_user_id]),
    ...team.map((u) => u.id),
  ])
  if (except !== null) everyone.delete(except)
  return [...everyone]
}

const TYPE_KEY: Readonly<Record<TaskNotificationType, MessageKey>> = {
  task_assigned: "task_assigned",
  task_due_soon: "task_due_soon",
  task_overdue: "task_overdue",
}

/**
 * Tells `recipients` about task `t` (its assignment, or its due time coming or gone); null: the
 * organisation's usual recipients, by their preferences (a task the system opened for nobody).
 * `occurrence` names the news (the assignment's event, the due time): raised again, it tells
 * nobody again.
 */
export const notifyTask = async (
  db: pg.Pool | pg.ClientBase,
  orgId: string,
  type: TaskNotificationType,
  t: TaskRow,
  occurrence: string,
  recipients: ReadonlyArray<string> | null,
): Promise<boolean> => {
  if (recipients !== null && recipients.length === 0) return false
  const params: MessageParams = {
    title: t.title,
    due: t.due_at === null ? "no" : "yes",
    dueAt: t.due_at?.toISOString() ?? null,
    team: t.team_name,
    statusLabel: stateOf(machineOf(t), t.status)?.label ?? t.status,
  }
  // A new task nobody holds is told to the office in other words than "for you".
  const key: MessageKey = type === "task_assigned" && recipients === null ? "task_opened" : TYPE_KEY[type]
  const english = renderNotification(key, params, "en", "UTC")
  return raiseNotification(db, {
    orgId,
    type,
    severity: type === "task_overdue" ? "warning" : "info",
    title: english?.title ?? t.title,
    body: english?.body ?? "",
    message: { key, params },
    link: `/tasks/${t.id}`,
    dedupeKey: `${type}:${t.id}:${occurrence}`,
    vehicleId: t.vehicle_id,
    ...(recipients === null ? {} : { recipients }),
  })
}
