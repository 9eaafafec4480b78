import { BudgetPeriod, ExpenseCategory, IsoDate, PositiveMoney } from "@fleetcore/contract"
import { Schema } from "effect"

/** A new budget: "" category = every category; `start` any day of the period. */
export const BudgetForm = Schema.Struct({
  category: Schema.Union([Schema.Literal(""), ExpenseCategory]),
  period: BudgetPeriod,
  start: IsoDate,
  amount: PositiveMoney,
})
export type BudgetValues = (typeof BudgetForm)["Encoded"]

export const newBudgetValues = (year: number): BudgetValues => ({
  category: "",
  period: "month",
  start: `${year}-01-01`,
  amount: "",
})

export const budgetBody = (v: BudgetValues) => ({
  category: v.category === "" ? null : v.category,
  period: v.period,
  start: v.start,
  amount: v.amount,
})
