import { plateSearchKey } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { Insertable, Updateable } from "kysely"
import type pg from "pg"
import type { VehiclesTable } from "../db/Database.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"

/**
 * A unique index refused the write: the plate is unique per organisation, the VIN across the
 * installation (index `vehicles_vin_key`, which RLS does not hide: another organisation's VIN is
 * refused too, and the answer never says whose it is).
 */
const conflict = (error: unknown): unknown => {
  if (isUniqueViolation(error, "vehicles_vin_key"))
    return new HttpError(409, "FLEET_VEHICLE_VIN_REGISTERED", "this VIN is already registered", "vin")
  if (isUniqueViolation(error))
    return new HttpError(409, "FLEET_VEHICLE_EXISTS", "a vehicle with this plate exists", "plate")
  return error
}

/** The plate as search compares it (`plateSearchKey`), by the plate's country's rules. */
const searchKey = (plate: string | null | undefined, country: string | null | undefined): string | null =>
  plate === null || plate === undefined ? null : (plateSearchKey(plate, country ?? null) ?? null)

/** Inserts a vehicle; `c` is a `withOrg` connection. Returns its id. */
export const insertVehicle = async (c: pg.ClientBase, values: Insertable<VehiclesTable>): Promise<string> => {
  const row = { ...values, plate_normalized: searchKey(values.plate, values.plate_country) }
  const inserted = await firstRow(c, sql.insertInto("vehicles").values(row).returning("id")).catch(
    (error: unknown) => {
      throw conflict(error)
    },
  )
  return inserted?.id as string
}

/** Updates vehicle `id` (stamping updated_at); `c` is a `withOrg` connection. */
export const updateVehicle = async (
  c: pg.ClientBase,
  id: string,
  values: Updateable<VehiclesTable>,
): Promise<void> => {
  await firstRow(
    c,
    sql
      .updateTable("vehicles")
      .set({ ...values, updated_at: new Date() })
      .where("id", "=", id)
      .returning("id"),
  ).catch((error: unknown) => {
    throw conflict(error)
  })
  // The search key follows the plate and its country, whichever of the two changed.
  if (values.plate !== undefined || values.plate_country !== undefined) {
    const after = await firstRow(
      c,
      sql.selectFrom("vehicles").select(["plate", "plate_country"]).where("id", "=", id),
    )
    if (after !== undefined)
      await firstRow(
        c,
        sql
          .updateTable("vehicles")
          .set({ plate_normalized: searchKey(after.plate, after.plate_country) })
          .where("id", "=", id)
          .returning("id"),
      )
  }
}
