import type { ProposedChangesType } from "@fleetcore/contract"
import type { ClickHouseClient, Request } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow } from "../db/sql.js"
import { editVehicle, type VehicleEdit, vehicleRecordOf } from "../vehicles/editVehicle.js"
import { type RecordedReading, readings, recordReading } from "../vehicles/recordReading.js"
import { editSpecs, readSpecs, SPEC_FIELDS, type SpecsBody } from "../vehicles/vehicleSpecsStore.js"

const RECORD_FIELDS = ["vin", "plate", "plateCountry", "engineVolumeL"] as const

const pick = <K extends string>(from: Record<string, unknown>, keys: ReadonlyArray<K>) =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<
    Record<K, unknown>
  >

/** What the fields of `changes` hold now on vehicle `vehicleId` (odometer: the latest reading). */
export const currentValues = async (
  c: pg.ClientBase,
  vehicleId: string,
  changes: ProposedChangesType,
): Promise<Record<string, unknown>> => {
  const record = await vehicleRecordOf(c, vehicleId)
  const specs = await readSpecs(c, vehicleId)
  const latest =
    changes.odometerKm === undefined
      ? undefined
      : await firstRow(c, readings().where("vehicle_id", "=", vehicleId).orderBy("at", "desc").limit(1))
  return {
    ...pick(
      record as Record<string, unknown>,
      RECORD_FIELDS.filter((k) => k in changes),
    ),
    ...pick(
      specs as Record<string, unknown>,
      SPEC_FIELDS.filter((k) => k in changes),
    ),
    ...(changes.odometerKm === undefined ? {} : { odometerKm: latest?.value_km ?? record.odometerKm }),
  }
}

/**
 * Applies an approved change request's `changes` to vehicle `vehicleId` as `p` (the approver)
 * would edit them: the record's fields through `editVehicle`, the technical card's through
 * `editSpecs`, the odometer as a reading through `recordReading`, each with its own checks and
 * audit (details name the request). Anything they refuse is thrown and the transaction rolls back.
 * The reading is dated when it was proposed (`proposedAt`), the moment the proposer read it, not
 * when it was approved. Returns the reading entered, if any (its jump alert is raised after commit).
 */
export const applyChanges = async (
  c: pg.PoolClient,
  ch: ClickHouseClient,
  p: Principal,
  request: Request,
  vehicleId: string,
  requestId: string,
  changes: ProposedChangesType,
  proposedAt: Date,
): Promise<RecordedReading | null> => {
  const details = { changeRequestId: requestId }
  const recordPart = pick(changes as Record<string, unknown>, RECORD_FIELDS) as Partial<VehicleEdit>
  if (Object.keys(recordPart).length > 0) await editVehicle(c, p, request, vehicleId, recordPart, details)
  const specPart = pick(changes as Record<string, unknown>, SPEC_FIELDS) as Partial<SpecsBody>
  if (Object.keys(specPart).length > 0) await editSpecs(c, p, request, vehicleId, specPart, details)
  if (changes.odometerKm === undefined) return null
  return recordReading(c, ch, p, request, vehicleId, {
    valueKm: changes.odometerKm,
    at: proposedAt.toISOString(),
    note: `change request ${requestId}`,
  })
}
