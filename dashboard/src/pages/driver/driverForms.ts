import { Schema } from "effect"
import { fromLocalInput } from "../../replay/replayPeriod"

const positive = (message: string) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => /^\d+([.,]\d+)?$/u.test(s.trim()) && Number(s.replace(",", ".")) > 0, {
      message,
    }),
  )
const optionalMoney = Schema.String.check(
  Schema.makeFilter<string>((s) => s.trim() === "" || /^\d{1,12}([.,]\d{1,2})?$/u.test(s.trim()), {
    message: "amount",
  }),
)

/** Clock skew the server allows a refuel "now" (it refuses refuels in the future). */
const SKEW_MS = 5 * 60_000

/** A `datetime-local` value ("2025-01-07T08:30", the phone's zone), not in the future. */
const pastLocalTime = Schema.String.check(
  Schema.makeFilter<string>(
    (s) => {
      const ms = fromLocalInput(s)
      return !Number.isNaN(ms) && ms <= Date.now() + SKEW_MS
    },
    { message: "time" },
  ),
)

/**
 * A refuel as the phone form's strings: litres and odometer required (the consumption check needs
 * both); when it happened (now unless changed); the fuel card it was paid with ("" for cash or
 * the driver's own card).
 */
export const RefuelForm = Schema.Struct({
  time: pastLocalTime,
  litres: positive("litres"),
  odometerKm: positive("odometerKm"),
  amount: optionalMoney,
  fuelCardId: Schema.String,
})
export type RefuelValues = (typeof RefuelForm)["Encoded"]

export const OdometerForm = Schema.Struct({ valueKm: positive("valueKm") })
export type OdometerValues = (typeof OdometerForm)["Encoded"]

/** "12,5" (a Russian keyboard's decimal comma) and "12.5" are the same number. */
export const decimal = (s: string): number => Number(s.trim().replace(",", "."))
export const money = (s: string): string | null => (s.trim() === "" ? null : s.trim().replace(",", "."))
