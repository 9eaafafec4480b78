import type { ChangeRequest } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"

export const changeRequestNotFound = (): HttpError =>
  new HttpError(404, "FLEET_CHANGE_REQUEST_NOT_FOUND", "no such change request")

/**
 * Change requests as their readers see them: row-level security keeps those of the caller's
 * organisation's vehicles and those it proposed; the vehicle's and proposer's names resolve only on
 * their own side (RLS hides the other organisation's vehicles and users).
 */
export const changeRequestQuery = () =>
  sql
    .selectFrom("vehicle_change_requests as r")
    .leftJoin("vehicles as v", "v.id", "r.vehicle_id")
    .leftJoin("users as u", "u.id", "r.proposed_by")
    .select([
      "r.id",
      "r.org_id",
      "r.vehicle_id",
      "r.proposer_org_id",
      "r.proposed_by",
      "r.changes",
      "r.old_values",
      "r.comment",
      "r.status",
      "r.decided_by",
      "r.decided_at",
      "r.reason",
      "r.created_at",
      raw<string | null>`CASE WHEN v.plate IS NULL THEN v.name ELSE v.name || ' (' || v.plate || ')' END`.as(
        "vehicle_name",
      ),
      "u.name as proposed_by_name",
    ])

export type ChangeRequestRow = NonNullable<Awaited<ReturnType<typeof firstChangeRequest>>>

const firstChangeRequest = (c: pg.ClientBase, id: string) =>
  firstRow(c, changeRequestQuery().where("r.id", "=", id))

/** Confines a query to what `p` may read: a driver their own proposals; everyone else RLS's rows. */
export const readableBy = (p: Principal, confined: boolean) =>
  confined ? raw<boolean>`r.proposed_by = ${p.userId}` : raw<boolean>`true`

/** Change request `id` as `p` may read it, or 404. */
export const findChangeRequest = async (
  c: pg.ClientBase,
  p: Principal,
  id: string,
  confined: boolean,
  forUpdate = false,
): Promise<ChangeRequestRow> => {
  if (forUpdate) await c.query("SELECT 1 FROM vehicle_change_requests WHERE id = $1 FOR UPDATE", [id])
  const row = await firstRow(c, changeRequestQuery().where("r.id", "=", id).where(readableBy(p, confined)))
  if (row === undefined) throw changeRequestNotFound()
  return row
}

/**
 * The names of the service centres that proposed `found`, by organisation: read on the system
 * connection, since row-level security hides a centre's organisation from the vehicle's side, which
 * must know who asks before it decides. Only the proposers of these rows are named.
 */
export const proposingCentres = async (
  system: pg.Pool,
  found: ReadonlyArray<ChangeRequestRow>,
): Promise<ReadonlyMap<string, string>> => {
  const ids = [...new Set(found.filter((r) => r.proposer_org_id !== r.org_id).map((r) => r.proposer_org_id))]
  if (ids.length === 0) return new Map()
  const { rows } = await system.query<{ id: string; name: string }>(
    "SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])",
    [ids],
  )
  return new Map(rows.map((o) => [o.id, o.name]))
}

export const toChangeRequest = (
  r: ChangeRequestRow,
  p: Principal,
  centres: ReadonlyMap<string, string>,
): typeof ChangeRequest.Encoded => {
  const ownSide = r.org_id === p.orgId
  const byCentre = r.proposer_org_id !== r.org_id
  return {
    id: r.id,
    vehicleId: r.vehicle_id,
    vehicleName: ownSide ? r.vehicle_name : null,
    status: r.status,
    changes: r.changes,
    oldValues: ownSide ? r.old_values : {},
    comment: r.comment,
    proposerKind: byCentre ? "centre" : "driver",
    proposedBy: r.proposed_by,
    proposedByName: r.proposed_by_name,
    centreName: byCentre ? (centres.get(r.proposer_org_id) ?? null) : null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
  }
}
