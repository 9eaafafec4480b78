import { Currency, ExpenseCategory, IsoDate, Uuid } from "@fleetcore/contract"
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
import { localDay } from "../../ui/localDay"
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

const today = (): string => localDay(new Date())

export const newExpenseValues = (currency: string, vehicleId = ""): ExpenseValues => ({
  vehicleId,
  driverId: "",
  category: "fuel",
  amount: "",
  currency,
  date: today(),
  time: "",
  vendor: "",
  description: "",
  litres: "",
  odometerKm: "",
  fuelCardId: "",
})

const hhmm = (iso: string): string => {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`
}

export const expenseValues = (e: ExpenseView, locale: Locale): ExpenseValues => ({
  vehicleId: e.vehicleId,
  driverId: e.driverId ?? "",
  category: e.category,
  amount: numberInput(e.amount, locale),
  currency: e.currency,
  date: e.date,
  time: e.time === null ? "" : hhmm(e.time),
  vendor: e.vendor ?? "",
  description: e.description ?? "",
  litres: numberInput(e.fuel?.litres, locale),
  odometerKm: numberInput(e.fuel?.odometerKm, locale),
  fuelCardId: e.fuel?.fuelCardId ?? "",
})

/** The day alone, or the day and time as an instant (read in the browser's zone). */
const when = (v: ExpenseValues): string =>
  v.time === "" ? v.date : new Date(`${v.date}T${v.time}`).toISOString()

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** The fields both create and update send; the refuel's only for fuel. Money stays a decimal string. */
export const expenseBody = (v: ExpenseValues, locale: Locale) => {
  const litres = parseNumber(v.litres, locale, DECIMAL)
  return {
    vehicleId: v.vehicleId,
    driverId: orNull(v.driverId),
    amount: readNumber(v.amount, locale, MONEY),
    currency: v.currency,
    date: when(v),
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
