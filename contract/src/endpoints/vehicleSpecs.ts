import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** From the column's smallest step (numeric(p, s) rounds anything smaller to 0) up to `max`. */
const Stepped = (step: number, max: number) =>
  Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: step, maximum: max }))
const WholePositive = (max: number) => Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: max }))
const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))

/** The technical card's fields as a body sends them: each optional, null clears it. */
export const vehicleSpecFields = {
  /** "5W-30 synthetic" */
  oilType: Schema.optionalKey(Schema.NullOr(Text(100))),
  /** Litres the engine takes at a change. */
  oilVolumeL: Schema.optionalKey(Schema.NullOr(Stepped(0.01, 100))),
  /** Service every N km … */
  serviceIntervalKm: Schema.optionalKey(Schema.NullOr(WholePositive(200_000))),
  /** … or every M months, whichever first. */
  serviceIntervalMonths: Schema.optionalKey(Schema.NullOr(WholePositive(120))),
  enginePowerKw: Schema.optionalKey(Schema.NullOr(Stepped(0.1, 5000))),
  engineCode: Schema.optionalKey(Schema.NullOr(Text(50))),
}

/** A vehicle's technical card: the oil it takes, its service norms, its engine. */
export const VehicleSpecs = Schema.Struct({
  vehicleId: Uuid,
  oilType: Schema.NullOr(Schema.String),
  oilVolumeL: Schema.NullOr(Schema.Finite),
  serviceIntervalKm: Schema.NullOr(Schema.Int),
  serviceIntervalMonths: Schema.NullOr(Schema.Int),
  enginePowerKw: Schema.NullOr(Schema.Finite),
  engineCode: Schema.NullOr(Schema.String),
  /** null: never written. */
  updatedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "VehicleSpecs" })

const NOT_FOUND = { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" } as const

export const vehicleSpecs = {
  get: endpoint({
    id: "vehicleSpecs.get",
    method: "get",
    path: "/api/v1/vehicles/:id/specs",
    tag: "vehicles",
    summary: "A vehicle's technical card (oil, service norms, engine)",
    access: "vehicles.read",
    params: IdParams,
    response: VehicleSpecs,
    errors: [NOT_FOUND],
  }),
  update: endpoint({
    id: "vehicleSpecs.update",
    method: "patch",
    path: "/api/v1/vehicles/:id/specs",
    tag: "vehicles",
    summary: "Change a vehicle's technical card (only the fields sent; null clears one)",
    access: "vehicles.manage",
    params: IdParams,
    body: Schema.Struct(vehicleSpecFields),
    invalidCode: "FLEET_VEHICLE_INVALID",
    response: VehicleSpecs,
    errors: [NOT_FOUND],
  }),
} as const
