import { Currency, ExpenseCategory, IsoDate, Money, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"
import { localDay } from "../../ui/localDay"
import type { ExpenseView } from "./expenseColumns"

const Empty = Schema.Literal("")
const Decimal = Schema.String.check(Schema.isPattern(/^\d{1,9}(\.\d{1,2})?$/u))
const Time = Schema.String.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u))

/** An expense as the form edits it: the contract's field schemas over strings ("" = none). */
export const ExpenseForm = Schema.Struct({
  vehicleId: Uuid,
  driverId: Schema.Union([Empty, Uuid]),
  category: ExpenseCategory,
  amount: Schema.Union([Empty, Money]),
  currency: Currency,
  date: IsoDate,
  /** Optional time of day (the browser's zone); without it the day is the organisation's day. */
  time: Schema.Union([Empty, Time]),
  vendor: Schema.String.check(Schema.isMaxLength(200)),
  description: Schema.String.check(Schema.isMaxLength(2000)),
  litres: Schema.Union([Empty, Decimal]),
  odometerKm: Schema.Union([Empty, Decimal]),
  /** The fuel card a refuel was paid with; its currency is the refuel's. */
  fuelCardId: Schema.Union([Empty, Uuid]),
})
export type ExpenseValues = (typeof ExpenseForm)["Encoded"]

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

export const expenseValues = (e: ExpenseView): ExpenseValues => ({
  vehicleId: e.vehicleId,
  driverId: e.driverId ?? "",
  category: e.category,
  amount: e.amount ?? "",
  currency: e.currency,
  date: e.date,
  time: e.time === null ? "" : hhmm(e.time),
  vendor: e.vendor ?? "",
  description: e.description ?? "",
  litres: e.fuel === null ? "" : String(e.fuel.litres),
  odometerKm: e.fuel?.odometerKm == null ? "" : String(e.fuel.odometerKm),
  fuelCardId: e.fuel?.fuelCardId ?? "",
})

/** The day alone, or the day and time as an instant (read in the browser's zone). */
const when = (v: ExpenseValues): string =>
  v.time === "" ? v.date : new Date(`${v.date}T${v.time}`).toISOString()

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** The fields both create and update send; the refuel's only for fuel. */
export const expenseBody = (v: ExpenseValues) => ({
  vehicleId: v.vehicleId,
  driverId: orNull(v.driverId),
  amount: orNull(v.amount),
  currency: v.currency,
  date: when(v),
  vendor: orNull(v.vendor),
  description: orNull(v.description),
  ...(v.category === "fuel"
    ? {
        ...(v.litres === "" ? {} : { litres: Number(v.litres) }),
        odometerKm: v.odometerKm === "" ? null : Number(v.odometerKm),
        fuelCardId: orNull(v.fuelCardId),
      }
    : {}),
})
