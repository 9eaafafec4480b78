import { inTransaction } from "@fleetcore/platform"
import type pg from "pg"
import { rows } from "../db/sql.js"
import { notifyTask, taskRecipients } from "./notifyTask.js"
import { taskQuery } from "./taskQueries.js"

/** The channel a task's new due time is announced on: the notifications worker looks at once. */
export const DEADLINES_CHANNEL = "fleet_task_deadlines"

/** Announces (when `c`'s transaction commits) that a task's due time was set or moved. */
export const announceDeadline = async (c: pg.ClientBase, orgId: string): Promise<void> => {
  await c.query("SELECT pg_notify($1, $2)", [DEADLINES_CHANNEL, orgId])
}

/** How long before its due time a task's people hear that it is due soon. */
export const DUE_SOON_MS = 60 * 60_000

/**
 * Tells the people of every open task whose due time is within the hour that it is due soon, and
 * of every one whose due time has passed that it is overdue: each once per due time (moving the
 * due time tells again). The marks (`due_notified_for`, `overdue_notified_for`) are set under the
 * row's lock in the transaction that raises the notice, so of several processes one tells it.
 * `pool` is the system's (every organisation). Returns how many notices were raised.
 */
export const raiseTaskDeadlines = async (pool: pg.Pool, now: Date): Promise<number> => {
  let raised = await raiseSystemOpened(pool)
  for (const stage of ["due_soon", "overdue"] as const) {
    const mark = stage === "due_soon" ? "due_notified_for" : "overdue_notified_for"
    const { rows: due } = await pool.query<{ id: string; org_id: string }>(
      `SELECT id, org_id FROM tasks
       WHERE closed_at IS NULL AND due_at IS NOT NULL
         AND due_at <= $1 AND ($2 OR due_at > $3) AND ${mark} IS DISTINCT FROM due_at
       ORDER BY due_at LIMIT 500`,
      [new Date(now.getTime() + (stage === "due_soon" ? DUE_SOON_MS : 0)), stage === "overdue", now],
    )
    for (const d of due) {
      await inTransaction(pool, async (c) => {
        const [task] = await rows(
          c,
          taskQuery()
            .select(["k.org_id", "k.due_notified_for", "k.overdue_notified_for"])
            .where("k.id", "=", d.id)
            .where("k.closed_at", "is", null)
            .forUpdate("k"),
        )
        const dueAt = task?.due_at ?? null
        const marked = stage === "due_soon" ? task?.due_notified_for : task?.overdue_notified_for
        if (task !== undefined && dueAt !== null && marked?.getTime() !== dueAt.getTime()) {
          const to = await taskRecipients(c, task.org_id, task, null)
          if (await notifyTask(c, task.org_id, `task_${stage}`, task, dueAt.toISOString(), to)) raised++
          await c.query(`UPDATE tasks SET ${mark} = due_at WHERE id = $1`, [d.id])
        }
      })
    }
  }
  return raised
}

/**
 * Tells the people of each task the system opened (the DTC trigger, in the engine's transaction) and
 * nobody was told of: its assignee and team as an assignment is told, else the organisation's usual
 * recipients (a repair nobody would hear of otherwise). Marked under the row's lock, so one process
 * tells it once. Returns how many notices were raised.
 */
const raiseSystemOpened = async (pool: pg.Pool): Promise<number> => {
  let raised = 0
  const { rows: untold } = await pool.query<{ id: string }>(
    "SELECT id FROM tasks WHERE opening_notified_at IS NULL ORDER BY created_at LIMIT 500",
  )
  for (const { id } of untold) {
    await inTransaction(pool, async (c) => {
      const [task] = await rows(
        c,
        taskQuery()
          .select(["k.org_id", "k.opening_notified_at"])
          .where("k.id", "=", id)
          .where("k.opening_notified_at", "is", null)
          .forUpdate("k"),
      )
      if (task !== undefined) {
        const to = await taskRecipients(c, task.org_id, task, null)
        if (await notifyTask(c, task.org_id, "task_assigned", task, "opened", to.length > 0 ? to : null))
          raised++
        await c.query("UPDATE tasks SET opening_notified_at = now() WHERE id = $1", [id])
      }
    })
  }
  return raised
}
