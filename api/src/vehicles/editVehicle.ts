import type { endpoints, TypeOf, VehicleRecord } from "@fleetcore/contract"
import type { Request } from "@fleetcore/platform"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow } from "../db/sql.js"
import { requireReference } from "../http/requireReference.js"
import { checkVehicleRules, vehicleColumns } from "./vehicleColumns.js"
import { toVehicleRecord, vehicleRecordQuery } from "./vehicleRecordView.js"
import { vehicleNotFound } from "./visibleVehicle.js"
import { updateVehicle } from "./writeVehicle.js"

type Wire = typeof VehicleRecord.Encoded
export type VehicleEdit = TypeOf<(typeof endpoints.vehicles.update)["body"]>

/** The record of vehicle `id` in the caller's organisation, or 404. */
export const vehicleRecordOf = async (c: pg.ClientBase, id: string): Promise<Wire> => {
  const row = await firstRow(c, vehicleRecordQuery().where("v.id", "=", id))
  if (row === undefined) throw vehicleNotFound()
  return toVehicleRecord(row)
}

/** The values of `record` under the names of `body`'s fields: what an update changed, before. */
export const valuesBefore = (record: Wire, body: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.keys(body).map((k) => [
      k,
      k === "vehicleTypeId" ? (record.vehicleType?.id ?? null) : (record as Record<string, unknown>)[k],
    ]),
  )

/**
 * Edits vehicle `id`'s record: the fields of `body`, normalised and checked (VIN check digit, plate,
 * money and periods, unique VIN and plate), audited as `vehicle.update` with the diff. The one path
 * of every edit: the edit endpoint and an approved change request. `c` is a `withOrg` connection.
 */
export const editVehicle = async (
  c: pg.PoolClient,
  p: Principal,
  request: Request,
  id: string,
  body: Partial<VehicleEdit>,
  details?: object,
): Promise<Wire> => {
  const columns = vehicleColumns(body)
  const old = await vehicleRecordOf(c, id)
  if (body.vehicleTypeId) await requireReference(c, "vehicleType", body.vehicleTypeId, "vehicleTypeId")
  checkVehicleRules({
    purchase_price: columns.purchase_price === undefined ? old.purchasePrice : columns.purchase_price,
    purchase_currency:
      columns.purchase_currency === undefined ? old.purchaseCurrency : columns.purchase_currency,
    rental_monthly_cost:
      columns.rental_monthly_cost === undefined ? old.rentalMonthlyCost : columns.rental_monthly_cost,
    rental_currency: columns.rental_currency === undefined ? old.rentalCurrency : columns.rental_currency,
    rental_starts_on: columns.rental_starts_on === undefined ? old.rentalStartsOn : columns.rental_starts_on,
    rental_ends_on: columns.rental_ends_on === undefined ? old.rentalEndsOn : columns.rental_ends_on,
  })
  if (Object.keys(columns).length > 0) await updateVehicle(c, id, columns)
  await audit(c, p, request, {
    action: "vehicle.update",
    entity: "vehicle",
    entityId: id,
    oldValues: valuesBefore(old, body),
    newValues: body,
    ...(details === undefined ? {} : { details }),
  })
  return vehicleRecordOf(c, id)
}
