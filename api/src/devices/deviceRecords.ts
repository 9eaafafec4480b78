import { identifierProblem } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { Insertable } from "kysely"
import type { DevicesTable } from "../db/Database.js"
import { firstRow, type Queryable, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"

/** A device as the API shows it, and the errors shared by its create, update and claim. */
export const DEVICE_COLUMNS = [
  "id",
  "name",
  "vehicle_id",
  "disabled",
  "created_at",
  "last_connected_at",
  "protocol",
  "identifier",
  "model",
] as const

export const toDevice = (r: {
  id: string
  name: string | null
  vehicle_id: string | null
  disabled: boolean
  created_at: Date
  last_connected_at: Date | null
  protocol: "fleetcore" | "teltonika" | "osmand" | "gt06"
  identifier: string | null
  model: string | null
}) => ({
  id: r.id,
  name: r.name,
  protocol: r.protocol,
  identifier: r.identifier,
  model: r.model,
  vehicleId: r.vehicle_id,
  disabled: r.disabled,
  createdAt: r.created_at.toISOString(),
  lastConnectedAt: r.last_connected_at?.toISOString() ?? null,
})

export const vehicleTaken = () =>
  new HttpError(409, "FLEET_VEHICLE_HAS_DEVICE", "this vehicle already has a device", "vehicleId")

export const identifierTaken = () =>
  new HttpError(
    409,
    "FLEET_DEVICE_IDENTIFIER_TAKEN",
    "a device with this identifier exists in the installation",
    "identifier",
  )

/** 400 naming `identifier` when it does not fit the protocol (an IMEI for teltonika…). */
export const checkIdentifier = (
  protocol: "fleetcore" | "teltonika" | "osmand" | "gt06",
  identifier: string | null | undefined,
) => {
  const problem = identifierProblem(protocol, identifier)
  if (problem !== null) throw refuse(400, "FLEET_DEVICE_INVALID", "identifier", problem)
}

/** Whether another device (of any organisation) has this identifier: asked as the system, answered alike. */
export const identifierInUse = async (
  db: RouteDeps["db"],
  protocol: string,
  identifier: string,
  exceptId: string | null = null,
): Promise<boolean> => {
  const q = sql
    .selectFrom("devices")
    .select("id")
    .where("protocol", "=", protocol as "teltonika")
    .where("identifier", "=", identifier)
    .where("id", "!=", exceptId ?? "")
    .compile()
  return ((await db.system.query(q.sql, [...q.parameters])).rowCount ?? 0) > 0
}

const deviceExists = () => new HttpError(409, "FLEET_DEVICE_EXISTS", "a device with this id exists", "id")

/**
 * 409 when a device of any organisation has this id: ids are unique in the installation, and
 * another organisation's must not be revealed, so the check runs as the system and answers alike.
 */
export const requireFreeDeviceId = async (db: RouteDeps["db"], id: string): Promise<void> => {
  const exists = sql.selectFrom("devices").select("id").where("id", "=", id).compile()
  if (((await db.system.query(exists.sql, [...exists.parameters])).rowCount ?? 0) > 0) throw deviceExists()
}

/** Stores a device (create and claim); a unique violation becomes the API's 409 for its field. */
export const insertDevice = async (c: Queryable, values: Insertable<DevicesTable>) => {
  const inserted = await firstRow(
    c,
    sql.insertInto("devices").values(values).returning(DEVICE_COLUMNS),
  ).catch((error: unknown) => {
    if (isUniqueViolation(error, "devices_vehicle_key")) throw vehicleTaken()
    if (isUniqueViolation(error, "devices_identifier_key")) throw identifierTaken()
    if (isUniqueViolation(error)) throw deviceExists()
    throw error
  })
  if (inserted === undefined) throw new Error("the device was not stored")
  return inserted
}
