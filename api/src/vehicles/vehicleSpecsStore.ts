import type { endpoints, TypeOf, VehicleSpecs } from "@fleetcore/contract"
import type { Request } from "@fleetcore/platform"
import type { Updateable } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import type { VehicleSpecsTable } from "../changeRequests/changeRequestTables.js"
import { firstRow, rows, sql } from "../db/sql.js"

export type SpecsBody = TypeOf<(typeof endpoints.vehicleSpecs.update)["body"]>

const COLUMNS = {
  oilType: "oil_type",
  oilVolumeL: "oil_volume_l",
  serviceIntervalKm: "service_interval_km",
  serviceIntervalMonths: "service_interval_months",
  enginePowerKw: "engine_power_kw",
  engineCode: "engine_code",
} as const satisfies Record<keyof SpecsBody, keyof VehicleSpecsTable>

export const SPEC_FIELDS = Object.keys(COLUMNS) as ReadonlyArray<keyof SpecsBody>

/** Vehicle `vehicleId`'s technical card (every field null when never written). */
export const readSpecs = async (
  c: pg.ClientBase,
  vehicleId: string,
): Promise<typeof VehicleSpecs.Encoded> => {
  const row = await firstRow(
    c,
    sql
      .selectFrom("vehicle_specs")
      .select((eb) => [
        "oil_type",
        eb.cast<number | null>("oil_volume_l", "float8").as("oil_volume_l"),
        "service_interval_km",
        "service_interval_months",
        eb.cast<number | null>("engine_power_kw", "float8").as("engine_power_kw"),
        "engine_code",
        "updated_at",
      ])
      .where("vehicle_id", "=", vehicleId),
  )
  return {
    vehicleId,
    oilType: row?.oil_type ?? null,
    oilVolumeL: row?.oil_volume_l ?? null,
    serviceIntervalKm: row?.service_interval_km ?? null,
    serviceIntervalMonths: row?.service_interval_months ?? null,
    enginePowerKw: row?.engine_power_kw ?? null,
    engineCode: row?.engine_code ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  }
}

/**
 * Edits vehicle `vehicleId`'s technical card: the fields of `body` (the card is made on its first
 * write), audited as `vehicle-specs.update` with the diff. The one path of every edit: the card's
 * endpoint and an approved change request. `c` is a `withOrg` connection of `p`'s organisation.
 */
export const editSpecs = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  vehicleId: string,
  body: Partial<SpecsBody>,
  details?: object,
): Promise<void> => {
  const old = await readSpecs(c, vehicleId)
  await writeSpecs(c, p.orgId, vehicleId, body)
  await audit(c, p, request, {
    action: "vehicle-specs.update",
    entity: "vehicle",
    entityId: vehicleId,
    oldValues: Object.fromEntries(Object.keys(body).map((k) => [k, old[k as keyof typeof old]])),
    newValues: body,
    ...(details === undefined ? {} : { details }),
  })
}

const writeSpecs = async (
  c: pg.ClientBase,
  orgId: string,
  vehicleId: string,
  body: Partial<SpecsBody>,
): Promise<void> => {
  const values: Record<string, unknown> = {}
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = (body as Record<string, unknown>)[field]
    if (value !== undefined) values[column] = value
  }
  if (Object.keys(values).length === 0) return
  const set = { ...values, updated_at: new Date() } as Updateable<VehicleSpecsTable>
  await rows(
    c,
    sql
      .insertInto("vehicle_specs")
      .values({ ...values, vehicle_id: vehicleId, org_id: orgId })
      .onConflict((oc) => oc.column("vehicle_id").doUpdateSet(set)),
  )
}
