import { Currency, type FuelCardSpending, PositiveMoney, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"

type CardView = (typeof FuelCardSpending)["Encoded"]

const Empty = Schema.Literal("")
const Limit = Schema.Union([Empty, PositiveMoney])

/**
 * A fuel card as the form edits it: the contract's field schemas over strings ("" = none). The
 * last four digits and the currency are given once, when the card is added.
 */
export const CardForm = Schema.Struct({
  name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  numberLast4: Schema.Union([Empty, Schema.String.check(Schema.isPattern(/^\d{4}$/u))]),
  currency: Currency,
  dailyLimit: Limit,
  weeklyLimit: Limit,
  monthlyLimit: Limit,
  driverId: Schema.Union([Empty, Uuid]),
  vehicleId: Schema.Union([Empty, Uuid]),
  status: Schema.Literals(["active", "blocked"]),
})
export type CardValues = (typeof CardForm)["Encoded"]

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
export const cardValues = (card: CardView): CardValues => {
  const limit = (period: "day" | "week" | "month") =>
    card.periods.find((p) => p.period === period)?.limit ?? ""
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

/** What both adding and editing a card send. */
export const cardBody = (v: CardValues) => ({
  name: v.name,
  dailyLimit: orNull(v.dailyLimit),
  weeklyLimit: orNull(v.weeklyLimit),
  monthlyLimit: orNull(v.monthlyLimit),
  driverId: orNull(v.driverId),
  vehicleId: orNull(v.vehicleId),
})
