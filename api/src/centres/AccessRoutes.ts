import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import {
  grantList,
  grantNotFound,
  grantSelect,
  grantView,
  inviteFilter,
  inviteNotFound,
  inviteSelect,
  inviteView,
  likeOf,
  requestNotFound,
  requestSelect,
  requestView,
} from "./accessQueries.js"
import { inviteCodeHash, newInviteCode } from "./inviteCode.js"
import { accessParties, notifyVehicleAccess, vehicleLabel } from "./notifyCentres.js"

const now = raw<Date>`now()`

/** Hours an invite code stays redeemable when the fleet does not say. */
const DEFAULT_INVITE_HOURS = 72

const inFuture = (iso: string | undefined, field: string): Date | null => {
  if (iso === undefined) return null
  const at = new Date(iso)
  if (at.getTime() <= Date.now()) throw refuse(400, "FLEET_ACCESS_INVALID", field, reason("inFuture"))
  return at
}

/**
 * A fleet's control over centres' access to its vehicles: invite codes it hands over, centres'
 * requests it approves or refuses, the grants it sees and revokes (at once: an access check reads
 * `revoked_at`). Grants and requests are read on the system connection with the fleet named in
 * every statement (their vehicle and the centre's name are joined in); writes run in the fleet's
 * own transaction, under row-level security.
 */
export const registerAccessRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const onSystem = async <A>(work: (c: import("pg").PoolClient) => Promise<A>): Promise<A> => {
    const client = await db.system.connect()
    try {
      return await work(client)
    } finally {
      client.release()
    }
  }

  serve(app, deps, endpoints.vehicleAccess.createInvite, async ({ principal: p, body: b, request }) => {
    const grantValidUntil = inFuture(b.grantValidUntil, "grantValidUntil")
    const vehicleIds = [...new Set(b.vehicleIds)]
    const code = newInviteCode()
    const invite = await db.withOrg(p.orgId, async (c) => {
      const own = await rows(c, sql.selectFrom("vehicles").select("id").where("id", "in", vehicleIds))
      if (own.length !== vehicleIds.length)
        throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", "vehicleIds", reason("referenceMissing"))
      const created = await firstRow(
        c,
        sql
          .insertInto("vehicle_access_invites")
          .values({
            org_id: p.orgId,
            code_hash: inviteCodeHash(code),
            scope: b.scope,
            grant_valid_until: grantValidUntil,
            expires_at: raw<Date>`now() + make_interval(hours => ${b.expiresInHours ?? DEFAULT_INVITE_HOURS})`,
            created_by: p.userId,
          })
          .returning("id"),
      )
      const id = created?.id as string
      await rows(
        c,
        sql
          .insertInto("vehicle_access_invite_vehicles")
          .values(vehicleIds.map((vehicle_id) => ({ invite_id: id, org_id: p.orgId, vehicle_id }))),
      )
      const view = inviteView((await firstRow(c, inviteSelect().where("i.id", "=", id))) as never)
      // The code itself is never stored nor audited: only who made one, for what.
      await audit(c, p, request, {
        action: "vehicle-access.invite",
        entity: "vehicle_access_invite",
        entityId: id,
        newValues: {
          vehicleIds,
          scope: b.scope,
          grantValidUntil: view.grantValidUntil,
          expiresAt: view.expiresAt,
        },
      })
      return view
    })
    return { body: { invite, code } }
  })

  serve(app, deps, endpoints.vehicleAccess.invites, async ({ principal: p, query: q }) => {
    const sort = sortOf(q.sort, { createdAt: "i.created_at" } as const, {
      column: "i.created_at",
      direction: "desc",
    })
    // On the system connection (the redeeming centre's name is another organisation's row), so
    // scoped by hand to the caller's invites.
    const query = inviteFilter(inviteSelect().where("i.org_id", "=", p.orgId), q)
      .orderBy(sort.column, sort.direction)
      .orderBy("i.id")
    const page = await onSystem((c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map(inviteView) } }
  })

  serve(app, deps, endpoints.vehicleAccess.revokeInvite, async ({ principal: p, params, request }) => {
    const invite = await db.withOrg(p.orgId, async (c) => {
      const revoked = await firstRow(
        c,
        sql
          .updateTable("vehicle_access_invites")
          .set({ revoked_at: now })
          .where("id", "=", params.id)
          .where("revoked_at", "is", null)
          .where("redeemed_at", "is", null)
          .returning("id"),
      )
      const found = await firstRow(c, inviteSelect().where("i.id", "=", params.id))
      if (found === undefined) throw inviteNotFound()
      if (revoked !== undefined)
        await audit(c, p, request, {
          action: "vehicle-access.invite-revoke",
          entity: "vehicle_access_invite",
          entityId: params.id,
        })
      return inviteView(found)
    })
    return { body: invite }
  })

  serve(app, deps, endpoints.vehicleAccess.requests, async ({ principal: p, query: q }) => {
    let query = requestSelect()
      .where("r.org_id", "=", p.orgId)
      .orderBy("r.created_at", "desc")
      .orderBy("r.id")
    if (q.status) query = query.where("r.status", "=", q.status)
    if (q.q) {
      const like = likeOf(q.q)
      query = query.where((eb) =>
        eb.or([eb("co.name", "ilike", like), eb("v.brand", "ilike", like), eb("v.model", "ilike", like)]),
      )
    }
    const page = await onSystem((c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map((r) => requestView(r, "fleet")) } }
  })

  serve(app, deps, endpoints.vehicleAccess.decide, async ({ principal: p, params, body: b, request }) => {
    const validUntil = b.approve ? inFuture(b.validUntil, "validUntil") : null
    await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql
          .selectFrom("vehicle_access_requests")
          .selectAll()
          .where("id", "=", params.id)
          .where("org_id", "=", p.orgId)
          .forUpdate(),
      )
      if (before === undefined) throw requestNotFound()
      if (before.status !== "pending")
        throw new HttpError(409, "FLEET_ACCESS_REQUEST_DECIDED", `the request is ${before.status} already`)
      const status = b.approve ? "approved" : "refused"
      await rows(
        c,
        sql
          .updateTable("vehicle_access_requests")
          .set({ status, decided_by: p.userId, decided_at: now, reason: b.reason ?? null })
          .where("id", "=", params.id),
      )
      let grantId: string | null = null
      if (b.approve) {
        const grant = await firstRow(
          c,
          sql
            .insertInto("vehicle_access_grants")
            .values({
              org_id: p.orgId,
              centre_org_id: before.centre_org_id,
              vehicle_id: before.vehicle_id,
              scope: before.scope,
              valid_until: validUntil,
              created_by: p.userId,
              source: "request",
              request_id: before.id,
            })
            .returning("id"),
        )
        grantId = grant?.id ?? null
      }
      await audit(c, p, request, {
        action: b.approve ? "vehicle-access.approve" : "vehicle-access.refuse",
        entity: "vehicle_access_request",
        entityId: params.id,
        oldValues: { status: "pending" },
        newValues: {
          status,
          centreId: before.centre_org_id,
          vehicleId: before.vehicle_id,
          scope: before.scope,
          ...(grantId === null ? {} : { grantId, validUntil: validUntil?.toISOString() ?? null }),
          ...(b.reason === undefined ? {} : { reason: b.reason }),
        },
      })
    })
    const after = await onSystem((c) => firstRow(c, requestSelect().where("r.id", "=", params.id)))
    if (after === undefined) throw requestNotFound()
    const parties = await accessParties(db.system, after.vehicle_id, after.centre_org_id)
    await notifyVehicleAccess(
      db.system,
      { orgId: after.centre_org_id, link: "/centre/access" },
      params.id,
      b.approve ? "approved" : "refused",
      parties.centre,
      vehicleLabel(parties.vehicle, "centre"),
    )
    return { body: requestView(after, "fleet") }
  })

  serve(app, deps, endpoints.vehicleAccess.grants, async ({ principal: p, query: q }) => {
    const query = grantList("g.org_id", p.orgId, q)
    const page = await onSystem((c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map((r) => grantView(r, "fleet")) } }
  })

  serve(app, deps, endpoints.vehicleAccess.revoke, async ({ principal: p, params, request }) => {
    await revokeGrant(db, p, request, params.id, "org_id")
    const after = await onSystem((c) => firstRow(c, grantSelect().where("g.id", "=", params.id)))
    if (after === undefined) throw grantNotFound()
    return { body: grantView(after, "fleet") }
  })
}

/**
 * Ends grant `id` now, as the side `column` names (the fleet that gave it, or the centre that
 * holds it); a grant already revoked stays as it was. 404 when it is not the caller's side's.
 */
export const revokeGrant = async (
  db: RouteDeps["db"],
  p: Parameters<typeof audit>[1],
  request: Parameters<typeof audit>[2],
  id: string,
  column: "org_id" | "centre_org_id",
): Promise<void> => {
  const revoked = await db.withOrg(p.orgId, async (c) => {
    const before = await firstRow(
      c,
      sql
        .selectFrom("vehicle_access_grants")
        .selectAll()
        .where("id", "=", id)
        .where(column, "=", p.orgId)
        .forUpdate(),
    )
    if (before === undefined) throw grantNotFound()
    if (before.revoked_at !== null) return undefined
    await rows(
      c,
      sql
        .updateTable("vehicle_access_grants")
        .set({ revoked_at: now, revoked_by: p.userId })
        .where("id", "=", id),
    )
    await audit(c, p, request, {
      action: "vehicle-access.revoke",
      entity: "vehicle_access_grant",
      entityId: id,
      oldValues: { revokedAt: null },
      newValues: {
        revokedAt: "now",
        centreId: before.centre_org_id,
        vehicleId: before.vehicle_id,
        by: column === "org_id" ? "fleet" : "centre",
      },
    })
    return before
  })
  if (revoked === undefined) return
  // The other side hears of it: the centre when the fleet revoked, the fleet when the centre gave it up.
  const byFleet = column === "org_id"
  const parties = await accessParties(db.system, revoked.vehicle_id, revoked.centre_org_id)
  await notifyVehicleAccess(
    db.system,
    byFleet
      ? { orgId: revoked.centre_org_id, link: "/centre/access" }
      : { orgId: revoked.org_id, link: "/vehicle-access" },
    id,
    "revoked",
    parties.centre,
    vehicleLabel(parties.vehicle, byFleet ? "centre" : "fleet"),
  )
}
