import { type RawBuilder, sql as raw, type SqlBool } from "kysely"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"
import { readableDrivers } from "../drivers/driverQueries.js"
import { consumptionOf, type ExpenseRow, expenseRows } from "../expenses/expenseViews.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

/** Refuels: fuel expenses with their refuel part (see `expenseRows`). */
export const entries = () => expenseRows().where("f.id", "is not", null)

type EntryRow = ExpenseRow

export const entryView = (r: EntryRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  time: r.spent_at.toISOString(),
  date: r.spent_on,
  litres: r.litres ?? 0,
  amount: r.amount,
  currency: r.currency,
  pricePerLitre: r.price_per_litre,
  odometerKm: r.odometer_km,
  fuelCardId: r.fuel_card_id,
  note: r.description,
  enteredBy: r.created_by,
  consumption: consumptionOf(r),
  checkSkipped: r.check_skipped,
  anomaly: r.anomaly ?? false,
  anomalyStatus: r.anomaly_status ?? "none",
  checkedBy: r.checked_by,
  checkedAt: r.checked_at?.toISOString() ?? null,
})

/** Fuel cards with their limits as decimal text. */
export const fuelCards = () =>
  sql
    .selectFrom("fuel_cards")
    .select((eb) => [
      "id",
      "name",
      "number_last4",
      "vehicle_id",
      "driver_id",
      "currency",
      eb.cast<string | null>("daily_limit", "text").as("daily_limit"),
      eb.cast<string | null>("weekly_limit", "text").as("weekly_limit"),
      eb.cast<string | null>("monthly_limit", "text").as("monthly_limit"),
      "active",
    ])

/**
 * The fuel cards `p` may see and pay with: every card of the organisation, or for a driver the
 * cards issued to them and those of the vehicles assigned to them.
 */
export const cardsOf = (p: Principal): RawBuilder<SqlBool> =>
  raw<SqlBool>`(${visibleVehicles(p, "vehicle_id")} OR ${readableDrivers(p, "driver_id")})`

type CardRow = Awaited<ReturnType<ReturnType<typeof fuelCards>["executeTakeFirstOrThrow"]>>

export const fuelCardView = (r: CardRow) => ({
  id: r.id,
  name: r.name,
  numberLast4: r.number_last4,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  currency: r.currency,
  dailyLimit: r.daily_limit,
  weeklyLimit: r.weekly_limit,
  monthlyLimit: r.monthly_limit,
  active: r.active,
})
