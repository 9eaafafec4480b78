import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

const NullableNumber = Schema.NullOr(Schema.Finite)

/** One stored point of a track. */
export const TrackPoint = Schema.Struct({
  timeMs: Schema.Finite,
  lat: Schema.Finite,
  lon: Schema.Finite,
  speedMps: NullableNumber,
  headingDeg: NullableNumber,
  ignition: Schema.NullOr(Schema.Boolean),
  odometerM: NullableNumber,
  fuelLevelPct: NullableNumber,
}).annotate({ identifier: "TrackPoint" })

/** A vehicle's latest stored state (the same fields the live feed pushes): a track point and more. */
export const LastPosition = Schema.Struct({
  vehicleId: Uuid,
  ...TrackPoint.fields,
  batteryV: NullableNumber,
}).annotate({ identifier: "LastPosition" })

export const Vehicle = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  plate: Schema.NullOr(Schema.String),
  vin: Schema.NullOr(Schema.String),
  vehicleType: Schema.NullOr(Schema.Struct({ id: Uuid, name: Schema.String })),
  deviceId: Schema.NullOr(Schema.String),
  /** The device's odometer, else the estimate from manual readings and GPS distance, else the latest
   *  manual reading, else the commissioning value; km. */
  odometerKm: NullableNumber,
  last: Schema.NullOr(LastPosition),
}).annotate({ identifier: "Vehicle" })

const Boolish = Schema.Literals(["true", "false"])

const vehicleNotFound = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }
const referenceNotFound = { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }

export const vehicles = {
  list: endpoint({
    id: "vehicles.list",
    method: "get",
    path: "/api/v1/vehicles",
    tag: "vehicles",
    summary: "The vehicles with their last position (a driver: the vehicles assigned to them now)",
    description: "`q` searches the name, plate and VIN.",
    access: "vehicles.read",
    query: listQuery(["name", "plate", "createdAt"], {
      vehicleTypeId: Schema.optionalKey(Uuid),
      hasDevice: Schema.optionalKey(Boolish),
      teamId: Schema.optionalKey(Uuid),
    }),
    response: listOf(Vehicle),
  }),
  get: endpoint({
    id: "vehicles.get",
    method: "get",
    path: "/api/v1/vehicles/:id",
    tag: "vehicles",
    summary: "One vehicle with its last position",
    access: "vehicles.read",
    params: IdParams,
    response: Vehicle,
    errors: [vehicleNotFound],
  }),
  create: endpoint({
    id: "vehicles.create",
    method: "post",
    path: "/api/v1/vehicles",
    tag: "vehicles",
    summary: "Add a vehicle",
    access: "vehicles.manage",
    body: Schema.Struct({
      name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
      plate: Schema.optionalKey(
        Schema.NullOr(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(20))),
      ),
      vin: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isPattern(/^[A-HJ-NPR-Z0-9]{17}$/u)))),
      vehicleTypeId: Schema.optionalKey(Schema.NullOr(Uuid)),
      /** Where the service book starts when no service is recorded yet. */
      commissionedOn: Schema.optionalKey(IsoDate),
      commissionedOdometerKm: Schema.optionalKey(
        Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
      ),
    }),
    response: Vehicle,
    status: 201,
    invalidCode: "FLEET_VEHICLE_INVALID",
    errors: [{ status: 409, code: "FLEET_VEHICLE_EXISTS" }, referenceNotFound],
  }),
  track: endpoint({
    id: "vehicles.track",
    method: "get",
    path: "/api/v1/vehicles/:id/track",
    tag: "vehicles",
    summary: "A vehicle's stored points between from and to (at most 31 days, 50,000 points)",
    access: "telemetry.read",
    params: IdParams,
    query: Schema.Struct({ from: IsoDateTime, to: IsoDateTime }),
    response: Schema.Struct({
      vehicleId: Uuid,
      from: IsoDateTime,
      to: IsoDateTime,
      /** More points than one answer holds: ask for a shorter range. */
      truncated: Schema.Boolean,
      points: Schema.Array(TrackPoint),
    }),
    errors: [vehicleNotFound],
  }),
  live: endpoint({
    id: "vehicles.live",
    method: "get",
    path: "/api/v1/live/vehicles",
    tag: "vehicles",
    summary: "Every vehicle the caller may see with its last position, unpaged: the live map's snapshot",
    description: "The WebSocket `/api/v1/live` then pushes the changes.",
    access: "telemetry.read",
    response: Schema.Struct({ items: Schema.Array(Vehicle) }),
  }),
} as const
