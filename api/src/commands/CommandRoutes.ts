import { randomUUID } from "node:crypto"
import { COMMAND_PROTOCOLS, can, type DeviceCommand, endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Selectable } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import type { DeviceCommandsTable } from "../db/Database.js"
import { listPage } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { commandText, paramsOf, supports } from "./commandText.js"
import type { DeviceCommandService } from "./DeviceCommandService.js"

/** A sent command waits this long for its answer unless the caller says otherwise. */
const DEFAULT_TIMEOUT_S = 300
/** A queued command waits this long for its device to connect unless the caller says otherwise. */
const DEFAULT_EXPIRES_IN_S = 86_400

const notFound = () => new HttpError(404, "FLEET_DEVICE_NOT_FOUND", "no such device")

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString())

export const toDeviceCommand = (r: Selectable<DeviceCommandsTable>): DeviceCommand => ({
  id: r.id,
  deviceId: r.device_id,
  vehicleId: r.vehicle_id,
  protocol: r.protocol,
  type: r.type,
  params: (r.params ?? {}) as Record<string, unknown>,
  text: r.text,
  status: r.status,
  answer: r.answer,
  failure: r.failure,
  attempts: r.attempts,
  timeoutS: r.timeout_s,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  sentAt: iso(r.sent_at),
  answeredAt: iso(r.answered_at),
  expiresAt: r.expires_at.toISOString(),
})

/** `POST/GET /api/v1/devices/:id/commands`: send a typed command (queued when offline), list them. */
export const registerCommandRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly commands: DeviceCommandService },
): void => {
  const { db, commands } = deps

  serve(app, deps, endpoints.deviceCommands.create, async ({ principal: p, params, body, request }) => {
    if (body.type === "raw" && !can(p.role, "devices.commandRaw"))
      throw new HttpError(403, "FLEET_COMMAND_RAW_FORBIDDEN", "raw command text is for admins and owners")
    const id = randomUUID()
    const row = await db.withOrg(p.orgId, async (c) => {
      const device = await firstRow(
        c,
        sql.selectFrom("devices").select(["id", "protocol", "vehicle_id"]).where("id", "=", params.id),
      )
      if (device === undefined) throw notFound()
      const text = commandText(device.protocol, id, body)
      if (text === null || !supports(device.protocol, body.type)) {
        const takes = COMMAND_PROTOCOLS[device.protocol] ?? []
        throw new HttpError(
          400,
          "FLEET_COMMAND_UNSUPPORTED",
          takes.length === 0
            ? `a ${device.protocol} device takes no commands`
            : `a ${device.protocol} device takes ${takes.join(", ")}; not ${body.type}`,
        )
      }
      const now = Date.now()
      const inserted = await firstRow(
        c,
        sql
          .insertInto("device_commands")
          .values({
            id,
            org_id: p.orgId,
            device_id: device.id,
            vehicle_id: device.vehicle_id,
            protocol: device.protocol,
            type: body.type,
            params: JSON.stringify(paramsOf(body)),
            text,
            timeout_s: body.timeoutS ?? DEFAULT_TIMEOUT_S,
            created_by: p.userId,
            expires_at: new Date(now + (body.expiresInS ?? DEFAULT_EXPIRES_IN_S) * 1000),
          })
          .returningAll(),
      )
      if (inserted === undefined) throw new Error("device command not stored")
      await audit(c, p, request, {
        action: "device.command",
        entity: "device",
        entityId: device.id,
        newValues: { commandId: id, type: body.type, params: paramsOf(body), text },
      })
      return inserted
    })
    commands.pushLive([row])
    // Sent at once when the device is connected (to this process or another); a failure here leaves
    // it queued for the next connection.
    await commands.queued(row.device_id)
    const current = await db.withOrg(p.orgId, (c) =>
      firstRow(c, sql.selectFrom("device_commands").selectAll().where("id", "=", id)),
    )
    return { status: 201, body: toDeviceCommand(current ?? row) }
  })

  serve(app, deps, endpoints.deviceCommands.list, async ({ principal: p, params, query: f }) => {
    const page = await db.withOrg(p.orgId, async (c) => {
      const device = await firstRow(c, sql.selectFrom("devices").select("id").where("id", "=", params.id))
      if (device === undefined) throw notFound()
      let query = sql
        .selectFrom("device_commands")
        .selectAll()
        .where("device_id", "=", params.id)
        .orderBy("created_at", f.sort === "createdAt" ? "asc" : "desc")
        .orderBy("id")
      if (f.status) query = query.where("status", "=", f.status)
      if (f.q) {
        const like = contains(f.q)
        query = query.where((eb) => eb.or([eb("text", "ilike", like), eb("answer", "ilike", like)]))
      }
      return listPage(c, query, f)
    })
    return { body: { ...page, items: page.items.map(toDeviceCommand) } }
  })
}
