import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** What a vehicle burns (seed 000 §2). */
export const FUEL_TYPES = ["gasoline", "diesel", "gas", "electric", "hybrid"] as const
export const FuelType = Schema.Literals(FUEL_TYPES)

/** Which catalogue a type belongs to: the one every organisation shares, or the caller's own. */
export const VEHICLE_TYPE_SCOPES = ["universal", "own"] as const

const ShortText = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(100))
const TypeName = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))
const Rated = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0.1, maximum: 200 }))
const Tank = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 1, maximum: 5000 }))
const SpeedLimit = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 5, maximum: 300 }))

export const VehicleType = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  brand: Schema.NullOr(Schema.String),
  model: Schema.NullOr(Schema.String),
  fuelType: Schema.NullOr(FuelType),
  /** Rated consumption, L/100 km: the fuel rules compare refuels with it. */
  ratedConsumptionL100km: Schema.NullOr(Schema.Finite),
  tankCapacityL: Schema.NullOr(Schema.Finite),
  /** The overspeed limit of vehicles of this type, km/h (else the organisation's). */
  speedLimitKmh: Schema.NullOr(Schema.Finite),
  /** Part of the catalogue every organisation shares; only the installation owner edits it. */
  universal: Schema.Boolean,
  /** How many of the caller's organisation's vehicles are of this type. */
  vehicles: Schema.Int,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "VehicleType" })

const fields = {
  brand: Schema.optionalKey(Schema.NullOr(ShortText)),
  model: Schema.optionalKey(Schema.NullOr(ShortText)),
  fuelType: Schema.optionalKey(Schema.NullOr(FuelType)),
  ratedConsumptionL100km: Schema.optionalKey(Schema.NullOr(Rated)),
  tankCapacityL: Schema.optionalKey(Schema.NullOr(Tank)),
  speedLimitKmh: Schema.optionalKey(Schema.NullOr(SpeedLimit)),
}

const notFound = { status: 404, code: "FLEET_VEHICLE_TYPE_NOT_FOUND" }
const ownerOnly = {
  status: 403,
  code: "FLEET_VEHICLE_TYPE_UNIVERSAL",
  description: "the universal catalogue is edited only by the installation owner",
}
const exists = { status: 409, code: "FLEET_VEHICLE_TYPE_EXISTS", description: "a type of this name exists" }

export const vehicleTypes = {
  list: endpoint({
    id: "vehicleTypes.list",
    method: "get",
    path: "/api/v1/vehicle-types",
    tag: "vehicle types",
    summary: "The universal vehicle types and the organisation's own",
    description: "`q` searches the name, brand and model; `scope` keeps one catalogue.",
    access: "vehicles.read",
    query: listQuery(["name", "brand", "createdAt"], {
      scope: Schema.optionalKey(Schema.Literals(VEHICLE_TYPE_SCOPES)),
      fuelType: Schema.optionalKey(FuelType),
    }),
    response: listOf(VehicleType),
  }),
  get: endpoint({
    id: "vehicleTypes.get",
    method: "get",
    path: "/api/v1/vehicle-types/:id",
    tag: "vehicle types",
    summary: "One vehicle type (universal or the organisation's own)",
    access: "vehicles.read",
    params: IdParams,
    response: VehicleType,
    errors: [notFound],
  }),
  create: endpoint({
    id: "vehicleTypes.create",
    method: "post",
    path: "/api/v1/vehicle-types",
    tag: "vehicle types",
    summary:
      "Add a type to the organisation's catalogue, or (the owner, `universal: true`) to the universal one",
    access: "vehicles.manage",
    body: Schema.Struct({ name: TypeName, ...fields, universal: Schema.optionalKey(Schema.Boolean) }),
    response: VehicleType,
    status: 201,
    invalidCode: "FLEET_VEHICLE_TYPE_INVALID",
    errors: [ownerOnly, exists],
  }),
  update: endpoint({
    id: "vehicleTypes.update",
    method: "patch",
    path: "/api/v1/vehicle-types/:id",
    tag: "vehicle types",
    summary: "Change a vehicle type (a universal one: the installation owner only)",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct({ name: Schema.optionalKey(TypeName), ...fields }),
    response: VehicleType,
    invalidCode: "FLEET_VEHICLE_TYPE_INVALID",
    errors: [notFound, ownerOnly, exists],
  }),
  delete: endpoint({
    id: "vehicleTypes.delete",
    method: "delete",
    path: "/api/v1/vehicle-types/:id",
    tag: "vehicle types",
    summary: "Delete a vehicle type no vehicle uses (a universal one: the installation owner only)",
    access: "vehicles.manage",
    params: IdParams,
    errors: [
      notFound,
      ownerOnly,
      {
        status: 409,
        code: "FLEET_VEHICLE_TYPE_IN_USE",
        description: "vehicles (or maintenance templates) use the type: change theirs first",
      },
    ],
  }),
} as const
