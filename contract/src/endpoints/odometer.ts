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
    body: Schema.Struct({
      valueKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
      at: Schema.optionalKey(IsoDateTime),
      note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
    }),
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
} as const
