import {
  type BODY_TYPES,
  type FUEL_TYPES,
  PLATE_PATTERN,
  type TRANSMISSIONS,
  type VEHICLE_STATUSES,
  vinProblem,
} from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import {
  MONEY,
  type NumberRule,
  numberInput,
  optionalNumberText,
  parseNumber,
  readNumber,
} from "../../ui/form/numberText"
import type { VehicleView } from "./vehicleQueries"

/**
 * The vehicle form: every field as the text of its input ("" = not set). The schema checks what
 * the browser can (plate, VIN and its check digit, year, numbers, dates); the server checks the
 * rest and its field errors appear on the same fields (the form's names are the body's).
 */
const Optional = (check: (s: string) => boolean, message: string) =>
  Schema.String.check(Schema.makeFilter<string>((s) => s.trim() === "" || check(s.trim()), { message }))

const SEATS: NumberRule = { fractionDigits: 0, max: 999 }
const YEAR: NumberRule = { fractionDigits: 0 }

export const vehicleForm = (locale: Locale) =>
  Schema.Struct({
    name: Schema.String.check(Schema.makeFilter<string>((s) => s.trim().length > 0, { message: "name" })),
    plate: Optional((s) => PLATE_PATTERN.test(s.replace(/\s+/gu, " ")), "plate"),
    vin: Optional((s) => vinProblem(s.toUpperCase()) === undefined, "vin"),
    vehicleTypeId: Schema.String,
    brand: Schema.String,
    model: Schema.String,
    year: Optional((s) => /^\d{4}$/u.test(s) && Number(s) >= 1900 && Number(s) <= 2100, "year"),
    colour: Schema.String,
    bodyType: Schema.String,
    fuelType: Schema.String,
    engineVolumeL: optionalNumberText(locale),
    transmission: Schema.String,
    seats: optionalNumberText(locale, SEATS),
    purchaseDate: Optional((s) => /^\d{4}-\d{2}-\d{2}$/u.test(s), "date"),
    purchasePrice: optionalNumberText(locale, MONEY),
    purchaseCurrency: Schema.String,
    department: Schema.String,
    notes: Schema.String,
    commissionedOn: Optional((s) => /^\d{4}-\d{2}-\d{2}$/u.test(s), "date"),
    commissionedOdometerKm: optionalNumberText(locale),
    status: Schema.String,
    rental: Schema.String,
    rentalStartsOn: Optional((s) => /^\d{4}-\d{2}-\d{2}$/u.test(s), "date"),
    rentalEndsOn: Optional((s) => /^\d{4}-\d{2}-\d{2}$/u.test(s), "date"),
    rentalMonthlyCost: optionalNumberText(locale, MONEY),
    rentalCurrency: Schema.String,
    lessor: Schema.String,
  })
export type VehicleValues = ReturnType<typeof vehicleForm>["Encoded"]

export const NEW_VEHICLE: VehicleValues = {
  name: "",
  plate: "",
  vin: "",
  vehicleTypeId: "",
  brand: "",
  model: "",
  year: "",
  colour: "",
  bodyType: "",
  fuelType: "",
  engineVolumeL: "",
  transmission: "",
  seats: "",
  purchaseDate: "",
  purchasePrice: "",
  purchaseCurrency: "KZT",
  department: "",
  notes: "",
  commissionedOn: "",
  commissionedOdometerKm: "",
  status: "active",
  rental: "false",
  rentalStartsOn: "",
  rentalEndsOn: "",
  rentalMonthlyCost: "",
  rentalCurrency: "KZT",
  lessor: "",
}

const text = (v: string | number | null): string => (v === null ? "" : String(v))

/** A vehicle's current values in the form. */
export const vehicleValues = (v: VehicleView, locale: Locale): VehicleValues => ({
  name: v.name,
  plate: text(v.plate),
  vin: text(v.vin),
  vehicleTypeId: v.vehicleType?.id ?? "",
  brand: text(v.brand),
  model: text(v.model),
  year: text(v.year),
  colour: text(v.colour),
  bodyType: text(v.bodyType),
  fuelType: text(v.fuelType),
  engineVolumeL: numberInput(v.engineVolumeL, locale),
  transmission: text(v.transmission),
  seats: numberInput(v.seats, locale),
  purchaseDate: text(v.purchaseDate),
  purchasePrice: numberInput(v.purchasePrice, locale),
  purchaseCurrency: v.purchaseCurrency ?? "KZT",
  department: text(v.department),
  notes: text(v.notes),
  commissionedOn: text(v.commissionedOn),
  commissionedOdometerKm: numberInput(v.commissionedOdometerKm, locale),
  status: v.status,
  rental: String(v.rental),
  rentalStartsOn: text(v.rentalStartsOn),
  rentalEndsOn: text(v.rentalEndsOn),
  rentalMonthlyCost: numberInput(v.rentalMonthlyCost, locale),
  rentalCurrency: v.rentalCurrency ?? "KZT",
  lessor: text(v.lessor),
})

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

type Status = (typeof VEHICLE_STATUSES)[number]

/** The body of a create or an update: "" is null (cleared); a currency only goes with its amount. */
export const vehicleBody = (v: VehicleValues, locale: Locale) => {
  const rental = v.rental === "true"
  const purchasePrice = readNumber(v.purchasePrice, locale, MONEY)
  const rentalMonthlyCost = rental ? readNumber(v.rentalMonthlyCost, locale, MONEY) : null
  return {
    name: v.name.trim(),
    plate: orNull(v.plate),
    vin: orNull(v.vin),
    vehicleTypeId: orNull(v.vehicleTypeId),
    brand: orNull(v.brand),
    model: orNull(v.model),
    year: parseNumber(v.year, locale, YEAR),
    colour: orNull(v.colour),
    bodyType: orNull(v.bodyType) as (typeof BODY_TYPES)[number] | null,
    fuelType: orNull(v.fuelType) as (typeof FUEL_TYPES)[number] | null,
    engineVolumeL: parseNumber(v.engineVolumeL, locale),
    transmission: orNull(v.transmission) as (typeof TRANSMISSIONS)[number] | null,
    seats: parseNumber(v.seats, locale, SEATS),
    purchaseDate: orNull(v.purchaseDate),
    purchasePrice,
    purchaseCurrency: purchasePrice === null ? null : orNull(v.purchaseCurrency),
    department: orNull(v.department),
    notes: orNull(v.notes),
    commissionedOn: orNull(v.commissionedOn),
    commissionedOdometerKm: parseNumber(v.commissionedOdometerKm, locale),
    rental,
    rentalStartsOn: rental ? orNull(v.rentalStartsOn) : null,
    rentalEndsOn: rental ? orNull(v.rentalEndsOn) : null,
    rentalMonthlyCost,
    rentalCurrency: rentalMonthlyCost === null ? null : orNull(v.rentalCurrency),
    lessor: rental ? orNull(v.lessor) : null,
  }
}

export const statusOf = (v: VehicleValues): Status => v.status as Status
