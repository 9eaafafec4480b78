import { EXPENSE_CATEGORIES, type ReportTable } from "@fleetcore/contract"
import { cents, money, units } from "./cents.js"
import { expenseSums } from "./expenseSums.js"
import { monthlyBudgets } from "./monthlyBudgets.js"
import type { ReportContext } from "./reportContext.js"
import { monthsOf } from "./reportPeriod.js"
import { CentsByKey, OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

/**
 * Expenses per month and category in the organisation's currency (the conversion each expense
 * carries), with the month's budget and what is left of it (budget − actual; negative: over).
 * Budgets are the organisation's: with a vehicle filter they still show the whole fleet's budget.
 */
export const expensesReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const months = monthsOf(period)
  const sums = await expenseSums(c, scope.ids, period)
  const budgets = await monthlyBudgets(c, months, books.currency)
  const byMonth = new Map<string, CentsByKey>(months.map((m) => [m, new CentsByKey()]))
  const byCategory = new CentsByKey()
  const originals = new OriginalsTally()
  let unconverted = 0
  for (const s of sums) {
    byMonth.get(s.month)?.add(s.category, cents(s.org_amount))
    byCategory.add(s.category, cents(s.org_amount))
    originals.add(s.currency, s.amount, s.items)
    unconverted += s.unconverted
  }
  const categories = EXPENSE_CATEGORIES.filter((k) => byCategory.keys().includes(k))
  const columns: Array<Column> = [
    { key: "month", kind: "date" },
    ...categories.map((key): Column => ({ key, kind: "money" })),
    { key: "total", kind: "money" },
    { key: "budget", kind: "money" },
    { key: "remaining", kind: "money" },
  ]
  let budgetSum = 0n
  let anyBudget = false
  const monthTotals = months.map((m) => {
    const at = byMonth.get(m) ?? new CentsByKey()
    return categories.reduce((s, k) => s + at.get(k), 0n)
  })
  const rows = months.map((m, i) => {
    const at = byMonth.get(m) ?? new CentsByKey()
    const total = monthTotals[i] ?? 0n
    const budget = budgets.get(m)
    if (budget !== undefined) {
      budgetSum += cents(budget)
      anyBudget = true
    }
    return {
      month: m,
      ...Object.fromEntries(categories.map((k) => [k, money(at.get(k))])),
      total: money(total),
      budget: budget ?? null,
      remaining: budget === undefined ? null : money(cents(budget) - total),
    }
  })
  const grand = categories.reduce((s, k) => s + byCategory.get(k), 0n)
  return {
    report: "expenses",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns,
    rows,
    totals: {
      month: null,
      ...Object.fromEntries(categories.map((k) => [k, money(byCategory.get(k))])),
      total: money(grand),
      budget: anyBudget ? money(budgetSum) : null,
      remaining: anyBudget ? money(budgetSum - grand) : null,
    },
    charts: [
      {
        key: "byCategory",
        kind: "pie",
        categoryLabels: "translate",
        categories: [...categories],
        series: [{ key: "total", values: categories.map((k) => units(byCategory.get(k))) }],
      },
      {
        key: "byMonth",
        kind: "stackedBar",
        categoryLabels: "month",
        categories: [...months],
        series: categories.map((k) => ({
          key: k,
          values: months.map((m) => units(byMonth.get(m)?.get(k) ?? 0n)),
        })),
      },
      {
        key: "budgetVsActual",
        kind: "bar",
        categoryLabels: "month",
        categories: [...months],
        series: [
          { key: "budget", values: months.map((m) => units(cents(budgets.get(m)))) },
          { key: "total", values: monthTotals.map(units) },
        ],
      },
    ],
    originals: originals.list(),
    unconverted,
  }
}
