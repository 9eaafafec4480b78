import { Currency, IsoDate } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { type NumberRule, numberText } from "../../ui/form/numberText"

/** The contract's `Rate`: above zero, up to 12 digits and 8 decimals. */
export const RATE: NumberRule = { fractionDigits: 8, above: 0, digits: 12 }

/** A rate as entered: 1 unit of `currency` in the organisation's currency from `date` on. */
export const rateForm = (locale: Locale) =>
  Schema.Struct({ currency: Currency, date: IsoDate, rate: numberText(locale, RATE) })
export type RateValues = ReturnType<typeof rateForm>["Encoded"]
