import { endpoints, isConfinedToAssignedVehicles, reason, type TeamDetail } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { type Expression, sql as raw, type SqlBool } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import { readableDrivers } from "../drivers/driverQueries.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

const notFound = () => new HttpError(404, "FLEET_TEAM_NOT_FOUND", "no such team")
const nameTaken = () => new HttpError(409, "FLEET_TEAM_EXISTS", "a team with this name exists", "name")
const onNameTaken = (error: unknown): never => {
  if (isUniqueViolation(error, "teams_org_id_name_key")) throw nameTaken()
  throw error
}

/** The most members of each kind a team's page lists. */
const MEMBERS_SHOWN = 500

/** Teams with their member counts; callers add filters. */
const teamSelect = () =>
  sql
    .selectFrom("teams as t")
    .select((eb) => [
      "t.id",
      "t.name",
      "t.description",
      "t.created_at",
      eb
        .selectFrom("drivers as d")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("d.team_id", "=", "t.id")
        .as("driver_count"),
      eb
        .selectFrom("vehicles as v")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("v.team_id", "=", "t.id")
        .as("vehicle_count"),
    ])

type TeamRow = NonNullable<Awaited<ReturnType<ReturnType<typeof teamSelect>["executeTakeFirst"]>>>

const teamView = (r: TeamRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  driverCount: Number(r.driver_count ?? 0),
  vehicleCount: Number(r.vehicle_count ?? 0),
  createdAt: r.created_at.toISOString(),
})

/**
 * The teams `p` may read: the organisation's (row-level security); a driver-role caller only the
 * team of their own driver record, whose members they see only as far as they see drivers and vehicles.
 */
const readableTeams = (p: Principal): Expression<SqlBool> =>
  isConfinedToAssignedVehicles(p.role)
    ? raw<SqlBool>`t.id IN (SELECT team_id FROM drivers WHERE user_id = ${p.userId})`
    : raw<SqlBool>`true`

/** One team `p` may read, with the members `p` may see; 404 otherwise. */
const findTeam = async (c: pg.ClientBase, p: Principal, id: string): Promise<typeof TeamDetail.Encoded> => {
  const team = await firstRow(c, teamSelect().where("t.id", "=", id).where(readableTeams(p)))
  if (team === undefined) throw notFound()
  const drivers = await rows(
    c,
    sql
      .selectFrom("drivers")
      .select(["id", "full_name", "status"])
      .where("team_id", "=", id)
      .where(readableDrivers(p, "id"))
      .orderBy("full_name")
      .limit(MEMBERS_SHOWN),
  )
  const vehicles = await rows(
    c,
    sql
      .selectFrom("vehicles")
      .select(["id", "name", "plate"])
      .where("team_id", "=", id)
      .where(visibleVehicles(p, "id"))
      .orderBy("name")
      .limit(MEMBERS_SHOWN),
  )
  return {
    ...teamView(team),
    drivers: drivers.map((d) => ({ id: d.id, fullName: d.full_name, status: d.status })),
    vehicles: vehicles.map((v) => ({ id: v.id, name: v.name, plate: v.plate })),
  }
}

/**
 * The ids among `ids` that exist in the caller's organisation (row-level security hides the others);
 * a missing one is the 422 of a body reference.
 */
const requireAll = async (
  c: pg.ClientBase,
  table: "drivers" | "vehicles",
  ids: ReadonlyArray<string>,
  field: string,
): Promise<void> => {
  if (ids.length === 0) return
  const found = await c.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [
    [...ids],
  ])
  const known = new Set(found.rows.map((r) => r.id))
  const missing = ids.findIndex((id) => !known.has(id))
  if (missing >= 0)
    throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", `${field}[${missing}]`, reason("referenceMissing"))
}

/** Teams of drivers and vehicles (seeds 003, 004): read with `drivers.read`, kept with `drivers.manage`. */
export const registerTeamRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.teams.list, async ({ principal: p, query: q }) => {
    const order = sortOf(q.sort, { name: "t.name", createdAt: "t.created_at" } as const, {
      column: "t.name",
      direction: "asc",
    })
    let query = teamSelect().where(readableTeams(p)).orderBy(order.column, order.direction).orderBy("t.id")
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) => eb.or([eb("t.name", "ilike", like), eb("t.description", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map(teamView) } }
  })

  serve(app, deps, endpoints.teams.get, async ({ principal: p, params }) => ({
    body: await db.withOrg(p.orgId, (c) => findTeam(c, p, params.id)),
  }))

  serve(app, deps, endpoints.teams.create, async ({ principal: p, body: b, request }) => {
    const team = await db.withOrg(p.orgId, async (c) => {
      const created = await firstRow(
        c,
        sql
          .insertInto("teams")
          .values({ org_id: p.orgId, name: b.name, description: b.description ?? null })
          .returning("id"),
      ).catch(onNameTaken)
      if (created === undefined) throw new Error("the team was not stored")
      await audit(c, p, request, {
        action: "team.create",
        entity: "team",
        entityId: created.id,
        newValues: b,
      })
      return findTeam(c, p, created.id)
    })
    return { body: team }
  })

  serve(app, deps, endpoints.teams.update, async ({ principal: p, params, body: b, request }) => {
    const team = await db.withOrg(p.orgId, async (c) => {
      const before = await findTeam(c, p, params.id)
      const changed = (["name", "description"] as const).filter(
        (k) => b[k] !== undefined && b[k] !== before[k],
      )
      if (changed.length === 0) return before
      await rows(
        c,
        sql
          .updateTable("teams")
          .set({
            ...(b.name === undefined ? {} : { name: b.name }),
            ...(b.description === undefined ? {} : { description: b.description }),
            updated_at: raw<Date>`now()`,
          })
          .where("id", "=", params.id),
      ).catch(onNameTaken)
      await audit(c, p, request, {
        action: "team.update",
        entity: "team",
        entityId: params.id,
        oldValues: Object.fromEntries(changed.map((k) => [k, before[k]])),
        newValues: Object.fromEntries(changed.map((k) => [k, b[k]])),
      })
      return findTeam(c, p, params.id)
    })
    return { body: team }
  })

  serve(app, deps, endpoints.teams.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await findTeam(c, p, params.id)
      // Members stay, in no team (ON DELETE SET NULL on drivers.team_id and vehicles.team_id).
      await c.query("DELETE FROM teams WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "team.delete",
        entity: "team",
        entityId: params.id,
        oldValues: { name: before.name, description: before.description },
      })
    })
    return {}
  })

  serve(app, deps, endpoints.teams.addMembers, async ({ principal: p, params, body: b, request }) => {
    const team = await db.withOrg(p.orgId, async (c) => {
      await findTeam(c, p, params.id)
      const driverIds = b.driverIds ?? []
      const vehicleIds = b.vehicleIds ?? []
      await requireAll(c, "drivers", driverIds, "driverIds")
      await requireAll(c, "vehicles", vehicleIds, "vehicleIds")
      if (driverIds.length > 0)
        await c.query("UPDATE drivers SET team_id = $1, updated_at = now() WHERE id = ANY($2::uuid[])", [
          params.id,
          driverIds,
        ])
      if (vehicleIds.length > 0)
        await c.query("UPDATE vehicles SET team_id = $1 WHERE id = ANY($2::uuid[])", [params.id, vehicleIds])
      await audit(c, p, request, {
        action: "team.add-members",
        entity: "team",
        entityId: params.id,
        details: { driverIds, vehicleIds },
      })
      return findTeam(c, p, params.id)
    })
    return { body: team }
  })

  serve(app, deps, endpoints.teams.removeMembers, async ({ principal: p, params, body: b, request }) => {
    const team = await db.withOrg(p.orgId, async (c) => {
      await findTeam(c, p, params.id)
      const driverIds = b.driverIds ?? []
      const vehicleIds = b.vehicleIds ?? []
      await c.query(
        "UPDATE drivers SET team_id = NULL, updated_at = now() WHERE team_id = $1 AND id = ANY($2::uuid[])",
        [params.id, driverIds],
      )
      await c.query("UPDATE vehicles SET team_id = NULL WHERE team_id = $1 AND id = ANY($2::uuid[])", [
        params.id,
        vehicleIds,
      ])
      await audit(c, p, request, {
        action: "team.remove-members",
        entity: "team",
        entityId: params.id,
        details: { driverIds, vehicleIds },
      })
      return findTeam(c, p, params.id)
    })
    return { body: team }
  })
}
