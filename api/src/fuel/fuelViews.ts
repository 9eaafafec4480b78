import { sql } from "../db/sql.js"

/** Refuels with their numbers as numbers (numeric columns cast to float8) and money as text. */
export const entries = () =>
  sql
    .selectFrom("fuel_entries")
    .select((eb) => [
      "id",
      "vehicle_id",
      "time",
      eb.cast<number>("litres", "float8").as("litres"),
      eb.cast<string>("amount", "text").as("amount"),
      "currency",
      eb.cast<number>("odometer_km", "float8").as("odometer_km"),
      "fuel_card_id",
      "note",
      "entered_by",
      eb.cast<number | null>("distance_km", "float8").as("distance_km"),
      eb.cast<number | null>("expected_l", "float8").as("expected_l"),
      eb.cast<number | null>("difference_l", "float8").as("difference_l"),
      eb.cast<number | null>("difference_pct", "float8").as("difference_pct"),
      "anomaly",
      "anomaly_status",
      "checked_by",
      "checked_at",
    ])

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>["executeTakeFirstOrThrow"]>>

export const entryView = (r: EntryRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  time: r.time.toISOString(),
  litres: r.litres,
  amount: r.amount,
  currency: r.currency,
  odometerKm: r.odometer_km,
  fuelCardId: r.fuel_card_id,
  note: r.note,
  enteredBy: r.entered_by,
  consumption:
    r.expected_l === null
      ? null
      : {
          distanceKm: r.distance_km,
          expectedL: r.expected_l,
          actualL: r.litres,
          differenceL: r.difference_l,
          differencePct: r.difference_pct,
        },
  anomaly: r.anomaly,
  anomalyStatus: r.anomaly_status,
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
