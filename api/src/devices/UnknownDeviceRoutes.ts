import { endpoints, identifierProblem, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { sql } from "../db/sql.js"
import { systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import {
  identifierInUse,
  identifierTaken,
  insertDevice,
  requireFreeDeviceId,
  toDevice,
} from "./deviceRecords.js"
import { forgetUnknown } from "./forgetUnknown.js"

const SORTS = {
  lastSeenAt: "last_seen_at",
  firstSeenAt: "first_seen_at",
  identifier: "identifier",
  count: "seen_count",
} as const

/**
 * Unknown devices: trackers that connected with an identifier no device has (recorded by the
 * ingest), listed for the installation owner, who claims one into the organisation acting in.
 * The table is installation-wide, so it is read through the system pool (no RLS applies).
 */
export const registerUnknownDeviceRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly onDeviceChanged: (deviceId: string) => void },
): void => {
  const { db } = deps

  serve(app, deps, endpoints.devices.unknown, async ({ query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "last_seen_at", direction: "desc" })
    let query = sql
      .selectFrom("unknown_devices")
      .selectAll()
      .orderBy(sort.column, sort.direction)
      .orderBy("protocol")
      .orderBy("identifier")
    if (f.protocol) query = query.where("protocol", "=", f.protocol)
    if (f.q) query = query.where("identifier", "ilike", contains(f.q))
    const page = await systemTransaction(db, (c) => listPage(c, query, f))
    return {
      body: {
        ...page,
        items: page.items.map((r) => ({
          protocol: r.protocol,
          identifier: r.identifier,
          remoteAddress: r.remote_address,
          firstSeenAt: r.first_seen_at.toISOString(),
          lastSeenAt: r.last_seen_at.toISOString(),
          count: Number(r.seen_count),
        })),
      },
    }
  })

  serve(app, deps, endpoints.devices.claim, async ({ principal: p, body, request }) => {
    const problem = identifierProblem(body.protocol, body.identifier)
    if (problem !== null) throw refuse(400, "FLEET_DEVICE_INVALID", "identifier", problem)
    const seen = sql
      .selectFrom("unknown_devices")
      .select("identifier")
      .where("protocol", "=", body.protocol)
      .where("identifier", "=", body.identifier)
      .compile()
    if (((await db.system.query(seen.sql, [...seen.parameters])).rowCount ?? 0) === 0)
      throw new HttpError(
        404,
        "FLEET_UNKNOWN_DEVICE_NOT_FOUND",
        "this identifier is not among the unknown devices",
      )
    const id = body.id ?? body.identifier
    if (!/^[A-Za-z0-9._-]{3,64}$/u.test(id))
      throw refuse(400, "FLEET_DEVICE_INVALID", "id", reason("identifierNotId"))
    if (await identifierInUse(db, body.protocol, body.identifier)) throw identifierTaken()
    await requireFreeDeviceId(db, id)
    const row = await db.withOrg(p.orgId, async (c) => {
      if (body.vehicleId) await requireReference(c, "vehicle", body.vehicleId, "vehicleId")
      const inserted = await insertDevice(c, {
        id,
        org_id: p.orgId,
        vehicle_id: body.vehicleId ?? null,
        name: body.name ?? null,
        secret_hash: null,
        protocol: body.protocol,
        identifier: body.identifier,
      })
      await audit(c, p, request, {
        action: "device.claim",
        entity: "device",
        entityId: id,
        newValues: {
          id,
          vehicleId: body.vehicleId ?? null,
          name: body.name ?? null,
          protocol: body.protocol,
          identifier: body.identifier,
        },
      })
      return inserted
    })
    await forgetUnknown(db, body.protocol, body.identifier)
    deps.onDeviceChanged(id)
    return { body: toDevice(row) }
  })
}
