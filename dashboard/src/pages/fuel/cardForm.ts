import { Currency, type FuelCardSpending, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { numberInput, optionalNumberText, POSITIVE_MONEY, readNumber } from "../../ui/form/numberText"

type CardView = (typeof FuelCardSpending)["Encoded"]

const Empty = Schema.Literal("")

/**
 * A fuel card as the form edits it: the contract's field schemas over strings ("" = none). The
 * last four digits and the currency are given once, when the card is added.
 */
export const cardForm = (locale: Locale) =>
  Schema.Struct({
    name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
    numberLast4: Schema.Union([Empty, Schema.String.check(Schema.isPattern(/^\d{4}$/u))]),
    currency: Currency,
    dailyLimit: optionalNumberText(locale, POSITIVE_MONEY),
    weeklyLimit: optionalNumberText(locale, POSITIVE_MONEY),
    monthlyLimit: optionalNumberText(locale, POSITIVE_MONEY),
    driverId: Schema.Union([Empty, Uuid]),
    vehicleId: Schema.Union([Empty, Uuid]),
    status: Schema.Literals(["active", "blocked"]),
  })
export type CardValues = ReturnType<typeof cardForm>["Encoded"]

export const newCardValues = (currency: string): CardValues => ({
  name: "",
  numberLast4: "",
  currency,
  dailyLimit: "",
  weeklyLimit: "",
  monthlyLimit: "",
  driverId: "",
  vehicleId: "",
  status: "active",
})

/** A listed card's values; its limits are those of its day, week and month. */
export const cardValues = (card: CardView, locale: Locale): CardValues => {
  const limit = (period: "day" | "week" | "month") =>
    numberInput(card.periods.find((p) => p.period === period)?.limit, locale)
  return {
    name: card.name,
    numberLast4: card.numberLast4 ?? "",
    currency: card.currency,
    dailyLimit: limit("day"),
    weeklyLimit: limit("week"),
    monthlyLimit: limit("month"),
    driverId: card.driverId ?? "",
    vehicleId: card.vehicleId ?? "",
    status: card.active ? "active" : "blocked",
  }
}

const orNull = (s: string): string | null => (s === "" ? null : s)

/** What both adding and editing a card send; limits as decimal strings. */
export const cardBody = (v: CardValues, locale: Locale) => ({
  name: v.name,
  dailyLimit: readNumber(v.dailyLimit, locale, POSITIVE_MONEY),
  weeklyLimit: readNumber(v.weeklyLimit, locale, POSITIVE_MONEY),
  monthlyLimit: readNumber(v.monthlyLimit, locale, POSITIVE_MONEY),
  driverId: orNull(v.driverId),
  vehicleId: orNull(v.vehicleId),
})
