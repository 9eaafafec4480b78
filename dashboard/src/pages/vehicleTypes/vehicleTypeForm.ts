import type { FUEL_TYPES, VehicleType } from "@fleetcore/contract"
import { Schema } from "effect"

export type VehicleTypeView = (typeof VehicleType)["Encoded"]

const number = Schema.String.check(
  Schema.makeFilter<string>((s) => s.trim() === "" || /^\d+(\.\d+)?$/u.test(s.trim()), { message: "number" }),
)

/** A vehicle type as the form's strings ("" = not set). */
export const VehicleTypeForm = Schema.Struct({
  name: Schema.String.check(Schema.makeFilter<string>((s) => s.trim() !== "", { message: "name" })),
  brand: Schema.String,
  model: Schema.String,
  fuelType: Schema.String,
  ratedConsumptionL100km: number,
  tankCapacityL: number,
  speedLimitKmh: number,
  universal: Schema.String,
})
export type VehicleTypeValues = (typeof VehicleTypeForm)["Encoded"]

const text = (v: string | number | null) => (v === null ? "" : String(v))

export const vehicleTypeValues = (type: VehicleTypeView | null): VehicleTypeValues => ({
  name: type?.name ?? "",
  brand: text(type?.brand ?? null),
  model: text(type?.model ?? null),
  fuelType: text(type?.fuelType ?? null),
  ratedConsumptionL100km: text(type?.ratedConsumptionL100km ?? null),
  tankCapacityL: text(type?.tankCapacityL ?? null),
  speedLimitKmh: text(type?.speedLimitKmh ?? null),
  universal: String(type?.universal ?? false),
})

const orNull = (s: string) => (s.trim() === "" ? null : s.trim())
const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s))

export const vehicleTypeBody = (v: VehicleTypeValues) => ({
  name: v.name.trim(),
  brand: orNull(v.brand),
  model: orNull(v.model),
  fuelType: orNull(v.fuelType) as (typeof FUEL_TYPES)[number] | null,
  ratedConsumptionL100km: numberOrNull(v.ratedConsumptionL100km),
  tankCapacityL: numberOrNull(v.tankCapacityL),
  speedLimitKmh: numberOrNull(v.speedLimitKmh),
})
