import type { FUEL_TYPES, VehicleType } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { numberInput, optionalNumberText, parseNumber } from "../../ui/form/numberText"

export type VehicleTypeView = (typeof VehicleType)["Encoded"]

/** A vehicle type as the form's strings ("" = not set), numbers as typed in the UI language. */
export const vehicleTypeForm = (locale: Locale) => {
  const number = optionalNumberText(locale)
  return Schema.Struct({
    name: Schema.String.check(Schema.makeFilter<string>((s) => s.trim() !== "", { message: "name" })),
    brand: Schema.String,
    model: Schema.String,
    fuelType: Schema.String,
    ratedConsumptionL100km: number,
    tankCapacityL: number,
    speedLimitKmh: number,
    universal: Schema.String,
  })
}
export type VehicleTypeValues = ReturnType<typeof vehicleTypeForm>["Encoded"]

const text = (v: string | number | null) => (v === null ? "" : String(v))

export const vehicleTypeValues = (type: VehicleTypeView | null, locale: Locale): VehicleTypeValues => ({
  name: type?.name ?? "",
  brand: text(type?.brand ?? null),
  model: text(type?.model ?? null),
  fuelType: text(type?.fuelType ?? null),
  ratedConsumptionL100km: numberInput(type?.ratedConsumptionL100km, locale),
  tankCapacityL: numberInput(type?.tankCapacityL, locale),
  speedLimitKmh: numberInput(type?.speedLimitKmh, locale),
  universal: String(type?.universal ?? false),
})

const orNull = (s: string) => (s.trim() === "" ? null : s.trim())

export const vehicleTypeBody = (v: VehicleTypeValues, locale: Locale) => ({
  name: v.name.trim(),
  brand: orNull(v.brand),
  model: orNull(v.model),
  fuelType: orNull(v.fuelType) as (typeof FUEL_TYPES)[number] | null,
  ratedConsumptionL100km: parseNumber(v.ratedConsumptionL100km, locale),
  tankCapacityL: parseNumber(v.tankCapacityL, locale),
  speedLimitKmh: parseNumber(v.speedLimitKmh, locale),
})
