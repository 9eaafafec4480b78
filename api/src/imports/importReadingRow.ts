import { endpoints, normalisePlate } from "@fleetcore/contract"
import { type ClickHouseClient, HttpError, type Request } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { decodeOr400 } from "../http/decode.js"
import { type RecordedReading, recordReading } from "../vehicles/recordReading.js"
import type { RowDone } from "./runImport.js"

/**
 * One CSV row of readings: the vehicle named by its plate in the caller's organisation (another
 * organisation's plate names nothing), the reading decoded with the single reading's schema and
 * checked by the single reading's rule (a driver: only vehicles assigned to them).
 */
export const importReadingRow = async (
  c: pg.PoolClient,
  ch: ClickHouseClient,
  p: Principal,
  request: Request,
  record: Record<string, unknown>,
  recorded: Array<RecordedReading>,
): Promise<RowDone> => {
  const { plate, ...fields } = record
  const body = decodeOr400(endpoints.odometer.create.body, fields, "FLEET_ODOMETER_READING_INVALID")
  const vehicle =
    typeof plate === "string"
      ? await firstRow(c, sql.selectFrom("vehicles").select("id").where("plate", "=", normalisePlate(plate)))
      : undefined
  if (vehicle === undefined)
    throw new HttpError(
      404,
      "FLEET_VEHICLE_NOT_FOUND",
      "no vehicle of the organisation has this plate",
      "plate",
    )
  const reading = await recordReading(c, ch, p, request, vehicle.id, body)
  recorded.push(reading)
  return { status: "created", id: reading.row.id }
}
