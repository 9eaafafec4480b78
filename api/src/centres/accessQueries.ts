import type { AccessGrant, AccessInvite, AccessRequest } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import { sortOf } from "../db/listPage.js"
import { sql } from "../db/sql.js"

export const grantNotFound = () =>
  new HttpError(404, "FLEET_ACCESS_GRANT_NOT_FOUND", "no such vehicle access")
export const requestNotFound = () =>
  new HttpError(404, "FLEET_ACCESS_REQUEST_NOT_FOUND", "no such access request")
export const inviteNotFound = () => new HttpError(404, "FLEET_ACCESS_INVITE_NOT_FOUND", "no such invite code")

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString())

/** In force now: not revoked, now within [valid_from, valid_until). */
export const ACTIVE_GRANT = raw<boolean>`(g.revoked_at IS NULL AND g.valid_from <= now()
  AND (g.valid_until IS NULL OR g.valid_until > now()))`

/**
 * Grants with both organisations' names and the vehicle, read on the system connection (the
 * vehicle and the other side's name are another organisation's rows): every use names the side.
 */
export const grantSelect = () =>
  sql
    .selectFrom("vehicle_access_grants as g")
    .innerJoin("vehicles as v", "v.id", "g.vehicle_id")
    .innerJoin("organisations as o", "o.id", "g.org_id")
    .innerJoin("organisations as co", "co.id", "g.centre_org_id")
    .select([
      "g.id",
      "g.org_id",
      "o.name as org_name",
      "g.centre_org_id",
      "co.name as centre_name",
      "g.vehicle_id",
      "v.name as vehicle_name",
      "v.plate",
      "v.vin",
      "v.brand",
      "v.model",
      "v.year",
      "g.scope",
      "g.valid_from",
      "g.valid_until",
      "g.revoked_at",
      ACTIVE_GRANT.as("active"),
      "g.source",
      "g.created_at",
    ])

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantSelect>["executeTakeFirstOrThrow"]>>

/**
 * A grant as `side` sees it. A centre whose access ended no longer sees the vehicle's name, plate
 * or VIN: only the masked card it could find by search.
 */
export const grantView = (r: GrantRow, side: "fleet" | "centre"): typeof AccessGrant.Encoded => {
  const masked = side === "centre" && !r.active
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    centreId: r.centre_org_id,
    centreName: r.centre_name,
    vehicle: {
      id: r.vehicle_id,
      name: masked ? [r.brand, r.model].filter((x) => x !== null).join(" ") : r.vehicle_name,
      plate: masked ? null : r.plate,
      vin: masked ? null : r.vin,
      make: r.brand,
      model: r.model,
      year: r.year,
    },
    scope: r.scope,
    validFrom: r.valid_from.toISOString(),
    validUntil: iso(r.valid_until),
    revokedAt: iso(r.revoked_at),
    active: r.active,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  }
}

/** Access requests with the centre's name and the vehicle's masked card (system connection). */
export const requestSelect = () =>
  sql
    .selectFrom("vehicle_access_requests as r")
    .innerJoin("vehicles as v", "v.id", "r.vehicle_id")
    .innerJoin("organisations as co", "co.id", "r.centre_org_id")
    .select([
      "r.id",
      "r.org_id",
      "r.centre_org_id",
      "co.name as centre_name",
      "r.vehicle_id",
      raw<string>`CASE WHEN v.plate IS NULL THEN v.name ELSE v.name || ' (' || v.plate || ')' END`.as(
        "vehicle_name",
      ),
      "v.brand",
      "v.model",
      "v.year",
      "r.scope",
      "r.message",
      "r.status",
      "r.reason",
      "r.created_at",
      "r.decided_at",
    ])

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestSelect>["executeTakeFirstOrThrow"]>>

/** A request as `side` sees it: the centre never learns the vehicle's id, name or plate from it. */
export const requestView = (r: RequestRow, side: "fleet" | "centre"): typeof AccessRequest.Encoded => ({
  id: r.id,
  centreId: r.centre_org_id,
  centreName: r.centre_name,
  vehicleId: side === "fleet" ? r.vehicle_id : null,
  vehicleName: side === "fleet" ? r.vehicle_name : null,
  vehicle: { make: r.brand, model: r.model, year: r.year },
  scope: r.scope,
  message: r.message,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
  decidedAt: iso(r.decided_at),
})

/** A fleet's invite codes with the vehicles each names (its own organisation's rows). */
export const inviteSelect = () =>
  sql.selectFrom("vehicle_access_invites as i").select([
    "i.id",
    "i.scope",
    "i.grant_valid_until",
    "i.expires_at",
    "i.created_at",
    "i.redeemed_at",
    "i.redeemed_by_org_id",
    "i.revoked_at",
    raw<boolean>`i.expires_at <= now()`.as("expired"),
    raw<string[]>`ARRAY(SELECT iv.vehicle_id FROM vehicle_access_invite_vehicles iv
        WHERE iv.invite_id = i.id ORDER BY iv.vehicle_id)`.as("vehicle_ids"),
  ])

/** The invite list's filters: `q` over its vehicles' plates and names and the redeeming centre's name. */
export const inviteFilter = (
  query: ReturnType<typeof inviteSelect>,
  q: {
    readonly q?: string | undefined
    readonly status?: string | undefined
    readonly vehicleId?: string | undefined
  },
) => {
  let out = query
  if (q.vehicleId)
    out = out.where(
      raw<boolean>`EXISTS (SELECT 1 FROM vehicle_access_invite_vehicles iv
        WHERE iv.invite_id = i.id AND iv.vehicle_id = ${q.vehicleId})`,
    )
  if (q.q) {
    const like = likeOf(q.q)
    out = out.where(
      raw<boolean>`(EXISTS (SELECT 1 FROM vehicle_access_invite_vehicles iv JOIN vehicles v ON v.id = iv.vehicle_id
          WHERE iv.invite_id = i.id AND (v.plate ILIKE ${like} OR v.name ILIKE ${like}))
        OR EXISTS (SELECT 1 FROM organisations co WHERE co.id = i.redeemed_by_org_id AND co.name ILIKE ${like}))`,
    )
  }
  if (q.status === "revoked") out = out.where("i.revoked_at", "is not", null)
  else if (q.status === "redeemed")
    out = out.where("i.revoked_at", "is", null).where("i.redeemed_at", "is not", null)
  else if (q.status === "expired")
    out = out.where(raw<boolean>`i.revoked_at IS NULL AND i.redeemed_at IS NULL AND i.expires_at <= now()`)
  else if (q.status === "open")
    out = out.where(raw<boolean>`i.revoked_at IS NULL AND i.redeemed_at IS NULL AND i.expires_at > now()`)
  return out
}

type InviteRow = Awaited<ReturnType<ReturnType<typeof inviteSelect>["executeTakeFirstOrThrow"]>>

export const inviteView = (r: InviteRow): typeof AccessInvite.Encoded => ({
  id: r.id,
  vehicleIds: r.vehicle_ids,
  scope: r.scope,
  grantValidUntil: iso(r.grant_valid_until),
  expiresAt: r.expires_at.toISOString(),
  createdAt: r.created_at.toISOString(),
  redeemedAt: iso(r.redeemed_at),
  redeemedByCentreId: r.redeemed_by_org_id,
  revokedAt: iso(r.revoked_at),
  status:
    r.revoked_at !== null ? "revoked" : r.redeemed_at !== null ? "redeemed" : r.expired ? "expired" : "open",
})

/** `?q=` as a LIKE pattern (the text anywhere, wildcards taken literally). */
export const likeOf = (q: string): string => `%${q.replace(/[\\%_]/g, "\\$&")}%`

/** What both sides' grant lists take: `q` over both organisations' names and the vehicle's make and model. */
export interface GrantFilter {
  readonly sort?: string | undefined
  readonly q?: string | undefined
  readonly vehicleId?: string | undefined
  readonly active?: "true" | "false" | undefined
}

/** One side's grants (the fleet's `org_id` or the centre's `centre_org_id`), filtered and sorted. */
export const grantList = (side: "g.org_id" | "g.centre_org_id", orgId: string, q: GrantFilter) => {
  const sort = sortOf(q.sort, { createdAt: "g.created_at", validUntil: "g.valid_until" } as const, {
    column: "g.created_at",
    direction: "desc",
  })
  let query = grantSelect().where(side, "=", orgId).orderBy(sort.column, sort.direction).orderBy("g.id")
  if (q.vehicleId) query = query.where("g.vehicle_id", "=", q.vehicleId)
  if (q.q) {
    const like = likeOf(q.q)
    query = query.where((eb) =>
      eb.or([
        eb("co.name", "ilike", like),
        eb("o.name", "ilike", like),
        eb("v.brand", "ilike", like),
        eb("v.model", "ilike", like),
      ]),
    )
  }
  if (q.active === "true") query = query.where(ACTIVE_GRANT)
  if (q.active === "false") query = query.where(raw<boolean>`NOT ${ACTIVE_GRANT}`)
  return query
}
