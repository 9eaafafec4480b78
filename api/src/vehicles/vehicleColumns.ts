import {
  type endpoints,
  normalisePlate,
  normaliseVin,
  type Reason,
  reason,
  type TypeOf,
  vinProblem,
} from "@fleetcore/contract"
import type { HttpError } from "@fleetcore/platform"
import type { Updateable } from "kysely"
import type { VehiclesTable } from "../db/Database.js"
import { refuse } from "../http/refuse.js"

type Body = Partial<TypeOf<(typeof endpoints.vehicles.update)["body"]>>

/** Body field → column; the same name in both when absent. */
const COLUMNS = {
  name: "name",
  plate: "plate",
  plateCountry: "plate_country",
  vin: "vin",
  vehicleTypeId: "vehicle_type_id",
  brand: "brand",
  model: "model",
  year: "year",
  colour: "colour",
  bodyType: "body_type",
  fuelType: "fuel_type",
  engineVolumeL: "engine_volume_l",
  transmission: "transmission",
  seats: "seats",
  purchaseDate: "purchased_on",
  purchasePrice: "purchase_price",
  purchaseCurrency: "purchase_currency",
  department: "department",
  notes: "notes",
  commissionedOn: "commissioned_on",
  commissionedOdometerKm: "commissioned_odometer_km",
  rental: "rental",
  rentalStartsOn: "rental_starts_on",
  rentalEndsOn: "rental_ends_on",
  rentalMonthlyCost: "rental_monthly_cost",
  rentalCurrency: "rental_currency",
  lessor: "lessor",
} as const satisfies Record<keyof Body, keyof VehiclesTable>

const invalid = (field: string, why: Reason): HttpError => refuse(400, "FLEET_VEHICLE_INVALID", field, why)

/**
 * The columns a create or update body sets, normalised (plate upper case with single spaces, VIN
 * upper case) and checked beyond the schema: a North-American VIN's check digit.
 */
export const vehicleColumns = (body: Body): Updateable<VehiclesTable> => {
  const out: Record<string, unknown> = {}
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = (body as Record<string, unknown>)[field]
    if (value !== undefined) out[column] = value
  }
  if (typeof body.plate === "string") out.plate = normalisePlate(body.plate)
  if (typeof body.vin === "string") {
    const vin = normaliseVin(body.vin)
    const problem = vinProblem(vin)
    if (problem !== undefined) throw invalid("vin", problem)
    out.vin = vin
  }
  return out as Updateable<VehiclesTable>
}

/** The rules between fields, checked on the record as it will be after the write. */
export interface MoneyAndPeriods {
  readonly purchase_price: string | number | null
  readonly purchase_currency: string | null
  readonly rental_monthly_cost: string | number | null
  readonly rental_currency: string | null
  readonly rental_starts_on: string | null
  readonly rental_ends_on: string | null
}

export const checkVehicleRules = (v: MoneyAndPeriods): void => {
  if (v.purchase_price !== null && v.purchase_currency === null)
    throw invalid("purchaseCurrency", reason("needsCurrency"))
  if (v.rental_monthly_cost !== null && v.rental_currency === null)
    throw invalid("rentalCurrency", reason("needsCurrency"))
  if (v.rental_starts_on !== null && v.rental_ends_on !== null && v.rental_ends_on < v.rental_starts_on)
    throw invalid("rentalEndsOn", reason("beforeStart"))
}
