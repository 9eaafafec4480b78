import { Currency, IsoDate } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import {
  isBlank,
  MONEY,
  type NumberRule,
  numberOf,
  numberText,
  optionalNumberText,
  readNumber,
} from "../../ui/form/numberText"
import type { TaskView } from "./dueState"

/** Kilometres to a tenth, as the odometer counts them. */
const KM: NumberRule = { fractionDigits: 1, max: 99_999_999.9 }
/** A part's quantity: above zero, to a thousandth (litres of oil, metres of hose). */
const QUANTITY: NumberRule = { fractionDigits: 3, above: 0 }

/** A service record as the form edits it (strings, "" = not given); parts are edited beside it. */
export const serviceForm = (locale: Locale) =>
  Schema.Struct({
    completedOn: IsoDate,
    odometerKm: numberText(locale, KM),
    cost: optionalNumberText(locale, MONEY),
    currency: Currency,
    vendor: Schema.String.check(Schema.isMaxLength(200)),
    notes: Schema.String.check(Schema.isMaxLength(4000)),
  })
export type ServiceValues = ReturnType<typeof serviceForm>["Encoded"]

/** One part row as typed. */
export interface PartDraft {
  readonly name: string
  readonly quantity: string
  readonly cost: string
}

export const serviceValues = (task: TaskView | null, today: string, currency: string): ServiceValues => ({
  completedOn: today,
  odometerKm:
    task?.currentOdometerKm === null || task?.currentOdometerKm === undefined
      ? ""
      : String(Math.round(task.currentOdometerKm)),
  cost: "",
  currency,
  vendor: "",
  notes: task?.notes ?? "",
})

/** The parts as the API takes them (numbers as typed in `locale`), or null when a row is incomplete or malformed. */
export const partsOf = (
  drafts: ReadonlyArray<PartDraft>,
  locale: Locale,
): Array<{ name: string; quantity: number; cost: string | null }> | null => {
  const parts = drafts.filter((p) => !isBlank(p.name) || !isBlank(p.quantity) || !isBlank(p.cost))
  const ok = parts.every(
    (p) =>
      !isBlank(p.name) &&
      readNumber(p.quantity, locale, QUANTITY) !== null &&
      (isBlank(p.cost) || readNumber(p.cost, locale, MONEY) !== null),
  )
  if (!ok) return null
  return parts.map((p) => ({
    name: p.name.trim(),
    quantity: numberOf(p.quantity, locale, QUANTITY),
    cost: readNumber(p.cost, locale, MONEY),
  }))
}

export const serviceBody = (
  v: ServiceValues,
  parts: ReadonlyArray<{ name: string; quantity: number; cost: string | null }>,
  locale: Locale,
) => {
  const cost = readNumber(v.cost, locale, MONEY)
  return {
    completedOn: v.completedOn,
    odometerKm: numberOf(v.odometerKm, locale, KM),
    currency: v.currency,
    ...(cost === null ? {} : { cost }),
    ...(v.vendor.trim() === "" ? {} : { vendor: v.vendor.trim() }),
    ...(v.notes.trim() === "" ? {} : { notes: v.notes.trim() }),
    ...(parts.length === 0 ? {} : { parts }),
  }
}
