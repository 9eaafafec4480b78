import { randomBytes } from "node:crypto"
import { endpoints } from "@fleetcore/contract"
import { HttpError, hashSecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"

const COLUMNS = ["id", "name", "vehicle_id", "disabled", "created_at", "last_connected_at"] as const

const toDevice = (r: {
  id: string
  name: string | null
  vehicle_id: string | null
  disabled: boolean
  created_at: Date
  last_connected_at: Date | null
}) => ({
  id: r.id,
  name: r.name,
  vehicleId: r.vehicle_id,
  disabled: r.disabled,
  createdAt: r.created_at.toISOString(),
  lastConnectedAt: r.last_connected_at?.toISOString() ?? null,
})

const SORTS = {
  id: "id",
  name: "name",
  createdAt: "created_at",
  lastConnectedAt: "last_connected_at",
} as const

/** A new device secret: 192 random bits. Shown once; only its argon2id hash is kept. */
export const newDeviceSecret = (): string => randomBytes(24).toString("base64url")

const notFound = () => new HttpError(404, "FLEET_DEVICE_NOT_FOUND", "no such device")

const vehicleTaken = () =>
  new HttpError(409, "FLEET_VEHICLE_HAS_DEVICE", "this vehicle already has a device", "vehicleId")

/**
 * Device provisioning: list, create (returns the secret once), read, assign/detach, rename,
 * disable, delete, rotate the secret. Every change is audited and drops the device's cached
 * authentication, so it takes effect at the device's next message.
 */
export const registerDeviceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & {
    /** Called after a device's secret or assignment changed (drop cached authentications). */
    readonly onDeviceChanged: (deviceId: string) => void
  },
): void => {
  const { db } = deps

  serve(app, deps, endpoints.devices.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "id", direction: "asc" })
    let query = sql.selectFrom("devices").select(COLUMNS).orderBy(sort.column, sort.direction).orderBy("id")
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.assigned) query = query.where("vehicle_id", f.assigned === "true" ? "is not" : "is", null)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("id", "ilike", like), eb("name", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toDevice) } }
  })

  serve(app, deps, endpoints.devices.create, async ({ principal: p, body, request }) => {
    const secret = newDeviceSecret()
    const secretHash = await hashSecret(secret)
    // Device ids are unique in the installation; another organisation's id must not be
    // revealed, so the existence check runs as the system and answers the same either way.
    const exists = sql.selectFrom("devices").select("id").where("id", "=", body.id).compile()
    const taken = await db.system.query(exists.sql, [...exists.parameters])
    if ((taken.rowCount ?? 0) > 0)
      throw new HttpError(409, "FLEET_DEVICE_EXISTS", "a device with this id exists", "id")
    const row = await db.withOrg(p.orgId, async (c) => {
      if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
      const inserted = await firstRow(
        c,
        sql
          .insertInto("devices")
          .values({
            id: body.id,
            org_id: p.orgId,
            vehicle_id: body.vehicleId ?? null,
            name: body.name ?? null,
            secret_hash: secretHash,
          })
          .returning(COLUMNS),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "devices_vehicle_key")) throw vehicleTaken()
        if (isUniqueViolation(error))
          throw new HttpError(409, "FLEET_DEVICE_EXISTS", "a device with this id exists", "id")
        throw error
      })
      if (inserted === undefined) throw new Error("the device was not stored")
      // The device as stored, without its secret hash: an audit entry is readable by admins.
      await audit(c, p, request, {
        action: "device.create",
        entity: "device",
        entityId: body.id,
        newValues: { id: body.id, vehicleId: body.vehicleId ?? null, name: body.name ?? null },
      })
      return inserted
    })
    return { body: { ...toDevice(row), secret } }
  })

  serve(app, deps, endpoints.devices.rotateSecret, async ({ principal: p, params, request }) => {
    const id = params.id
    const secret = newDeviceSecret()
    const secretHash = await hashSecret(secret)
    const updated = await db.withOrg(p.orgId, async (c) => {
      const changed = await firstRow(
        c,
        sql.updateTable("devices").set({ secret_hash: secretHash }).where("id", "=", id).returning("id"),
      )
      // The secret itself is never recorded, only that it changed.
      if (changed !== undefined)
        await audit(c, p, request, { action: "device.rotate-secret", entity: "device", entityId: id })
      return changed !== undefined
    })
    if (!updated) throw notFound()
    deps.onDeviceChanged(id)
    return { body: { id, secret } }
  })

  serve(app, deps, endpoints.devices.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) =>
      firstRow(c, sql.selectFrom("devices").select(COLUMNS).where("id", "=", params.id)),
    )
    if (row === undefined) throw notFound()
    return { body: toDevice(row) }
  })

  serve(app, deps, endpoints.devices.update, async ({ principal: p, params, body, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("devices").select(COLUMNS).where("id", "=", params.id).forNoKeyUpdate(),
      )
      if (before === undefined) throw notFound()
      if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
      const changes = {
        ...(body.vehicleId === undefined ? {} : { vehicle_id: body.vehicleId }),
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
      }
      if (Object.keys(changes).length === 0) return before
      const after = await firstRow(
        c,
        sql.updateTable("devices").set(changes).where("id", "=", params.id).returning(COLUMNS),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "devices_vehicle_key")) throw vehicleTaken()
        throw error
      })
      if (after === undefined) throw notFound()
      const shown = (r: typeof before) => ({ vehicleId: r.vehicle_id, name: r.name, disabled: r.disabled })
      await audit(c, p, request, {
        action: "device.update",
        entity: "device",
        entityId: params.id,
        oldValues: shown(before),
        newValues: shown(after),
      })
      return after
    })
    deps.onDeviceChanged(params.id)
    return { body: toDevice(row) }
  })

  serve(app, deps, endpoints.devices.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const removed = await firstRow(
        c,
        sql.deleteFrom("devices").where("id", "=", params.id).returning(["id", "vehicle_id", "name"]),
      )
      if (removed === undefined) throw notFound()
      await audit(c, p, request, {
        action: "device.delete",
        entity: "device",
        entityId: params.id,
        oldValues: { vehicleId: removed.vehicle_id, name: removed.name },
      })
    })
    deps.onDeviceChanged(params.id)
    return {}
  })
}
