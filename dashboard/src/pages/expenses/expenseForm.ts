import { Currency, ExpenseCategory, IsoDate, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { dayIn, timeOfDayIn, zonedInputIso } from "../../i18n/timeZone"
import {
  MONEY,
  type NumberRule,
  numberInput,
  optionalNumberText,
  parseNumber,
  readNumber,
} from "../../ui/form/numberText"
import type { ExpenseView } from "./expenseColumns"

const Empty = Schema.Literal("")
/** Litres and kilometres: up to 9 digits and 2 decimals. */
const DECIMAL: NumberRule = { fractionDigits: 2, max: 999_999_999.99 }
const Time = Schema.String.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u))

/**
 * An expense as the form edits it: the contract's field schemas over strings ("" = none), numbers
 * as typed in the UI language.
 */
export const expenseForm = (locale: Locale) =>
  Schema.Struct({
    vehicleId: Uuid,
    driverId: Schema.Union([Empty, Uuid]),
    category: ExpenseCategory,
    amount: optionalNumberText(locale, MONEY),
    currency: Currency,
    date: IsoDate,
    /** Optional time of day (the browser's zone); without it the day is the organisation's day. */
    time: Schema.Union([Empty, Time]),
    vendor: Schema.String.check(Schema.isMaxLength(200)),
    description: Schema.String.check(Schema.isMaxLength(2000)),
    litres: optionalNumberText(locale, DECIMAL),
    odometerKm: optionalNumberText(locale, DECIMAL),
    /** The fuel card a refuel was paid with; its currency is the refuel's. */
    fuelCardId: Schema.Union([Empty, Uuid]),
  })
export type ExpenseValues = ReturnType<typeof expenseForm>["Encoded"]

/** A new expense of today (in `zone`, the zone the UI speaks). */
export const newExpenseValues = (currency: string, zone: string, vehicleId = ""): ExpenseValues => ({
  vehicleId,
  driverId: "",
  category: "fuel",
  amount: "",
  currency,
  date: dayIn(Date.now(), zone),
  time: "",
  vendor: "",
  description: "",
  litres: "",
  odometerKm: "",
  fuelCardId: "",
})

/** An expense in the form; one with a time shows its day and time on the wall clock of `zone`. */
export const expenseValues = (e: ExpenseView, locale: Locale, zone: string): ExpenseValues => ({
  vehicleId: e.vehicleId,
  driverId: e.driverId ?? "",
  category: e.category,
  amount: numberInput(e.amount, locale),
  currency: e.currency,
  date: e.time === null ? e.date : dayIn(Date.parse(e.time), zone),
  time: e.time === null ? "" : timeOfDayIn(Date.parse(e.time), zone),
  vendor: e.vendor ?? "",
  description: e.description ?? "",
  litres: numberInput(e.fuel?.litres, locale),
  odometerKm: numberInput(e.fuel?.odometerKm, locale),
  fuelCardId: e.fuel?.fuelCardId ?? "",
})

/**
 * The day alone (the server reads it in the organisation's zone), or the day and time as the
 * instant they mean on the wall clock of `zone`.
 */
const when = (v: ExpenseValues, zone: string): string =>
  v.time === "" ? v.date : (zonedInputIso(`${v.date}T${v.time}`, zone) ?? v.date)

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** The fields both create and update send; the refuel's only for fuel. Money stays a decimal string. */
export const expenseBody = (v: ExpenseValues, locale: Locale, zone: string) => {
  const litres = parseNumber(v.litres, locale, DECIMAL)
  return {
    vehicleId: v.vehicleId,
    driverId: orNull(v.driverId),
    amount: readNumber(v.amount, locale, MONEY),
    currency: v.currency,
    date: when(v, zone),
    vendor: orNull(v.vendor),
    description: orNull(v.description),
    ...(v.category === "fuel"
      ? {
          ...(litres === null ? {} : { litres }),
          odometerKm: parseNumber(v.odometerKm, locale, DECIMAL),
          fuelCardId: orNull(v.fuelCardId),
        }
      : {}),
  }
}
