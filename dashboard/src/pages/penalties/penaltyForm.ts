import { Currency, IsoDate, IsoDateTime, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { zonedInputIso } from "../../i18n/timeZone"
import { decimalOf, numberText, POSITIVE_MONEY } from "../../ui/form/numberText"

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Optional = <S extends Schema.Top & { readonly Encoded: string; readonly Type: string }>(s: S) =>
  Schema.Union([Schema.Literal(""), s])
/** A `datetime-local` input's value ("2025-01-05T10:00"), a wall clock in the UI's zone. */
const LocalDateTime = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/u))

/** A new fine as the form holds it; the driver is the one assigned at the offence. */
export const penaltyForm = (locale: Locale) =>
  Schema.Struct({
    vehicleId: Uuid,
    amount: numberText(locale, POSITIVE_MONEY),
    currency: Currency,
    offenceAt: LocalDateTime,
    reason: Text(500),
    article: Optional(Text(100)),
    resolutionNumber: Optional(Text(100)),
    dueDate: Optional(IsoDate),
    status: Schema.Literals(["open", "paid"]),
    paidOn: Optional(IsoDate),
  })
export type PenaltyValues = ReturnType<typeof penaltyForm>["Encoded"]

export const newPenaltyValues = (vehicleId: string): PenaltyValues => ({
  vehicleId,
  amount: "",
  currency: "KZT",
  offenceAt: "",
  reason: "",
  article: "",
  resolutionNumber: "",
  dueDate: "",
  status: "open",
  paidOn: "",
})

const orNull = (s: string): string | null => (s === "" ? null : s)

/** The fine for the API; the offence time is read on the wall clock of `zone`. */
export const penaltyBody = (v: PenaltyValues, locale: Locale, zone: string) => {
  const offenceAt = zonedInputIso(v.offenceAt, zone)
  if (offenceAt === undefined || !Schema.is(IsoDateTime)(offenceAt)) throw new Error("offenceAt")
  return {
    vehicleId: v.vehicleId,
    amount: decimalOf(v.amount, locale, POSITIVE_MONEY),
    currency: v.currency,
    offenceAt,
    reason: v.reason,
    article: orNull(v.article),
    resolutionNumber: orNull(v.resolutionNumber),
    dueDate: orNull(v.dueDate),
    status: v.status,
    ...(v.status === "paid" && v.paidOn !== "" ? { paidOn: v.paidOn } : {}),
  }
}
