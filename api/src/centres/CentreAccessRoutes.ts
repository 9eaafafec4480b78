import {
  endpoints,
  plateSearchKey,
  type Reason,
  reason,
  SEARCHES_PER_HOUR,
  vinSearchKey,
} from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation, systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { revokeGrant } from "./AccessRoutes.js"
import {
  grantList,
  grantNotFound,
  grantSelect,
  grantView,
  likeOf,
  requestSelect,
  requestView,
} from "./accessQueries.js"
import { assertApprovedCentre, centreNotApproved } from "./centreQueries.js"
import { inviteCodeHash } from "./inviteCode.js"
import { accessParties, notifyVehicleAccess, vehicleLabel } from "./notifyCentres.js"

const invalid = (field: string, why: Reason) => refuse(400, "FLEET_ACCESS_INVALID", field, why)

const codeInvalid = () =>
  new HttpError(
    422,
    "FLEET_ACCESS_CODE_INVALID",
    "this invite code is unknown, expired, withdrawn or used",
    "code",
  )

/**
 * A service centre's side of vehicle access: the masked search (rate-limited per user, every search
 * logged), asking the owner for access to a vehicle a search found, redeeming an invite code, and
 * the grants it holds. Nothing here tells the centre who owns a vehicle or moves it anywhere: a
 * search answers make, model and year, and access exists only once the owner gave it.
 */
export const registerCentreAccessRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const onSystem = async <A>(work: (c: pg.PoolClient) => Promise<A>): Promise<A> => {
    const client = await db.system.connect()
    try {
      return await work(client)
    } finally {
      client.release()
    }
  }

  serve(app, deps, endpoints.centreAccess.search, async ({ principal: p, body: b }) => {
    if ((b.plate === undefined) === (b.vin === undefined))
      throw invalid(b.plate === undefined ? "plate" : "vin", reason("plateOrVin"))
    const answer = await db.withOrg(p.orgId, async (c) => {
      const centre = await firstRow(
        c,
        sql.selectFrom("service_centres").select(["status", "country"]).where("org_id", "=", p.orgId),
      )
      if (centre?.status !== "approved") throw centreNotApproved()
      // One user's searches are counted one at a time: concurrent ones cannot all slip under the limit.
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('vehicle-search:' || $1, 0))", [p.userId])
      const window = await c.query<{ n: number; oldest: Date | null }>(
        `SELECT count(*)::int AS n, min(at) AS oldest FROM vehicle_search_log
         WHERE user_id = $1 AND at > now() - interval '1 hour'`,
        [p.userId],
      )
      const { n, oldest } = window.rows[0] ?? { n: 0, oldest: null }
      if (n >= SEARCHES_PER_HOUR) {
        const seconds = Math.max(
          1,
          Math.ceil(((oldest?.getTime() ?? Date.now()) + 3_600_000 - Date.now()) / 1000),
        )
        throw new HttpError(
          429,
          "FLEET_VEHICLE_SEARCH_RATE_LIMITED",
          `at most ${SEARCHES_PER_HOUR} vehicle searches an hour; retry in ${seconds} s`,
          null,
          { "retry-after": String(seconds) },
        )
      }
      const country = b.country ?? centre?.country ?? null
      const kind = b.vin === undefined ? ("plate" as const) : ("vin" as const)
      const query = b.vin === undefined ? plateSearchKey(b.plate ?? "", country) : vinSearchKey(b.vin)
      if (query === undefined || query.length === 0) throw invalid(kind, reason("nothingToSearch"))
      // Across the installation, on the system connection: the only columns read are the id and
      // the masked card's.
      const found = await onSystem(async (s) =>
        kind === "vin"
          ? (
              await s.query<{ id: string; brand: string | null; model: string | null; year: number | null }>(
                "SELECT id, brand, model, year FROM vehicles WHERE vin = $1 LIMIT 1",
                [query],
              )
            ).rows[0]
          : (
              await s.query<{ id: string; brand: string | null; model: string | null; year: number | null }>(
                `SELECT id, brand, model, year FROM vehicles
               WHERE plate_normalized = $1 AND (plate_country = $2 OR plate_country IS NULL OR $2 IS NULL)
               ORDER BY (plate_country = $2) DESC NULLS LAST, created_at LIMIT 1`,
                [query, country],
              )
            ).rows[0],
      )
      const logged = await firstRow(
        c,
        sql
          .insertInto("vehicle_search_log")
          .values({
            org_id: p.orgId,
            user_id: p.userId,
            kind,
            query,
            country: kind === "plate" ? country : null,
            vehicle_id: found?.id ?? null,
            found: found !== undefined,
          })
          .returning("id"),
      )
      return {
        searchId: logged?.id as string,
        found: found !== undefined,
        vehicle: found === undefined ? null : { make: found.brand, model: found.model, year: found.year },
      }
    })
    return { body: answer }
  })

  serve(app, deps, endpoints.centreAccess.request, async ({ principal: p, body: b, request }) => {
    const id = await db.withOrg(p.orgId, async (c) => {
      await assertApprovedCentre(c, p.orgId)
      const search = await firstRow(
        c,
        sql
          .selectFrom("vehicle_search_log")
          .select("vehicle_id")
          .where("id", "=", b.searchId)
          .where("org_id", "=", p.orgId)
          .where("vehicle_id", "is not", null),
      )
      const owner =
        search?.vehicle_id == null
          ? undefined
          : (
              await db.system.query<{ org_id: string }>("SELECT org_id FROM vehicles WHERE id = $1", [
                search.vehicle_id,
              ])
            ).rows[0]
      if (search?.vehicle_id == null || owner === undefined)
        throw new HttpError(
          404,
          "FLEET_VEHICLE_SEARCH_NOT_FOUND",
          "no search of your centre found that vehicle",
          "searchId",
        )
      const created = await firstRow(
        c,
        sql
          .insertInto("vehicle_access_requests")
          .values({
            org_id: owner.org_id,
            centre_org_id: p.orgId,
            vehicle_id: search.vehicle_id,
            scope: b.scope,
            message: b.message ?? null,
            requested_by: p.userId,
          })
          .returning("id"),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "vehicle_access_requests_one_pending"))
          throw new HttpError(409, "FLEET_ACCESS_REQUEST_PENDING", "a request for this vehicle waits already")
        throw error
      })
      const requestId = created?.id as string
      await audit(c, p, request, {
        action: "vehicle-access.request",
        entity: "vehicle_access_request",
        entityId: requestId,
        newValues: { searchId: b.searchId, scope: b.scope, message: b.message ?? null },
      })
      return requestId
    })
    const row = await onSystem((c) => firstRow(c, requestSelect().where("r.id", "=", id)))
    if (row === undefined) throw new Error("the access request was not stored")
    const parties = await accessParties(db.system, row.vehicle_id, p.orgId)
    await notifyVehicleAccess(
      db.system,
      { orgId: row.org_id, link: "/vehicle-access" },
      id,
      "requested",
      parties.centre,
      vehicleLabel(parties.vehicle, "fleet"),
    )
    return { body: requestView(row, "centre") }
  })

  serve(app, deps, endpoints.centreAccess.requests, async ({ principal: p, query: q }) => {
    const sort = sortOf(q.sort, { createdAt: "r.created_at" } as const, {
      column: "r.created_at",
      direction: "desc",
    })
    let query = requestSelect()
      .where("r.centre_org_id", "=", p.orgId)
      .orderBy(sort.column, sort.direction)
      .orderBy("r.id")
    if (q.status) query = query.where("r.status", "=", q.status)
    if (q.q) {
      const like = likeOf(q.q)
      query = query.where((eb) =>
        eb.or([eb("co.name", "ilike", like), eb("v.brand", "ilike", like), eb("v.model", "ilike", like)]),
      )
    }
    const page = await onSystem((c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map((r) => requestView(r, "centre")) } }
  })

  serve(app, deps, endpoints.centreAccess.redeem, async ({ principal: p, body: b, request }) => {
    await db.withOrg(p.orgId, (c) => assertApprovedCentre(c, p.orgId))
    const grantIds = await systemTransaction(db, async (c) => {
      const invite = await firstRow(
        c,
        sql
          .selectFrom("vehicle_access_invites")
          .selectAll()
          .where("code_hash", "=", inviteCodeHash(b.code))
          .forUpdate(),
      )
      if (
        invite === undefined ||
        invite.redeemed_at !== null ||
        invite.revoked_at !== null ||
        invite.expires_at.getTime() <= Date.now() ||
        invite.org_id === p.orgId
      )
        throw codeInvalid()
      await rows(
        c,
        sql
          .updateTable("vehicle_access_invites")
          .set({ redeemed_at: raw<Date>`now()`, redeemed_by_org_id: p.orgId, redeemed_by: p.userId })
          .where("id", "=", invite.id),
      )
      const vehicles = await rows(
        c,
        sql
          .selectFrom("vehicle_access_invite_vehicles")
          .select("vehicle_id")
          .where("invite_id", "=", invite.id),
      )
      const made =
        vehicles.length === 0
          ? []
          : await rows(
              c,
              sql
                .insertInto("vehicle_access_grants")
                .values(
                  vehicles.map((v) => ({
                    org_id: invite.org_id,
                    centre_org_id: p.orgId,
                    vehicle_id: v.vehicle_id,
                    scope: invite.scope,
                    valid_until: invite.grant_valid_until,
                    created_by: p.userId,
                    source: "invite_code" as const,
                    invite_id: invite.id,
                  })),
                )
                .returning("id"),
            )
      const ids = made.map((g) => g.id)
      const entry = {
        action: "vehicle-access.redeem",
        entity: "vehicle_access_invite",
        entityId: invite.id,
        newValues: { centreId: p.orgId, grantIds: ids, vehicleIds: vehicles.map((v) => v.vehicle_id) },
      }
      // Both chains: the fleet reads who took up its code, the centre what it was given.
      await audit(c, { orgId: invite.org_id, userId: p.userId }, request, entry)
      await audit(c, p, request, entry)
      return ids
    })
    const granted =
      grantIds.length === 0 ? [] : await onSystem((c) => rows(c, grantSelect().where("g.id", "in", grantIds)))
    const first = granted[0]
    if (first !== undefined) {
      // The fleet learns its code was taken up, and by whom: a code in the wrong hands is revoked at once.
      const labels = granted.map((g) =>
        vehicleLabel({ name: g.vehicle_name, plate: g.plate, brand: g.brand, model: g.model }, "fleet"),
      )
      const shown =
        labels.length > 3 ? `${labels.slice(0, 3).join(", ")} +${labels.length - 3}` : labels.join(", ")
      await notifyVehicleAccess(
        db.system,
        { orgId: first.org_id, link: "/vehicle-access" },
        first.id,
        "redeemed",
        first.centre_name,
        shown,
      )
    }
    return { body: granted.map((r) => grantView(r, "centre")) }
  })

  serve(app, deps, endpoints.centreAccess.grants, async ({ principal: p, query: q }) => {
    const query = grantList("g.centre_org_id", p.orgId, q)
    const page = await onSystem((c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map((r) => grantView(r, "centre")) } }
  })

  serve(app, deps, endpoints.centreAccess.relinquish, async ({ principal: p, params, request }) => {
    await revokeGrant(db, p, request, params.id, "centre_org_id")
    const after = await onSystem((c) => firstRow(c, grantSelect().where("g.id", "=", params.id)))
    if (after === undefined) throw grantNotFound()
    return { body: grantView(after, "centre") }
  })
}
