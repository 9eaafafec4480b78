import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"

/** Expenses with their refuel (fuel only): numbers as numbers, money, rates and days as text. */
export const expenseRows = () =>
  sql
    .selectFrom("expenses as e")
    .innerJoin("vehicles as v", "v.id", "e.vehicle_id")
    .leftJoin("fuel_entries as f", "f.id", "e.id")
    .select((eb) => [
      "e.id",
      "e.vehicle_id",
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "e.driver_id",
      "e.category",
      eb.cast<string | null>("e.amount", "text").as("amount"),
      "e.currency",
      eb.cast<string>("e.spent_on", "text").as("spent_on"),
      "e.spent_at",
      "e.time_given",
      "e.description",
      "e.vendor",
      "e.receipt_document_id",
      "e.created_by",
      "e.org_currency",
      eb.cast<string | null>("e.org_amount", "text").as("org_amount"),
      raw<string | null>`trim_scale(e.rate)::text`.as("rate"),
      eb.cast<string | null>("e.rate_on", "text").as("rate_on"),
      eb.cast<number | null>("f.litres", "float8").as("litres"),
      raw<string | null>`round(e.amount / f.litres, 2)::text`.as("price_per_litre"),
      eb.cast<number | null>("f.odometer_km", "float8").as("odometer_km"),
      "f.fuel_card_id",
      eb.cast<number | null>("f.distance_km", "float8").as("distance_km"),
      eb.cast<number | null>("f.expected_l", "float8").as("expected_l"),
      eb.cast<number | null>("f.difference_l", "float8").as("difference_l"),
      eb.cast<number | null>("f.difference_pct", "float8").as("difference_pct"),
      "f.check_skipped",
      "f.anomaly",
      "f.anomaly_status",
      "f.checked_by",
      "f.checked_at",
    ])

export type ExpenseRow = Awaited<ReturnType<ReturnType<typeof expenseRows>["executeTakeFirstOrThrow"]>>

/** The measured consumption of a refuel row, or null when the check did not run. */
export const consumptionOf = (r: ExpenseRow) =>
  r.expected_l === null || r.litres === null
    ? null
    : {
        distanceKm: r.distance_km,
        expectedL: r.expected_l,
        actualL: r.litres,
        differenceL: r.difference_l,
        differencePct: r.difference_pct,
      }

export const expenseView = (r: ExpenseRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  driverId: r.driver_id,
  category: r.category,
  amount: r.amount,
  currency: r.currency,
  date: r.spent_on,
  time: r.time_given ? r.spent_at.toISOString() : null,
  description: r.description,
  vendor: r.vendor,
  receiptDocumentId: r.receipt_document_id,
  createdBy: r.created_by,
  orgCurrency: r.org_currency,
  orgAmount: r.org_amount,
  rate: r.rate,
  rateDate: r.rate_on,
  rateMissing: r.amount !== null && r.rate === null,
  fuel:
    r.litres === null
      ? null
      : {
          litres: r.litres,
          pricePerLitre: r.price_per_litre,
          odometerKm: r.odometer_km,
          fuelCardId: r.fuel_card_id,
          consumption: consumptionOf(r),
          checkSkipped: r.check_skipped,
          anomaly: r.anomaly ?? false,
          anomalyStatus: r.anomaly_status ?? "none",
        },
})
