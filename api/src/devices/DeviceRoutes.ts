import { randomBytes } from "node:crypto"
import { endpoints, reason } from "@fleetcore/contract"
import { HttpError, hashSecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import {
  checkIdentifier,
  DEVICE_COLUMNS,
  identifierInUse,
  identifierTaken,
  insertDevice,
  requireFreeDeviceId,
  toDevice,
  vehicleTaken,
} from "./deviceRecords.js"
import { forgetUnknown } from "./forgetUnknown.js"
import { registerUnknownDeviceRoutes } from "./UnknownDeviceRoutes.js"

const SORTS = {
  id: "id",
  name: "name",
  createdAt: "created_at",
  lastConnectedAt: "last_connected_at",
} as const

/** A new device secret: 192 random bits. Shown once; only its argon2id hash is kept. */
export const newDeviceSecret = (): string => randomBytes(24).toString("base64url")

const notFound = () => new HttpError(404, "FLEET_DEVICE_NOT_FOUND", "no such device")

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
  // Before `/api/v1/devices/:id`, so "unknown" is never read as a device id.
  registerUnknownDeviceRoutes(app, deps)

  serve(app, deps, endpoints.devices.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "id", direction: "asc" })
    let query = sql
      .selectFrom("devices")
      .select(DEVICE_COLUMNS)
      .orderBy(sort.column, sort.direction)
      .orderBy("id")
    if (f.vehicleId) query = query.where("vehicle_id", "=", f.vehicleId)
    if (f.protocol) query = query.where("protocol", "=", f.protocol)
    if (f.assigned) query = query.where("vehicle_id", f.assigned === "true" ? "is not" : "is", null)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([eb("id", "ilike", like), eb("name", "ilike", like), eb("identifier", "ilike", like)]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(toDevice) } }
  })

  serve(app, deps, endpoints.devices.create, async ({ principal: p, body, request }) => {
    const protocol = body.protocol ?? "fleetcore"
    checkIdentifier(protocol, body.identifier)
    const identifier = protocol === "fleetcore" ? null : (body.identifier ?? null)
    // Trackers known by an identifier have no secret: nothing to show or to hash.
    const secret = protocol === "fleetcore" ? newDeviceSecret() : null
    const secretHash = secret === null ? null : await hashSecret(secret)
    if (identifier !== null && (await identifierInUse(db, protocol, identifier))) throw identifierTaken()
    await requireFreeDeviceId(db, body.id)
    const row = await db.withOrg(p.orgId, async (c) => {
      if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
      const inserted = await insertDevice(c, {
        id: body.id,
        org_id: p.orgId,
        vehicle_id: body.vehicleId ?? null,
        name: body.name ?? null,
        secret_hash: secretHash,
        protocol,
        identifier,
        model: body.model ?? null,
      })
      // The device as stored, without its secret hash: an audit entry is readable by admins.
      await audit(c, p, request, {
        action: "device.create",
        entity: "device",
        entityId: body.id,
        newValues: {
          id: body.id,
          vehicleId: body.vehicleId ?? null,
          name: body.name ?? null,
          protocol,
          identifier,
          model: body.model ?? null,
        },
      })
      return inserted
    })
    // A tracker that knocked before it was provisioned is known now.
    if (identifier !== null) await forgetUnknown(db, protocol, identifier)
    return { body: { ...toDevice(row), secret } }
  })

  serve(app, deps, endpoints.devices.rotateSecret, async ({ principal: p, params, request }) => {
    const id = params.id
    const secret = newDeviceSecret()
    const secretHash = await hashSecret(secret)
    const updated = await db.withOrg(p.orgId, async (c) => {
      const device = await firstRow(c, sql.selectFrom("devices").select("protocol").where("id", "=", id))
      if (device !== undefined && device.protocol !== "fleetcore")
        throw new HttpError(
          409,
          "FLEET_DEVICE_HAS_NO_SECRET",
          `a ${device.protocol} device is known by its identifier and has no secret`,
        )
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
      firstRow(c, sql.selectFrom("devices").select(DEVICE_COLUMNS).where("id", "=", params.id)),
    )
    if (row === undefined) throw notFound()
    return { body: toDevice(row) }
  })

  serve(app, deps, endpoints.devices.update, async ({ principal: p, params, body, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("devices").select(DEVICE_COLUMNS).where("id", "=", params.id).forNoKeyUpdate(),
      )
      if (before === undefined) throw notFound()
      if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
      const protocol = body.protocol ?? before.protocol
      const identifier = body.identifier ?? before.identifier
      if (protocol !== before.protocol && (protocol === "fleetcore" || before.protocol === "fleetcore"))
        throw refuse(400, "FLEET_DEVICE_INVALID", "protocol", reason("protocolSwitch"))
      if (body.protocol !== undefined || body.identifier !== undefined) {
        checkIdentifier(protocol, identifier)
        if (identifier !== null && (await identifierInUse(db, protocol, identifier, params.id)))
          throw identifierTaken()
      }
      const changes = {
        ...(body.vehicleId === undefined ? {} : { vehicle_id: body.vehicleId }),
        ...(body.protocol === undefined ? {} : { protocol }),
        ...(body.identifier === undefined ? {} : { identifier }),
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
        ...(body.model === undefined ? {} : { model: body.model }),
      }
      if (Object.keys(changes).length === 0) return before
      const after = await firstRow(
        c,
        sql.updateTable("devices").set(changes).where("id", "=", params.id).returning(DEVICE_COLUMNS),
      ).catch((error: unknown) => {
        if (isUniqueViolation(error, "devices_vehicle_key")) throw vehicleTaken()
        if (isUniqueViolation(error, "devices_identifier_key")) throw identifierTaken()
        throw error
      })
      if (after === undefined) throw notFound()
      const shown = (r: typeof before) => ({
        vehicleId: r.vehicle_id,
        name: r.name,
        disabled: r.disabled,
        protocol: r.protocol,
        identifier: r.identifier,
        model: r.model,
      })
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
