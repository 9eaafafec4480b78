import type { Request } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

/** One thing a person does to an alert; `note` is kept in its history (and on the alert when it is one). */
export type AlertActionRequest =
  | { readonly action: "acknowledge"; readonly note: string | null }
  | { readonly action: "resolve"; readonly note: string | null }
  | { readonly action: "assign"; readonly note: string | null; readonly assigneeId: string }
  | { readonly action: "unassign"; readonly note: string | null }

type Status = "open" | "acknowledged" | "resolved"

/** The statuses each action starts from: open → acknowledged → resolved; a resolved alert is settled. */
const FROM: Readonly<Record<AlertActionRequest["action"], ReadonlyArray<Status>>> = {
  acknowledge: ["open"],
  resolve: ["open", "acknowledged"],
  assign: ["open", "acknowledged"],
  unassign: ["open", "acknowledged", "resolved"],
}

export type AlertActionOutcome =
  | { readonly outcome: "done" | "unchanged" }
  | { readonly outcome: "not_found" }
  | { readonly outcome: "conflict"; readonly status: Status }

/** An empty or blank note is no note. */
export const noteOf = (note: string | undefined): string | null => {
  const trimmed = note?.trim() ?? ""
  return trimmed === "" ? null : trimmed
}

/**
 * Applies one action to alert `id` inside `c` (a `withOrg` transaction): the alert is looked up
 * among those `p` may see and locked, the step checked against its status, the change stored with
 * its history row and its audit entry. The assignee of an `assign` was looked up by the caller.
 */
export const applyAlertAction = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  id: string,
  step: AlertActionRequest,
): Promise<AlertActionOutcome> => {
  const current = await firstRow(
    c,
    sql
      .selectFrom("alerts")
      .select(["status", "assignee_id"])
      .where("id", "=", id)
      .where(visibleVehicles(p, "vehicle_id"))
      .forNoKeyUpdate(),
  )
  if (current === undefined) return { outcome: "not_found" }
  if (!FROM[step.action].includes(current.status)) return { outcome: "conflict", status: current.status }
  if (step.action === "unassign" && current.assignee_id === null) return { outcome: "unchanged" }
  const now = raw<Date>`now()`
  const update = sql.updateTable("alerts").where("id", "=", id)
  const byStatus = step.action === "acknowledge" || step.action === "resolve"
  const oldValues = byStatus ? { status: current.status } : { assigneeId: current.assignee_id }
  const newValues =
    step.action === "acknowledge"
      ? { status: "acknowledged", acknowledgementNote: step.note }
      : step.action === "resolve"
        ? { status: "resolved", resolutionNote: step.note }
        : { assigneeId: step.action === "assign" ? step.assigneeId : null }
  await rows(
    c,
    step.action === "acknowledge"
      ? update.set({
          status: "acknowledged",
          acknowledged_at: now,
          acknowledged_by: p.userId,
          acknowledgement_note: step.note,
        })
      : step.action === "resolve"
        ? update.set({
            status: "resolved",
            resolved_at: now,
            resolved_by: p.userId,
            resolution_note: (eb) => eb.fn.coalesce(eb.val(step.note), eb.ref("resolution_note")),
          })
        : step.action === "assign"
          ? update.set({ assignee_id: step.assigneeId, assigned_at: now, assigned_by: p.userId })
          : update.set({ assignee_id: null, assigned_at: null, assigned_by: null }),
  )
  await rows(
    c,
    sql.insertInto("alert_actions").values({
      org_id: p.orgId,
      alert_id: id,
      action: step.action,
      actor_id: p.userId,
      assignee_id:
        step.action === "assign" ? step.assigneeId : step.action === "unassign" ? current.assignee_id : null,
      note: step.note,
    }),
  )
  await audit(c, p, request, {
    action: `alert.${step.action}`,
    entity: "alert",
    entityId: id,
    oldValues,
    newValues,
    details: { note: step.note },
  })
  return { outcome: "done" }
}
