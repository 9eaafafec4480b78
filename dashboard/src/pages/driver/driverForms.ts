import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { fromZonedInput } from "../../i18n/timeZone"
import { MONEY, type NumberRule, numberText, optionalNumberText } from "../../ui/form/numberText"

/** Litres and kilometres the driver reads off a pump or a dashboard: above zero. */
export const POSITIVE: NumberRule = { above: 0 }

/** Clock skew the server allows a refuel "now" (it refuses refuels in the future). */
const SKEW_MS = 5 * 60_000

/** A `datetime-local` value ("2025-01-07T08:30", a wall clock in `zone`), not in the future. */
const pastTimeIn = (zone: string) =>
  Schema.String.check(
    Schema.makeFilter<string>(
      (s) => {
        const ms = fromZonedInput(s, zone)
        return !Number.isNaN(ms) && ms <= Date.now() + SKEW_MS
      },
      { message: "time" },
    ),
  )

/**
 * A refuel as the phone form's strings: litres and odometer required (the consumption check needs
 * both); when it happened (now unless changed); the fuel card it was paid with ("" for cash or
 * the driver's own card). The time is a wall clock in `zone`, the zone the UI speaks.
 */
export const refuelForm = (locale: Locale, zone: string) =>
  Schema.Struct({
    time: pastTimeIn(zone),
    litres: numberText(locale, POSITIVE),
    odometerKm: numberText(locale, POSITIVE),
    amount: optionalNumberText(locale, MONEY),
    fuelCardId: Schema.String,
  })
export type RefuelValues = ReturnType<typeof refuelForm>["Encoded"]

export const odometerForm = (locale: Locale) => Schema.Struct({ valueKm: numberText(locale, POSITIVE) })
export type OdometerValues = ReturnType<typeof odometerForm>["Encoded"]
