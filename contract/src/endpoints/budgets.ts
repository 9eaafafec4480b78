import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, Money, PositiveMoney, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { ExpenseCategory } from "./expenses.js"

export const BudgetPeriod = Schema.Literals(["month", "quarter", "year"])

/** A spending limit in the organisation's currency for one category (null: all) and one period. */
export const Budget = Schema.Struct({
  id: Uuid,
  category: Schema.NullOr(ExpenseCategory),
  period: BudgetPeriod,
  /** The period's first day. */
  start: IsoDate,
  /** The period's last day. */
  end: IsoDate,
  amount: Money,
  currency: Currency,
}).annotate({ identifier: "Budget" })

export const BudgetVsActual = Schema.Struct({
  ...Budget.fields,
  /** Sum of the converted amounts of the period's expenses of the category. */
  actual: Money,
  /** amount − actual; negative when over. */
  remaining: Schema.String,
  /** actual / amount × 100, one decimal. */
  usedPct: Schema.Finite,
  /** Expenses of the period not in `actual`: no rate yet, or no amount. */
  unconverted: Schema.Int,
}).annotate({ identifier: "BudgetVsActual" })

const notFound = { status: 404, code: "FLEET_BUDGET_NOT_FOUND" }
const invalid = "FLEET_BUDGET_INVALID"
const exists = {
  status: 409,
  code: "FLEET_BUDGET_EXISTS",
  description: "a budget of that category and period",
}

/** Budgets per category and period, and what was spent against them. */
export const budgets = {
  list: endpoint({
    id: "budgets.list",
    method: "get",
    path: "/api/v1/budgets",
    tag: "budgets",
    summary: "Budgets, latest period first",
    access: "expenses.read",
    query: listQuery(["start", "amount"], {
      category: Schema.optionalKey(ExpenseCategory),
      period: Schema.optionalKey(BudgetPeriod),
    }),
    response: listOf(Budget),
  }),
  create: endpoint({
    id: "budgets.create",
    method: "post",
    path: "/api/v1/budgets",
    tag: "budgets",
    summary: "Set a budget; `start` may be any day of the period (stored as its first day)",
    access: "expenses.manage",
    body: Schema.Struct({
      /** Null or absent: every category. */
      category: Schema.optionalKey(Schema.NullOr(ExpenseCategory)),
      period: BudgetPeriod,
      start: IsoDate,
      amount: PositiveMoney,
    }),
    invalidCode: invalid,
    response: Budget,
    status: 201,
    errors: [exists],
  }),
  update: endpoint({
    id: "budgets.update",
    method: "patch",
    path: "/api/v1/budgets/:id",
    tag: "budgets",
    summary: "Change a budget's amount",
    access: "expenses.manage",
    params: IdParams,
    body: Schema.Struct({ amount: PositiveMoney }),
    invalidCode: invalid,
    response: Budget,
    errors: [notFound],
  }),
  delete: endpoint({
    id: "budgets.delete",
    method: "delete",
    path: "/api/v1/budgets/:id",
    tag: "budgets",
    summary: "Delete a budget",
    access: "expenses.manage",
    params: IdParams,
    status: 204,
    errors: [notFound],
  }),
  vsActual: endpoint({
    id: "budgets.vsActual",
    method: "get",
    path: "/api/v1/budgets/vs-actual",
    tag: "budgets",
    summary: "Each budget whose period overlaps [from, to] with what was spent in it",
    access: "expenses.read",
    query: Schema.Struct({ from: IsoDate, to: IsoDate }),
    response: Schema.Struct({ orgCurrency: Currency, items: Schema.Array(BudgetVsActual) }),
  }),
} as const
