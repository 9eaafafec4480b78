import { endpoints, normalisePlate } from "@fleetcore/contract"
import type { Request } from "@fleetcore/platform"
import type { Insertable } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import type { VehiclesTable } from "../db/Database.js"
import { firstRow } from "../db/sql.js"
import { decodeOr400 } from "../http/decode.js"
import { changeVehicleStatus } from "../vehicles/changeVehicleStatus.js"
import { checkVehicleRules, vehicleColumns } from "../vehicles/vehicleColumns.js"
import { toVehicleRecord, vehicleRecordQuery } from "../vehicles/vehicleRecordView.js"
import { insertVehicle, updateVehicle } from "../vehicles/writeVehicle.js"
import type { RowDone } from "./runImport.js"

const INVALID = "FLEET_VEHICLE_INVALID"

/**
 * One CSV row of vehicles: a plate of the caller's organisation updates that vehicle (decoded with
 * the update endpoint's schema; a `status` other than its own is changed as the status endpoint
 * changes it, decommissioning included), anything else creates one (decoded with the create
 * endpoint's schema). Row-level security keeps other organisations' plates out of the match.
 */
export const importVehicleRow = async (
  c: pg.PoolClient,
  p: Principal,
  request: Request,
  record: Record<string, unknown>,
): Promise<RowDone> => {
  const old =
    typeof record.plate === "string"
      ? await firstRow(c, vehicleRecordQuery().where("v.plate", "=", normalisePlate(record.plate)))
      : undefined
  if (old !== undefined) {
    const before = toVehicleRecord(old)
    const { status, ...fields } = record
    const body = decodeOr400(endpoints.vehicles.update.body, fields, INVALID)
    const change =
      status === undefined ? undefined : decodeOr400(endpoints.vehicles.setStatus.body, { status }, INVALID)
    const columns = vehicleColumns(body)
    const pick = <K extends keyof typeof columns>(k: K, was: unknown) =>
      columns[k] === undefined ? was : columns[k]
    checkVehicleRules({
      purchase_price: pick("purchase_price", before.purchasePrice) as string | null,
      purchase_currency: pick("purchase_currency", before.purchaseCurrency) as string | null,
      rental_monthly_cost: pick("rental_monthly_cost", before.rentalMonthlyCost) as string | null,
      rental_currency: pick("rental_currency", before.rentalCurrency) as string | null,
      rental_starts_on: pick("rental_starts_on", before.rentalStartsOn) as string | null,
      rental_ends_on: pick("rental_ends_on", before.rentalEndsOn) as string | null,
    })
    if (Object.keys(columns).length > 0) await updateVehicle(c, before.id, columns)
    const was = before as unknown as Record<string, unknown>
    await audit(c, p, request, {
      action: "vehicle.update",
      entity: "vehicle",
      entityId: before.id,
      oldValues: Object.fromEntries(Object.keys(body).map((k) => [k, was[k]])),
      newValues: body,
      details: { import: true },
    })
    if (change !== undefined && change.status !== before.status)
      await changeVehicleStatus(c, p, request, before.id, change, { import: true })
    return { status: "updated", id: before.id }
  }
  const body = decodeOr400(endpoints.vehicles.create.body, record, INVALID)
  const { status, ...fields } = body
  const columns = { ...vehicleColumns(fields), name: body.name, ...(status ? { status } : {}) }
  checkVehicleRules({
    purchase_price: columns.purchase_price ?? null,
    purchase_currency: columns.purchase_currency ?? null,
    rental_monthly_cost: columns.rental_monthly_cost ?? null,
    rental_currency: columns.rental_currency ?? null,
    rental_starts_on: columns.rental_starts_on ?? null,
    rental_ends_on: columns.rental_ends_on ?? null,
  })
  const id = await insertVehicle(c, {
    ...columns,
    org_id: p.orgId,
    name: body.name,
  } as Insertable<VehiclesTable>)
  await audit(c, p, request, {
    action: "vehicle.create",
    entity: "vehicle",
    entityId: id,
    newValues: body,
    details: { import: true },
  })
  return { status: "created", id }
}
