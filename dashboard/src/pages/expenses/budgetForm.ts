import { BudgetPeriod, ExpenseCategory, IsoDate } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { decimalOf, numberText, POSITIVE_MONEY } from "../../ui/form/numberText"

/** A new budget: "" category = every category; `start` any day of the period. */
export const budgetForm = (locale: Locale) =>
  Schema.Struct({
    category: Schema.Union([Schema.Literal(""), ExpenseCategory]),
    period: BudgetPeriod,
    start: IsoDate,
    amount: numberText(locale, POSITIVE_MONEY),
  })
export type BudgetValues = ReturnType<typeof budgetForm>["Encoded"]

export const newBudgetValues = (year: number): BudgetValues => ({
  category: "",
  period: "month",
  start: `${year}-01-01`,
  amount: "",
})

export const budgetBody = (v: BudgetValues, locale: Locale) => ({
  category: v.category === "" ? null : v.category,
  period: v.period,
  start: v.start,
  amount: decimalOf(v.amount, locale, POSITIVE_MONEY),
})
