import { can, ROLES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"

/** The roles whose users an alert can be assigned to: those who can read alerts. */
export const ASSIGNEE_ROLES = ROLES.filter((r) => can(r, "alerts.read"))

/** Active users of the caller's organisation (`c` is a `withOrg` connection) who can read alerts. */
export const assigneesQuery = (orgId: string) =>
  sql
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("org_id", "=", orgId)
    .where("disabled", "=", false)
    .where("role", "in", ASSIGNEE_ROLES)
    .orderBy("name")
    .orderBy("id")

export const assigneeNotFound = (): HttpError =>
  new HttpError(404, "FLEET_ALERT_ASSIGNEE_NOT_FOUND", "no such person to assign the alert to", "userId")

/** Answers 404 unless `userId` is an assignable person of organisation `orgId`. */
export const requireAssignee = async (c: pg.ClientBase, orgId: string, userId: string): Promise<void> => {
  const found = await firstRow(c, assigneesQuery(orgId).where("id", "=", userId))
  if (found === undefined) throw assigneeNotFound()
}
