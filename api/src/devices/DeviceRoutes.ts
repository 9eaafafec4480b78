import { randomBytes } from "node:crypto"
import { HttpError, hashSecret, type Log, type PostgresClient, route } from "@fleetcore/platform"
import { DeviceId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import type { Tokens } from "../auth/Tokens.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { requireReference } from "../http/requireReference.js"

const isDeviceId = Schema.is(DeviceId)

const CreateDevice = Schema.Struct({
  id: DeviceId,
  vehicleId: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isUUID()))),
  name: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(200)))),
})

interface DeviceRow {
  id: string
  name: string | null
  vehicle_id: string | null
  disabled: boolean
  created_at: Date
  last_connected_at: Date | null
}
const toDevice = (r: DeviceRow) => ({
  id: r.id,
  name: r.name,
  vehicleId: r.vehicle_id,
  disabled: r.disabled,
  createdAt: r.created_at.toISOString(),
  lastConnectedAt: r.last_connected_at?.toISOString() ?? null,
})
const DEVICE_COLUMNS = "id, name, vehicle_id, disabled, created_at, last_connected_at"

/** A new device secret: 192 random bits. Shown once; only its argon2id hash is kept. */
export const newDeviceSecret = (): string => randomBytes(24).toString("base64url")

/** Device provisioning: list, create (returns the secret once), rotate the secret. */
export const registerDeviceRoutes = (
  app: TemplatedApp,
  deps: {
    readonly db: PostgresClient
    readonly tokens: Tokens
    readonly log: Log
    /** Called after a device's secret or assignment changed (drop cached authentications). */
    readonly onDeviceChanged: (deviceId: string) => void
  },
): void => {
  const { db, tokens, log } = deps
  const admins = ["owner", "admin"] as const

  route(
    app,
    "get",
    "/api/v1/devices",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager", "dispatcher"])
      const rows = await db.withOrg(
        p.orgId,
        async (c) => (await c.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY id`)).rows,
      )
      return { status: 200, body: { items: rows.map(toDevice) } }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/devices",
    async (request) => {
      const p = await authorize(tokens, request, admins)
      const body = decodeOr400(CreateDevice, jsonBody(request.body), "FLEET_DEVICE_INVALID")
      const secret = newDeviceSecret()
      const secretHash = await hashSecret(secret)
      // Device ids are unique in the installation; another organisation's id must not be
      // revealed, so the existence check runs as the system and answers the same either way.
      const taken = await db.system.query("SELECT 1 FROM devices WHERE id = $1", [body.id])
      if ((taken.rowCount ?? 0) > 0)
        throw new HttpError(409, "FLEET_DEVICE_EXISTS", "a device with this id exists", "id")
      const row = await db.withOrg(p.orgId, async (c) => {
        if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
        const inserted = await c
          .query<DeviceRow>(
            `INSERT INTO devices (id, org_id, vehicle_id, name, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${DEVICE_COLUMNS}`,
            [body.id, p.orgId, body.vehicleId ?? null, body.name ?? null, secretHash],
          )
          .catch((error: { code?: string; constraint?: string }) => {
            if (error.code === "23505" && error.constraint === "devices_vehicle_key") {
              throw new HttpError(
                409,
                "FLEET_VEHICLE_HAS_DEVICE",
                "this vehicle already has a device",
                "vehicleId",
              )
            }
            if (error.code === "23505")
              throw new HttpError(409, "FLEET_DEVICE_EXISTS", "a device with this id exists", "id")
            throw error
          })
        // The device as stored, without its secret hash: an audit entry is readable by admins.
        await audit(c, p, request, {
          action: "device.create",
          entity: "device",
          entityId: body.id,
          newValues: { id: body.id, vehicleId: body.vehicleId ?? null, name: body.name ?? null },
        })
        return inserted.rows[0] as DeviceRow
      })
      return { status: 201, body: { ...toDevice(row), secret } }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/devices/:id/secret",
    async (request) => {
      const p = await authorize(tokens, request, admins)
      const id = request.params[0] ?? ""
      if (!isDeviceId(id)) throw new HttpError(404, "FLEET_DEVICE_NOT_FOUND", "no such device")
      const secret = newDeviceSecret()
      const secretHash = await hashSecret(secret)
      const updated = await db.withOrg(p.orgId, async (c) => {
        const r = await c.query("UPDATE devices SET secret_hash = $2 WHERE id = $1", [id, secretHash])
        // The secret itself is never recorded, only that it changed.
        if (r.rowCount === 1)
          await audit(c, p, request, { action: "device.rotate-secret", entity: "device", entityId: id })
        return r.rowCount === 1
      })
      if (!updated) throw new HttpError(404, "FLEET_DEVICE_NOT_FOUND", "no such device")
      deps.onDeviceChanged(id)
      return { status: 200, body: { id, secret } }
    },
    { log },
  )
}
