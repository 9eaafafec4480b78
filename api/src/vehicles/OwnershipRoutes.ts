import { endpoints, type OwnershipRecord, type Reason, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { requireVisibleVehicle } from "./visibleVehicle.js"

type Wire = typeof OwnershipRecord.Encoded

const day = (column: string) => raw<string>`to_char(${raw.ref(column)}, 'YYYY-MM-DD')`

const ownershipQuery = () =>
  sql
    .selectFrom("vehicle_ownerships as o")
    .select([
      "o.id",
      "o.vehicle_id",
      "o.owner_type",
      "o.owner_name",
      day("o.starts_on").as("starts_on"),
      raw<string | null>`to_char(o.ends_on, 'YYYY-MM-DD')`.as("ends_on"),
      "o.purchase_price",
      "o.sale_price",
      "o.currency",
      "o.notes",
      "o.created_at",
      "o.updated_at",
    ])

type Row = Awaited<ReturnType<ReturnType<typeof ownershipQuery>["executeTakeFirstOrThrow"]>>

const toRecord = (r: Row): Wire => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  ownerType: r.owner_type as Wire["ownerType"],
  ownerName: r.owner_name,
  from: r.starts_on,
  to: r.ends_on,
  purchasePrice: r.purchase_price,
  salePrice: r.sale_price,
  currency: r.currency,
  notes: r.notes,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

const notFound = (): HttpError => new HttpError(404, "FLEET_OWNERSHIP_NOT_FOUND", "no such ownership record")
const invalid = (field: string, why: Reason): HttpError => refuse(400, "FLEET_OWNERSHIP_INVALID", field, why)

/** The rules between fields, on the record as it will be after the write. */
const checkRules = (r: Wire): void => {
  if (r.to !== null && r.to < r.from) throw invalid("to", reason("beforeStart"))
  if ((r.purchasePrice !== null || r.salePrice !== null) && r.currency === null)
    throw invalid("currency", reason("needsCurrency"))
}

/** The exclusion constraint `vehicle_ownerships_no_overlap` (23P01) refused the period. */
const overlapOr = (error: unknown): unknown =>
  (error as { code?: unknown }).code === "23P01"
    ? new HttpError(409, "FLEET_OWNERSHIP_OVERLAP", "the period overlaps another owner's period", "from")
    : error

const recordOf = async (c: pg.ClientBase, id: string): Promise<Wire> => {
  const row = await firstRow(c, ownershipQuery().where("o.id", "=", id))
  if (row === undefined) throw notFound()
  return toRecord(row)
}

/** A vehicle's ownership history (seed 003 step 2.4): periods that never overlap. */
export const registerOwnershipRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.ownership.list, async ({ principal: p, params, query: f }) => {
    const page = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      let query = ownershipQuery()
        .where("o.vehicle_id", "=", params.id)
        .orderBy("o.starts_on", f.sort === "-from" ? "desc" : "asc")
        .orderBy("o.id")
      if (f.q) query = query.where("o.owner_name", "ilike", contains(f.q))
      return listPage(c, query, f)
    })
    return { body: { ...page, items: page.items.map(toRecord) } }
  })

  serve(app, deps, endpoints.ownership.create, async ({ principal: p, params, body, request }) => {
    const record = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      checkRules({
        from: body.from,
        to: body.to ?? null,
        purchasePrice: body.purchasePrice ?? null,
        salePrice: body.salePrice ?? null,
        currency: body.currency ?? null,
      } as Wire)
      const inserted = await firstRow(
        c,
        sql
          .insertInto("vehicle_ownerships")
          .values({
            org_id: p.orgId,
            vehicle_id: params.id,
            owner_type: body.ownerType,
            owner_name: body.ownerName,
            starts_on: body.from,
            ends_on: body.to ?? null,
            purchase_price: body.purchasePrice ?? null,
            sale_price: body.salePrice ?? null,
            currency: body.currency ?? null,
            notes: body.notes ?? null,
          })
          .returning("id"),
      ).catch((error: unknown) => {
        throw overlapOr(error)
      })
      const id = inserted?.id as string
      await audit(c, p, request, {
        action: "ownership.create",
        entity: "ownership",
        entityId: id,
        newValues: body,
      })
      return recordOf(c, id)
    })
    return { body: record }
  })

  serve(app, deps, endpoints.ownership.update, async ({ principal: p, params, body, request }) => {
    const record = await db.withOrg(p.orgId, async (c) => {
      const old = await recordOf(c, params.id)
      const next: Wire = {
        ...old,
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      } as Wire
      checkRules(next)
      const compiled = sql
        .updateTable("vehicle_ownerships")
        .set({
          owner_type: next.ownerType,
          owner_name: next.ownerName,
          starts_on: next.from,
          ends_on: next.to,
          purchase_price: next.purchasePrice,
          sale_price: next.salePrice,
          currency: next.currency,
          notes: next.notes,
          updated_at: new Date(),
        })
        .where("id", "=", params.id)
        .compile()
      await c.query(compiled.sql, compiled.parameters as unknown[]).catch((error: unknown) => {
        throw overlapOr(error)
      })
      const oldValues = Object.fromEntries(
        Object.keys(body).map((k) => [k, (old as Record<string, unknown>)[k]]),
      )
      await audit(c, p, request, {
        action: "ownership.update",
        entity: "ownership",
        entityId: params.id,
        oldValues,
        newValues: body,
      })
      return recordOf(c, params.id)
    })
    return { body: record }
  })

  serve(app, deps, endpoints.ownership.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const old = await recordOf(c, params.id)
      await c.query("DELETE FROM vehicle_ownerships WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "ownership.delete",
        entity: "ownership",
        entityId: params.id,
        oldValues: old,
      })
    })
    return {}
  })
}
