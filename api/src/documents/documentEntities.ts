import { type DocumentEntityType, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { type Expression, type RawBuilder, sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"
import { visibleTasks } from "../tasks/taskQueries.js"
import { assignedNow } from "../vehicles/visibleVehicle.js"

/**
 * The record a document belongs to: which table holds it, and which of its rows a driver (a role
 * confined to assigned vehicles) may attach documents to and read them of: the vehicles assigned to
 * them now, those vehicles' maintenance tasks and refuels (fuel expenses: a receipt's photo), their
 * own driver record and its penalties. Other roles see every row of their organisation (row-level
 * security).
 *
 * `contracts`, `expenses` and `penalties` arrive with their own areas: a table that does not exist
 * yet holds no record, so a document cannot be attached to one (404), never a 500.
 */
const TABLES: Readonly<Record<DocumentEntityType, string>> = {
  vehicle: "vehicles",
  driver: "drivers",
  maintenance: "maintenance_tasks",
  contract: "contracts",
  expense: "expenses",
  penalty: "penalties",
  task: "tasks",
  ticket: "tickets",
  service_centre: "service_centres",
}

/** The ids of the caller's own driver records (a driver login is `drivers.user_id`). */
const ownDriverIds = (p: Principal): RawBuilder<unknown> =>
  raw`SELECT id FROM drivers WHERE user_id = ${p.userId}`

/** The ids of `type` a confined caller may see, or null for none of that type. */
const confinedIds = (
  p: Principal,
  type: DocumentEntityType,
  existing: ReadonlySet<string>,
): RawBuilder<unknown> | null => {
  switch (type) {
    case "vehicle":
      return raw`${assignedNow(p.userId)}`
    case "maintenance":
      return raw`SELECT id FROM maintenance_tasks WHERE vehicle_id IN (${assignedNow(p.userId)})`
    case "driver":
      return ownDriverIds(p)
    case "expense":
      // Refuels only, as the fuel list shows them to a driver; other expenses stay the office's.
      return existing.has("expenses")
        ? raw`SELECT id FROM expenses WHERE category = 'fuel' AND vehicle_id IN (${assignedNow(p.userId)})`
        : null
    case "penalty":
      return existing.has("penalties")
        ? raw`SELECT id FROM penalties WHERE driver_id IN (${ownDriverIds(p)})`
        : null
    case "task":
      return existing.has("tasks") ? raw`SELECT k.id FROM tasks k WHERE ${visibleTasks(p, "k")}` : null
    case "ticket":
      // Their own tickets (the photos they and the office add to them).
      return existing.has("tickets")
        ? raw`SELECT id FROM tickets WHERE driver_id IN (${ownDriverIds(p)})`
        : null
    default:
      return null
  }
}

/** Which of the record tables exist (the migrations of later areas may not have run yet). */
export const existingTables = async (c: pg.ClientBase): Promise<ReadonlySet<string>> => {
  const names = Object.values(TABLES)
  const found = await c.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relkind IN ('r', 'p') AND relname = ANY($1) AND pg_table_is_visible(oid)",
    [names],
  )
  return new Set(found.rows.map((r) => r.name))
}

/**
 * Whether record `type`/`id` exists in the caller's organisation and the caller may see it; `c` is
 * a `withOrg` connection, so another organisation's record is not found either.
 */
export const entityVisible = async (
  c: pg.ClientBase,
  p: Principal,
  type: DocumentEntityType,
  id: string,
): Promise<boolean> => {
  const existing = await existingTables(c)
  const table = TABLES[type]
  if (!existing.has(table)) return false
  let condition: RawBuilder<unknown> = raw`true`
  if (isConfinedToAssignedVehicles(p.role)) {
    const ids = confinedIds(p, type, existing)
    if (ids === null) return false
    condition = raw`id IN (${ids})`
  }
  const query = raw`SELECT 1 FROM ${raw.table(table)} WHERE id = ${id} AND ${condition}`.compile(sql)
  const found = await c.query(query.sql, [...query.parameters])
  return (found.rowCount ?? 0) > 0
}

/**
 * The condition that keeps the documents (`alias`.entity_type / entity_id) the caller may see:
 * always true for roles that see the whole organisation.
 */
export const visibleDocuments = (
  p: Principal,
  alias: string,
  existing: ReadonlySet<string>,
): Expression<SqlBool> => {
  if (!isConfinedToAssignedVehicles(p.role)) return raw<SqlBool>`true`
  const allowed = (Object.keys(TABLES) as Array<DocumentEntityType>).flatMap((type) => {
    const ids = existing.has(TABLES[type]) ? confinedIds(p, type, existing) : null
    return ids === null
      ? []
      : [raw`(${raw.ref(`${alias}.entity_type`)} = ${type} AND ${raw.ref(`${alias}.entity_id`)} IN (${ids}))`]
  })
  return allowed.length === 0 ? raw<SqlBool>`false` : raw<SqlBool>`(${raw.join(allowed, raw` OR `)})`
}
