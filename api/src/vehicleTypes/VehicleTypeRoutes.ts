import { can, endpoints, type TypeOf } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Updateable } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { contains } from "../db/contains.js"
import type { VehicleTypesTable } from "../db/Database.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation, systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { toVehicleType, vehicleTypeQuery } from "./vehicleTypeView.js"

const SORTS = { name: "t.name", brand: "t.brand", createdAt: "t.created_at" } as const

type Fields = Partial<TypeOf<(typeof endpoints.vehicleTypes.update)["body"]>>

const columnsOf = (b: Fields): Updateable<VehicleTypesTable> => {
  const out: Updateable<VehicleTypesTable> = {}
  if (b.name !== undefined) out.name = b.name
  if (b.brand !== undefined) out.brand = b.brand
  if (b.model !== undefined) out.model = b.model
  if (b.fuelType !== undefined) out.fuel_type = b.fuelType
  if (b.ratedConsumptionL100km !== undefined) out.rated_consumption_l_100km = b.ratedConsumptionL100km
  if (b.tankCapacityL !== undefined) out.tank_capacity_l = b.tankCapacityL
  if (b.speedLimitKmh !== undefined) out.speed_limit_kmh = b.speedLimitKmh
  return out
}

const notFound = (): HttpError => new HttpError(404, "FLEET_VEHICLE_TYPE_NOT_FOUND", "no such vehicle type")
const ownerOnly = (): HttpError =>
  new HttpError(
    403,
    "FLEET_VEHICLE_TYPE_UNIVERSAL",
    "only the installation owner edits the universal vehicle types",
    "universal",
  )
const existsOr = (error: unknown): unknown =>
  isUniqueViolation(error)
    ? new HttpError(409, "FLEET_VEHICLE_TYPE_EXISTS", "a vehicle type of this name exists", "name")
    : error

/** The installation owner writes the universal catalogue (org_id NULL) outside row-level security. */
const isOwner = (p: Principal): boolean => can(p.role, "organisations.manage")

/** The type `id` as the caller sees it (universal or their own), or 404. */
const visibleType = async (c: pg.ClientBase, id: string) => {
  const row = await firstRow(c, vehicleTypeQuery().where("t.id", "=", id))
  if (row === undefined) throw notFound()
  return row
}

/**
 * Vehicle types: the universal catalogue every organisation reads (seed 003 step 1.2) and each
 * organisation's own. Writes to a universal type run on the system pool, for the owner only; writes
 * to an own type run inside the organisation, where row-level security allows nothing else.
 */
export const registerVehicleTypeRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.vehicleTypes.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "t.name", direction: "asc" })
    let query = vehicleTypeQuery().orderBy(sort.column, sort.direction).orderBy("t.id")
    if (f.scope) query = query.where("t.org_id", f.scope === "universal" ? "is" : "is not", null)
    if (f.fuelType) query = query.where("t.fuel_type", "=", f.fuelType)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([eb("t.name", "ilike", like), eb("t.brand", "ilike", like), eb("t.model", "ilike", like)]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toVehicleType) } }
  })

  serve(app, deps, endpoints.vehicleTypes.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => visibleType(c, params.id))
    return { body: toVehicleType(row) }
  })

  serve(app, deps, endpoints.vehicleTypes.create, async ({ principal: p, body, request }) => {
    const { universal, ...fields } = body
    if (universal === true && !isOwner(p)) throw ownerOnly()
    const write = async (c: pg.PoolClient): Promise<string> => {
      const inserted = await firstRow(
        c,
        sql
          .insertInto("vehicle_types")
          .values({ ...columnsOf(fields), name: body.name, org_id: universal === true ? null : p.orgId })
          .returning("id"),
      ).catch((error: unknown) => {
        throw existsOr(error)
      })
      const id = inserted?.id as string
      await audit(c, p, request, {
        action: "vehicleType.create",
        entity: "vehicleType",
        entityId: id,
        newValues: body,
      })
      return id
    }
    const id = universal === true ? await systemTransaction(db, write) : await db.withOrg(p.orgId, write)
    const row = await db.withOrg(p.orgId, (c) => visibleType(c, id))
    return { body: toVehicleType(row) }
  })

  serve(app, deps, endpoints.vehicleTypes.update, async ({ principal: p, params, body, request }) => {
    const old = await db.withOrg(p.orgId, (c) => visibleType(c, params.id))
    const universal = old.org_id === null
    if (universal && !isOwner(p)) throw ownerOnly()
    const write = async (c: pg.PoolClient): Promise<void> => {
      const columns = columnsOf(body)
      if (Object.keys(columns).length > 0)
        await firstRow(
          c,
          sql
            .updateTable("vehicle_types")
            .set({ ...columns, updated_at: new Date() })
            .where("id", "=", params.id)
            .returning("id"),
        ).catch((error: unknown) => {
          throw existsOr(error)
        })
      const before = toVehicleType(old) as Record<string, unknown>
      await audit(c, p, request, {
        action: "vehicleType.update",
        entity: "vehicleType",
        entityId: params.id,
        oldValues: Object.fromEntries(Object.keys(body).map((k) => [k, before[k]])),
        newValues: body,
      })
    }
    if (universal) await systemTransaction(db, write)
    else await db.withOrg(p.orgId, write)
    const row = await db.withOrg(p.orgId, (c) => visibleType(c, params.id))
    return { body: toVehicleType(row) }
  })

  serve(app, deps, endpoints.vehicleTypes.delete, async ({ principal: p, params, request }) => {
    const old = await db.withOrg(p.orgId, (c) => visibleType(c, params.id))
    const universal = old.org_id === null
    if (universal && !isOwner(p)) throw ownerOnly()
    const write = async (c: pg.PoolClient): Promise<void> => {
      // On the system pool this counts every organisation's vehicles and templates.
      const used = await c.query<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM vehicles WHERE vehicle_type_id = $1)
             OR EXISTS (SELECT 1 FROM maintenance_templates WHERE vehicle_type_id = $1) AS used`,
        [params.id],
      )
      if (used.rows[0]?.used === true)
        throw new HttpError(
          409,
          "FLEET_VEHICLE_TYPE_IN_USE",
          "vehicles or maintenance templates use this type",
        )
      await c.query("DELETE FROM vehicle_types WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "vehicleType.delete",
        entity: "vehicleType",
        entityId: params.id,
        oldValues: toVehicleType(old),
      })
    }
    if (universal) await systemTransaction(db, write)
    else await db.withOrg(p.orgId, write)
    return {}
  })
}
