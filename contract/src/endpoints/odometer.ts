import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const OdometerReading = Schema.Struct({
  id: Uuid,
  valueKm: Schema.Finite,
  at: IsoDateTime,
  enteredBy: Schema.NullOr(Uuid),
  /** Accepted but implausible: more than the organisation's maxKmPerDay since the previous reading. */
  flagged: Schema.Boolean,
  note: Schema.NullOr(Schema.String),
}).annotate({ identifier: "OdometerReading" })

const vehicleNotFound = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }

/** What one reading is entered with; the single and the bulk entry check it the same way. */
const ReadingFields = {
  valueKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  at: Schema.optionalKey(IsoDateTime),
  note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
}

/** The most readings one bulk entry carries. */
export const MAX_BULK_READINGS = 500

/** The answer for one row of a bulk entry: stored (with the reading) or refused (code, field, why). */
export const BulkReadingResult = Schema.Struct({
  /** The row's position in the request, from 0. */
  index: Schema.Int,
  vehicleId: Uuid,
  status: Schema.Literals(["accepted", "refused"]),
  reading: Schema.NullOr(OdometerReading),
  code: Schema.NullOr(Schema.String),
  field: Schema.NullOr(Schema.String),
  /** In the caller's language. */
  message: Schema.NullOr(Schema.String),
}).annotate({ identifier: "BulkReadingResult" })

/** Odometer readings entered by drivers and managers. */
export const odometer = {
  create: endpoint({
    id: "odometer.create",
    method: "post",
    path: "/api/v1/vehicles/:id/odometer-readings",
    tag: "odometer",
    summary: "Record an odometer reading (a driver: on a vehicle assigned to them)",
    access: "odometer.record",
    params: IdParams,
    body: Schema.Struct(ReadingFields),
    invalidCode: "FLEET_ODOMETER_READING_INVALID",
    response: Schema.Struct({ ...OdometerReading.fields, kmPerDay: Schema.NullOr(Schema.Finite) }),
    status: 201,
    errors: [vehicleNotFound, { status: 422, code: "FLEET_ODOMETER_READING_DECREASES" }],
  }),
  list: endpoint({
    id: "odometer.list",
    method: "get",
    path: "/api/v1/vehicles/:id/odometer-readings",
    tag: "odometer",
    summary: "A vehicle's odometer readings, latest first",
    description: "`q` searches the note.",
    access: "odometer.read",
    params: IdParams,
    query: listQuery(["at", "valueKm"], { flagged: Schema.optionalKey(Schema.Literals(["true", "false"])) }),
    response: listOf(OdometerReading),
    errors: [vehicleNotFound],
  }),
  bulk: endpoint({
    id: "odometer.bulk",
    method: "post",
    path: "/api/v1/odometer-readings/bulk",
    tag: "odometer",
    summary: "Record readings of many vehicles at once (up to 500), answered row by row",
    description:
      "Each row is checked exactly like a single reading (not below the previous one, not above a later one, " +
      "abnormal jumps flagged; a driver: only vehicles assigned to them). Rows that pass are stored even when " +
      "others are refused; a refused row says its code, field and why, in the caller's language. The answer " +
      "has one result per row, in the order sent.",
    access: "odometer.record",
    body: Schema.Struct({
      rows: Schema.Array(Schema.Struct({ vehicleId: Uuid, ...ReadingFields })).check(
        Schema.isMinLength(1),
        Schema.isMaxLength(MAX_BULK_READINGS),
      ),
    }),
    bodyLimit: 512 * 1024,
    invalidCode: "FLEET_ODOMETER_READING_INVALID",
    response: Schema.Struct({
      accepted: Schema.Int,
      refused: Schema.Int,
      results: Schema.Array(BulkReadingResult),
    }),
  }),
} as const
